import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Input } from '../../shared/api';
import { SLO_TARGET_CHOICES, formatPercent } from '../../shared/dashboard';
import { ApiError, type InputIssue } from '../../shared/errors';
import { PROBE_KINDS, SERVICE_GROUPS, type Monitor, type ProbeKind } from '../../shared/monitor';
import { useTransport } from '../api/context';
import { asApiError } from '../hooks/useApiQuery';
import { GenericFields } from './kinds/GenericFields';
import { KIND_FIELDS, KIND_LABELS } from './kinds';
import { Field } from './Field';
import { VantageFields } from './vantage/VantageFields';
import type { VantageConfigInput } from '../../shared/vantage';

/**
 * Create or edit a monitor of any kind. It deliberately does not re-implement the contract's rules:
 * what the operator typed goes to `monitors.create` / `monitors.update` as is, and the contract's
 * `invalid_input` issues come back and are shown under the field they name — monitor fields here,
 * `config.*` paths at the kind's own fields (`noValidate`, so the browser does not pre-empt them).
 */

type CommonField = 'name' | 'kind' | 'group' | 'intervalSec' | 'retries' | 'sloTarget';
const COMMON_ORDER: CommonField[] = ['name', 'kind', 'group', 'intervalSec', 'retries', 'sloTarget'];

interface Values {
  name: string;
  kind: ProbeKind;
  group: string;
  intervalSec: string;
  retries: string;
  /** '' = the group's target. */
  sloTarget: string;
  paused: boolean;
  /** Remote vantage option (kept as it is when the form edits other fields). */
  vantage: VantageConfigInput | null;
}

const KINDS = Object.keys(PROBE_KINDS) as ProbeKind[];
const EMPTY: Values = { name: '', kind: 'http', group: 'Web', intervalSec: '', retries: '', sloTarget: '', paused: false, vantage: null };

function valuesOf(m: Monitor): Values {
  return {
    name: m.name,
    kind: m.kind,
    group: m.group,
    intervalSec: String(m.intervalSec),
    retries: String(m.retries),
    sloTarget: m.sloTarget == null ? '' : String(m.sloTarget),
    paused: m.paused,
    vantage: m.vantage ?? null,
  };
}

