import { Field } from '../../Field';
import { withKey } from './config-values';
import { NumberInput } from './NumberInput';

/**
 * The last step's confirmation: repeat it until its status is accepted (a submission accepted but
 * never visible is `submit_not_visible`). A poll on another step is refused by the contract, and
 * that error shows on the step that has it.
 */
export function StepPoll({
  last,
  poll,
  errors,
  id,
  set,
}: {
  last: boolean;
  poll: Record<string, unknown> | undefined;
  errors: { poll: string | undefined; timeoutMs: string | undefined; intervalMs: string | undefined };
  id: (k: string) => string;
  set: (key: string, value: unknown) => void;
}) {
  return (
    <>
      {last && (
        <div className="field field--check">
          <label>
            <input
              type="checkbox"
              id={id('poll')}
              checked={poll !== undefined}
              onChange={(e) => set('poll', e.target.checked ? {} : undefined)}
            />{' '}
            Confirm: repeat this step until it succeeds
          </label>
        </div>
      )}
      {last && poll && (
        <div className="field-row">
          <Field
            id={id('poll-timeoutMs')}
            label="Confirm within (ms)"
            error={errors.timeoutMs}
            hint="Else down: submit_not_visible; default 10000 ms"
          >
            {(a) => (
              <NumberInput {...a} value={poll.timeoutMs} onChange={(v) => set('poll', withKey(poll, 'timeoutMs', v))} />
            )}
          </Field>
          <Field id={id('poll-intervalMs')} label="Every (ms)" error={errors.intervalMs} hint="Default 500 ms">
            {(a) => (
              <NumberInput
                {...a}
                value={poll.intervalMs}
                onChange={(v) => set('poll', withKey(poll, 'intervalMs', v))}
              />
            )}
          </Field>
        </div>
      )}
      {errors.poll && !poll && (
        <span className="field__error" role="alert">
          {errors.poll}
        </span>
      )}
    </>
  );
}
