import { Field } from '../Field';

/** One step of a task-submission monitor (request, expectations, captures, polling) and the controls it shares with the limits. */

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
      <Rows
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
      <Rows
        legend="Capture into variables"
        idBase={id('capture')}
        value={isRecord(step.capture) ? (step.capture as Record<string, string>) : {}}
        keyLabel="Variable"
        valueLabel="From ($.path or header:name)"
        addLabel="Add capture"
        error={err('capture')}
        onChange={(v) => set('capture', Object.keys(v).length ? v : undefined)}
      />
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
            error={err('poll.timeoutMs')}
            hint="Else down: submit_not_visible; default 10000 ms"
          >
            {(a) => (
              <NumberInput {...a} value={poll.timeoutMs} onChange={(v) => set('poll', withKey(poll, 'timeoutMs', v))} />
            )}
          </Field>
          <Field id={id('poll-intervalMs')} label="Every (ms)" error={err('poll.intervalMs')} hint="Default 500 ms">
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
      {err('poll') && !poll && (
        <span className="field__error" role="alert">
          {err('poll')}
        </span>
      )}
    </>
  );
}

/** Name → value pairs (headers, captures) as rows of two inputs. */
function Rows({
  legend,
  idBase,
  value,
  keyLabel,
  valueLabel,
  addLabel,
  error,
  onChange,
}: {
  legend: string;
  idBase: string;
  value: Record<string, string>;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
  error: string | undefined;
  onChange(v: Record<string, string>): void;
}) {
  const entries = Object.entries(value);
  const update = (i: number, k: string, v: string) =>
    onChange(Object.fromEntries(entries.map((e, j) => (j === i ? [k, v] : e))));
  return (
    <fieldset className={`field kv-rows${error ? ' field--invalid' : ''}`}>
      <legend>{legend}</legend>
      {entries.map(([k, v], i) => (
        <div className="field-row" key={i}>
          <input
            type="text"
            autoComplete="off"
            aria-label={`${keyLabel} ${i + 1}`}
            id={`${idBase}-${i}-key`}
            value={k}
            onChange={(e) => update(i, e.target.value, v)}
          />
          <input
            type="text"
            autoComplete="off"
            aria-label={`${valueLabel} ${i + 1}`}
            id={`${idBase}-${i}-value`}
            value={v}
            onChange={(e) => update(i, k, e.target.value)}
          />
          <button
            type="button"
            className="btn"
            aria-label={`Remove ${keyLabel.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}
          >
            ×
          </button>
        </div>
      ))}
      {/* A second blank row would share the blank name and merge with the first. */}
      <button type="button" className="btn" disabled={'' in value} onClick={() => onChange({ ...value, '': '' })}>
        {addLabel}
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

interface ControlAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export function NumberInput({
  value,
  onChange,
  ...rest
}: ControlAria & { value: unknown; onChange(v: unknown): void; disabled?: boolean | undefined }) {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      value={value === undefined ? '' : String(value)}
      onChange={(e) => {
        const t = e.target.value.trim();
        onChange(t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : e.target.value);
      }}
    />
  );
}

export function withKey<T extends Record<string, unknown>>(obj: T, key: string, value: unknown): T {
  const next: Record<string, unknown> = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}

function firstUnder(errors: Record<string, string>, prefix: string): string | undefined {
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) return v;
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Stored ranges show as "202" / "200-299"; text being typed shows as typed. */
function formatStatus(v: unknown): string {
  if (Array.isArray(v)) return v[0] === v[1] ? String(v[0]) : `${v[0]}-${v[1]}`;
  return String(v);
}
