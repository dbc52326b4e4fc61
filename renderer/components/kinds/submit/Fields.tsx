import type { KindFieldsProps } from '../types';
import { Field } from '../../Field';
import { withKey } from './config-values';
import { NumberInput } from './NumberInput';
import { StepFields } from './StepFields';

/**
 * Fields of a task-submission (submit) monitor: overall limits, then the steps in order, each
 * editable, removable and movable. Only the last step can poll (the confirmation).
 */

type Step = Record<string, unknown>;

const MAX_STEPS = 10;

export function SubmitFields({ config, onChange, errors, idPrefix, disabled }: KindFieldsProps) {
  const steps: Step[] = Array.isArray(config.steps) ? (config.steps as Step[]) : [];
  const id = (k: string) => `${idPrefix}-submit-${k}`;

  const setTop = (key: string, value: unknown) => onChange(withKey(config, key, value));
  const setSteps = (next: Step[]) => {
    // Only the last step may poll: moving a polling step up drops its polling rather than fail later.
    onChange({
      ...config,
      steps: next.map((s, i) => (i < next.length - 1 && s.poll !== undefined ? withKey(s, 'poll', undefined) : s)),
    });
  };
  const setStep = (i: number, key: string, value: unknown) =>
    setSteps(steps.map((s, j) => (j === i ? withKey(s, key, value) : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...steps];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    setSteps(next);
  };

  const stepsError = errors.steps;

  return (
    <>
      <div className="field-row">
        <Field
          id={id('degradedAboveMs')}
          label="Slow above (ms)"
          error={errors.degradedAboveMs}
          hint="Whole transaction; default 3000 ms"
        >
          {(a) => (
            <NumberInput
              {...a}
              value={config.degradedAboveMs}
              onChange={(v) => setTop('degradedAboveMs', v)}
              disabled={disabled}
            />
          )}
        </Field>
        <Field
          id={id('timeoutMs')}
          label="Timeout (ms)"
          error={errors.timeoutMs}
          hint="Whole transaction; default 30000 ms"
        >
          {(a) => (
            <NumberInput {...a} value={config.timeoutMs} onChange={(v) => setTop('timeoutMs', v)} disabled={disabled} />
          )}
        </Field>
      </div>
      <ol className="submit-steps" aria-label="Steps">
        {steps.map((step, i) => (
          <li key={i} className="submit-step">
            <fieldset disabled={disabled}>
              <legend>
                Step {i + 1}
                {typeof step.name === 'string' && step.name ? ` — ${step.name}` : ''}
              </legend>
              <StepFields
                step={step}
                index={i}
                last={i === steps.length - 1}
                errors={errors}
                id={(k) => id(`${i}-${k}`)}
                set={(key, value) => setStep(i, key, value)}
              />
              <div className="button-row">
                <button
                  type="button"
                  className="btn"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={`Move step ${i + 1} up`}
                >
                  Move up
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={() => move(i, 1)}
                  disabled={i === steps.length - 1}
                  aria-label={`Move step ${i + 1} down`}
                >
                  Move down
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                  aria-label={`Remove step ${i + 1}`}
                >
                  Remove
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {stepsError && (
        <span className="field__error" role="alert">
          {stepsError}
        </span>
      )}
      <div className="button-row">
        <button
          type="button"
          className="btn"
          disabled={disabled || steps.length >= MAX_STEPS}
          onClick={() => setSteps([...steps, { method: steps.length === 0 ? 'GET' : 'POST', url: '' }])}
        >
          Add step
        </button>
      </div>
    </>
  );
}
