import { Field } from '../../Field';
import { firstUnder, formatStatus, isRecord, str } from './config-values';
import { KeyValueRows } from './KeyValueRows';
import { NumberInput } from './NumberInput';
import { StepPoll } from './StepPoll';

/** One step of a task-submission monitor: request, expectations, captures, and (last step) polling. */

type Step = Record<string, unknown>;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

export function StepFields({
  step,
  index,
  last,
  errors,
  id,
  set,
}: {
  step: Step;
  index: number;
  last: boolean;
  errors: Record<string, string>;
  id: (k: string) => string;
  set: (key: string, value: unknown) => void;
}) {
  const err = (k: string) => errors[`steps.${index}.${k}`] ?? firstUnder(errors, `steps.${index}.${k}.`);
  const method = typeof step.method === 'string' ? step.method : 'GET';
  const poll = isRecord(step.poll) ? step.poll : undefined;
  const expect = Array.isArray(step.expectStatus) ? (step.expectStatus as unknown[]).map(formatStatus).join(',') : '';
  const showBody = method !== 'GET' && method !== 'HEAD';

  return (
    <>
      <div className="field-row">
        <Field id={id('name')} label="Name" error={err('name')}>
          {(a) => (
            <input
              {...a}
              type="text"
              autoComplete="off"
              placeholder="Submit a task"
              value={str(step.name)}
              onChange={(e) => set('name', e.target.value || undefined)}
            />
          )}
        </Field>
        <Field id={id('method')} label="Method" error={err('method')}>
          {(a) => (
            <select {...a} value={method} onChange={(e) => set('method', e.target.value)}>
              {METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id={id('url')} label="URL" error={err('url')} hint="Use {{name}} for a value captured by an earlier step">
        {(a) => (
          <input
            {...a}
            type="text"
            inputMode="url"
            autoComplete="off"
            placeholder="https://api.example.com/submissions/{{id}}"
            value={str(step.url)}
            onChange={(e) => set('url', e.target.value)}
          />
        )}
      </Field>
      <KeyValueRows
        legend="Headers"
        idBase={id('headers')}
        value={isRecord(step.headers) ? (step.headers as Record<string, string>) : {}}
        keyLabel="Header"
        valueLabel="Value"
        addLabel="Add header"
        error={err('headers')}
        onChange={(v) => set('headers', Object.keys(v).length ? v : undefined)}
      />
      {(showBody || step.body !== undefined) && (
        <Field id={id('body')} label="Body" error={err('body')}>
          {(a) => (
            <textarea
              {...a}
              rows={3}
              value={str(step.body)}
              onChange={(e) => set('body', e.target.value === '' ? undefined : e.target.value)}
            />
          )}
        </Field>
      )}
      <div className="field-row">
        <Field
          id={id('expectStatus')}
          label="Expected status"
          error={err('expectStatus')}
          hint="e.g. 202 or 200-299, comma-separated"
        >
          {(a) => (
            <input
              {...a}
              type="text"
              autoComplete="off"
              placeholder="200-299"
              value={expect}
              onChange={(e) => set('expectStatus', e.target.value === '' ? undefined : e.target.value.split(','))}
            />
          )}
        </Field>
        <Field id={id('timeoutMs')} label="Step timeout (ms)" error={err('timeoutMs')} hint="Default 10000 ms">
          {(a) => <NumberInput {...a} value={step.timeoutMs} onChange={(v) => set('timeoutMs', v)} />}
        </Field>
      </div>
      <KeyValueRows
        legend="Capture into variables"
        idBase={id('capture')}
        value={isRecord(step.capture) ? (step.capture as Record<string, string>) : {}}
        keyLabel="Variable"
        valueLabel="From ($.path or header:name)"
        addLabel="Add capture"
        error={err('capture')}
        onChange={(v) => set('capture', Object.keys(v).length ? v : undefined)}
      />
      <StepPoll
        last={last}
        poll={poll}
        errors={{ poll: err('poll'), timeoutMs: err('poll.timeoutMs'), intervalMs: err('poll.intervalMs') }}
        id={id}
        set={set}
      />
    </>
  );
}