function optionalNumber(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  // Not a number: send the text, so the contract names the field ("expected number").
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

export function toDraft(v: Values, config: Record<string, unknown>): Input<'monitors.create'> {
  return {
    name: v.name,
    group: v.group,
    intervalSec: optionalNumber(v.intervalSec),
    retries: optionalNumber(v.retries),
    sloTarget: v.sloTarget === '' ? null : Number(v.sloTarget),
    paused: v.paused,
    vantage: v.vantage,
    kind: v.kind,
    config,
  } as Input<'monitors.create'>;
}

interface Props {
  /** Edit this monitor; absent = create a new one. */
  monitor?: Monitor;
  onSaved?: (m: Monitor) => void;
  onCancel?: () => void;
}

export function MonitorForm({ monitor, onSaved, onCancel }: Props) {
  const transport = useTransport();
  const uid = useId();
  const editing = monitor !== undefined;
  const [values, setValues] = useState<Values>(() => (monitor ? valuesOf(monitor) : EMPTY));
  // Config per kind, so switching kind and back keeps what was typed.
  const [configs, setConfigs] = useState<Partial<Record<ProbeKind, Record<string, unknown>>>>(() =>
    monitor ? { [monitor.kind]: monitor.config as Record<string, unknown> } : {},
  );
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<CommonField, string>>>({});
  const [configErrors, setConfigErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = useRef<Partial<Record<CommonField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const kindRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!monitor) return;
    setValues(valuesOf(monitor));
    setConfigs({ [monitor.kind]: monitor.config as Record<string, unknown> });
    // Reload only when another monitor is opened, not on every refetch of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [monitor?.id]);

  const id = (f: string) => `${uid}-${f}`;
  const config = configs[values.kind] ?? {};

  function set<K extends keyof Values>(f: K, value: Values[K]) {
    setValues((v) => ({ ...v, [f]: value }));
    setSaved(null);
  }

  function showIssues(err: ApiError) {
    const common: Partial<Record<CommonField, string>> = {};
    const cfg: Record<string, string> = {};
    const rest: string[] = [];
    const issues: InputIssue[] = err.issues?.length ? err.issues : [{ path: '', message: err.message }];
    for (const issue of issues) {
      // The update call nests the draft under `monitor.`.
      const path = issue.path.replace(/^monitor\./, '');
      const head = path.split('.')[0] as CommonField;
      if (path.startsWith('config.')) cfg[path.slice('config.'.length)] ??= issue.message;
      else if (path === 'config') cfg[''] ??= issue.message;
      else if (COMMON_ORDER.includes(head)) common[head] ??= issue.message; // first message per field
      else rest.push(path ? `${path}: ${issue.message}` : issue.message);
    }
    if (cfg['']) rest.push(cfg['']);
    delete cfg[''];
    setFieldErrors(common);
    setConfigErrors(cfg);
    setFormErrors(rest);
    const first = COMMON_ORDER.find((f) => common[f]);
    if (first) refs.current[first]?.focus();
    else if (Object.keys(cfg).length) setFocusConfig((n) => n + 1);
  }

  // The kind's fields show their errors on the next render; focus the first one then.
  const [focusConfig, setFocusConfig] = useState(0);
  useEffect(() => {
    if (focusConfig > 0) kindRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusConfig]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(null);
    try {
      const draft = toDraft(values, config);
      const m = monitor
        ? await transport.invoke('monitors.update', { id: monitor.id, monitor: draft })
        : await transport.invoke('monitors.create', draft);
      setFieldErrors({});
      setConfigErrors({});
      setFormErrors([]);
      if (!monitor) {
        setValues(EMPTY);
        setConfigs({});
      }
      setSaved(monitor ? `Saved “${m.name}”.` : `Added “${m.name}”.`);
      onSaved?.(m);
    } catch (err) {
      const apiErr = asApiError(err);
      if (apiErr.code === 'invalid_input') showIssues(apiErr);
      else {
        setFieldErrors({});
        setConfigErrors({});
        setFormErrors([apiErr.message]);
      }
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (f: CommonField, hint?: boolean) =>
    [fieldErrors[f] ? `${id(f)}-error` : '', hint ? `${id(f)}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const wrap = (f: CommonField, label: string, control: React.ReactNode, hint?: string) => (
    <Field id={id(f)} label={label} error={fieldErrors[f]} hint={hint}>
      {() => control}
    </Field>
  );
  const common = (f: CommonField, hint?: boolean) => ({
    id: id(f),
    name: f,
    'aria-invalid': fieldErrors[f] ? true : undefined,
    'aria-describedby': describedBy(f, hint),
    ref: (el: HTMLInputElement | HTMLSelectElement | null) => {
      refs.current[f] = el;
    },
  });
  const text = (f: 'name' | 'intervalSec' | 'retries', numeric = false, hint = false) => (
    <input
      {...common(f, hint)}
      type="text"
      autoComplete="off"
      inputMode={numeric ? 'numeric' : undefined}
      value={values[f]}
      onChange={(e) => set(f, e.target.value)}
    />
  );

  const Fields = KIND_FIELDS[values.kind];
  const groups = SERVICE_GROUPS.includes(values.group as (typeof SERVICE_GROUPS)[number]) ? SERVICE_GROUPS : [...SERVICE_GROUPS, values.group];

  return (
    <form className="monitor-form" noValidate onSubmit={onSubmit} aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{editing ? `Edit ${monitor.name}` : 'New monitor'}</h2>
      {formErrors.length > 0 && (
        <div className="form-error" role="alert">
          {formErrors.length === 1 ? formErrors[0] : <ul>{formErrors.map((m, i) => <li key={i}>{m}</li>)}</ul>}
        </div>
      )}
      {wrap('name', 'Name', text('name'))}
      <div className="field-row">
        {wrap(
          'kind',
          'Kind',
          <select {...common('kind')} value={values.kind} onChange={(e) => set('kind', e.target.value as ProbeKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>,
        )}
        {wrap(
          'group',
          'Group',
          <select {...common('group')} value={values.group} onChange={(e) => set('group', e.target.value)}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>,
        )}
      </div>
      <div className="kind-fields" ref={kindRef} role="group" aria-label={`${KIND_LABELS[values.kind]} settings`}>
        {Fields ? (
          <Fields
            key={`${values.kind}-${monitor?.id ?? 'new'}`}
            config={config}
            onChange={(c) => {
              setConfigs((all) => ({ ...all, [values.kind]: c }));
              setSaved(null);
            }}
            errors={configErrors}
            idPrefix={`${uid}-${values.kind}`}
            disabled={busy}
          />
        ) : (
          <GenericFields
            key={`${values.kind}-${monitor?.id ?? 'new'}`}
            kind={values.kind}
            config={config}
            onChange={(c) => setConfigs((all) => ({ ...all, [values.kind]: c }))}
            errors={configErrors}
            idPrefix={`${uid}-${values.kind}`}
            disabled={busy}
          />
        )}
      </div>
      <div className="field-row">
        {wrap('intervalSec', 'Interval (s)', text('intervalSec', true, true), 'Default 60 s')}
        {wrap('retries', 'Retries', text('retries', true, true), 'Failures before it counts as down; default 2')}
        {wrap(
          'sloTarget',
          'SLO target',
          <select {...common('sloTarget')} value={values.sloTarget} onChange={(e) => set('sloTarget', e.target.value)}>
            <option value="">Group default</option>
            {SLO_TARGET_CHOICES.map((t) => (
              <option key={t} value={String(t)}>
                {formatPercent(t, 2).replace(/\.00%$/, '%').replace(/0%$/, '%')}
              </option>
            ))}
          </select>,
        )}
      </div>
      <VantageFields value={values.vantage} onChange={(v) => set('vantage', v)} />
      {editing && (
        <label className="checkbox">
          <input type="checkbox" checked={values.paused} onChange={(e) => set('paused', e.target.checked)} /> Paused (not probed)
        </label>
      )}
      <div className="button-row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {editing ? 'Save changes' : 'Add monitor'}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <span className="form-status" role="status">
          {saved}
        </span>
      </div>
    </form>
  );
}
