import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Input } from '../../shared/api';
import { ApiError, type InputIssue } from '../../shared/errors';
import { SERVICE_GROUPS } from '../../shared/monitor';
import { useTransport } from '../api/context';
import { asApiError } from '../hooks/useApiQuery';

/**
 * Add-monitor form. It deliberately does not re-implement the contract's rules: what the user typed
 * goes to `monitors.create` as is, and the contract's `invalid_input` issues come back and are
 * shown under the field they name (`noValidate`, `type="text"`, so the browser does not pre-empt them).
 */

type FieldName = 'name' | 'url' | 'group' | 'intervalSec' | 'degradedAboveMs';

/** Issue path (dotted, as sent by the transport) → the field that shows it. */
const FIELD_FOR_PATH: Record<string, FieldName> = {
  name: 'name',
  group: 'group',
  intervalSec: 'intervalSec',
  'config.url': 'url',
  'config.degradedAboveMs': 'degradedAboveMs',
};

const FIELD_ORDER: FieldName[] = ['name', 'url', 'group', 'intervalSec', 'degradedAboveMs'];

type Values = Record<FieldName, string>;
const EMPTY: Values = { name: '', url: '', group: 'Web', intervalSec: '', degradedAboveMs: '' };

function optionalNumber(s: string): number | undefined {
  return s.trim() === '' ? undefined : Number(s);
}

export function toDraft(v: Values): Input<'monitors.create'> {
  return {
    name: v.name,
    group: v.group,
    intervalSec: optionalNumber(v.intervalSec),
    kind: 'http',
    config: { url: v.url, degradedAboveMs: optionalNumber(v.degradedAboveMs) },
  } as Input<'monitors.create'>;
}

export function MonitorForm({ onCreated }: { onCreated?: (id: number) => void }) {
  const transport = useTransport();
  const uid = useId();
  const [values, setValues] = useState<Values>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = useRef<Partial<Record<FieldName, HTMLInputElement | HTMLSelectElement | null>>>({});

  const id = (f: FieldName) => `${uid}-${f}`;
  const errId = (f: FieldName) => `${uid}-${f}-error`;

  function set(f: FieldName, value: string) {
    setValues((v) => ({ ...v, [f]: value }));
    setSaved(null);
  }

  function showIssues(err: ApiError) {
    const byField: Partial<Record<FieldName, string>> = {};
    const rest: string[] = [];
    const issues: InputIssue[] = err.issues?.length ? err.issues : [{ path: '', message: err.message }];
    for (const issue of issues) {
      const field = FIELD_FOR_PATH[issue.path];
      if (field) {
        byField[field] ??= issue.message; // first message per field; the rest are usually consequences
      } else {
        rest.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
      }
    }
    setFieldErrors(byField);
    setFormErrors(rest);
    const first = FIELD_ORDER.find((f) => byField[f]);
    if (first) refs.current[first]?.focus();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(null);
    try {
      const created = await transport.invoke('monitors.create', toDraft(values));
      setValues(EMPTY);
      setFieldErrors({});
      setFormErrors([]);
      setSaved(`Added “${created.name}”.`);
      onCreated?.(created.id);
    } catch (err) {
      const apiErr = asApiError(err);
      if (apiErr.code === 'invalid_input') {
        showIssues(apiErr);
      } else {
        setFieldErrors({});
        setFormErrors([apiErr.message]);
      }
    } finally {
      setBusy(false);
    }
  }

  function field(f: FieldName, label: string, control: (common: ControlProps) => ReactNode, hint?: string) {
    const error = fieldErrors[f];
    const hintId = hint ? `${uid}-${f}-hint` : undefined;
    const describedBy = [error ? errId(f) : undefined, hintId].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={id(f)}>{label}</label>
        {control({
          id: id(f),
          name: f,
          value: values[f],
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
        })}
        {hint && (
          <span id={hintId} className="field__hint">
            {hint}
          </span>
        )}
        {error && (
          <span id={errId(f)} className="field__error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }

  type ControlProps = {
    id: string;
    name: string;
    value: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  };

  const text = (f: FieldName, extra: { inputMode?: 'numeric' | 'url'; placeholder?: string; autoComplete?: string } = {}) =>
    (common: ControlProps) => (
      <input
        {...common}
        {...extra}
        type="text"
        ref={(el) => {
          refs.current[f] = el;
        }}
        onChange={(e) => set(f, e.target.value)}
      />
    );

  return (
    <form className="monitor-form" noValidate onSubmit={onSubmit} aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>New monitor</h2>
      {formErrors.length > 0 && (
        <div className="form-error" role="alert">
          {formErrors.length === 1 ? (
            formErrors[0]
          ) : (
            <ul>
              {formErrors.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {field('name', 'Name', text('name', { autoComplete: 'off' }))}
      {field('url', 'URL', text('url', { inputMode: 'url', autoComplete: 'off', placeholder: 'https://example.com/health' }))}
      {field('group', 'Group', (common) => (
        <select
          {...common}
          ref={(el) => {
            refs.current.group = el;
          }}
          onChange={(e) => set('group', e.target.value)}
        >
          {SERVICE_GROUPS.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      ))}
      <div className="field-row">
        {field('intervalSec', 'Interval (s)', text('intervalSec', { inputMode: 'numeric' }), 'Default 60 s')}
        {field(
          'degradedAboveMs',
          'Slow above (ms)',
          text('degradedAboveMs', { inputMode: 'numeric' }),
          'Default 3000 ms',
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Add monitor
        </button>
        <span className="form-status" role="status">
          {saved}
        </span>
      </div>
    </form>
  );
}
