import { useId, useState, type FormEvent } from 'react';
import { SLO_TARGET_CHOICES, formatTarget } from '../../shared/dashboard';
import { PROBE_KINDS, SERVICE_GROUPS, type Monitor, type ProbeKind } from '../../shared/monitor';
import { useApiMutation } from '../hooks/useApiQuery';
import { useMethodControl } from '../hooks/useReviewMode';
import { KIND_LABELS } from './kinds';
import { Field } from './Field';
import { KindFields } from './monitor-form/KindFields';
import { EMPTY, toDraft, valuesOf, type CommonField, type Values } from './monitor-form/values';
import { useFormIssues } from './monitor-form/useFormIssues';
import { VantageFields } from './vantage/VantageFields';

/**
 * Create or edit a monitor of any kind. It deliberately does not re-implement the contract's rules:
 * what the operator typed goes to `monitors.create` / `monitors.update` as is, and the contract's
 * `invalid_input` issues come back and are shown under the field they name — monitor fields here,
 * `config.*` paths at the kind's own fields (`noValidate`, so the browser does not pre-empt them).
 */

export { toDraft } from './monitor-form/values';

const KINDS = Object.keys(PROBE_KINDS) as ProbeKind[];

interface Props {
  /** Edit this monitor; absent = create a new one. */
  monitor?: Monitor;
  onSaved?: (m: Monitor) => void;
  onCancel?: () => void;
}

export function MonitorForm({ monitor, onSaved, onCancel }: Props) {
  const uid = useId();
  const create = useApiMutation('monitors.create', { onError: (err) => issues.show(err) });
  const update = useApiMutation('monitors.update', { onError: (err) => issues.show(err) });
  const busy = create.busy || update.busy;
  const control = useMethodControl();
  const editing = monitor !== undefined;
  const [values, setValues] = useState<Values>(() => (monitor ? valuesOf(monitor) : EMPTY));
  // Config per kind, so switching kind and back keeps what was typed.
  const [configs, setConfigs] = useState<Partial<Record<ProbeKind, Record<string, unknown>>>>(() =>
    monitor ? { [monitor.kind]: monitor.config as Record<string, unknown> } : {},
  );
  const issues = useFormIssues();
  const { fieldErrors, configErrors, formErrors, refs, kindRef } = issues;
  const [saved, setSaved] = useState<string | null>(null);

  // Reload only when another monitor is opened, not on every refetch of the same one: state
  // adjusted while rendering (React's "storing information from previous renders"), not in an effect.
  const [loadedId, setLoadedId] = useState(monitor?.id);
  if (monitor && monitor.id !== loadedId) {
    setLoadedId(monitor.id);
    setValues(valuesOf(monitor));
    setConfigs({ [monitor.kind]: monitor.config as Record<string, unknown> });
  }

  const id = (f: string) => `${uid}-${f}`;
  const config = configs[values.kind] ?? {};

  function set<K extends keyof Values>(f: K, value: Values[K]) {
    setValues((v) => ({ ...v, [f]: value }));
    setSaved(null);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setSaved(null);
    const draft = toDraft(values, config);
    const m = monitor ? await update.run({ id: monitor.id, monitor: draft }) : await create.run(draft);
    if (!m) return;
    issues.clear();
    if (!monitor) {
      setValues(EMPTY);
      setConfigs({});
    }
    setSaved(monitor ? `Saved “${m.name}”.` : `Added “${m.name}”.`);
    onSaved?.(m);
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

  const groups = SERVICE_GROUPS.includes(values.group as (typeof SERVICE_GROUPS)[number])
    ? SERVICE_GROUPS
    : [...SERVICE_GROUPS, values.group];

  return (
    <form className="monitor-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{editing ? `Edit ${monitor.name}` : 'New monitor'}</h2>
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
      <KindFields
        kind={values.kind}
        monitorKey={monitor?.id ?? 'new'}
        config={config}
        onChange={(c) => {
          setConfigs((all) => ({ ...all, [values.kind]: c }));
          setSaved(null);
        }}
        errors={configErrors}
        idPrefix={`${uid}-${values.kind}`}
        disabled={busy}
        groupRef={kindRef}
      />
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
                {formatTarget(t)}
              </option>
            ))}
          </select>,
        )}
      </div>
      <VantageFields value={values.vantage} onChange={(v) => set('vantage', v)} />
      {editing && (
        <label className="checkbox">
          <input type="checkbox" checked={values.paused} onChange={(e) => set('paused', e.target.checked)} /> Paused
          (not probed)
        </label>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="btn btn--primary"
          {...control(monitor ? 'monitors.update' : 'monitors.create', { disabled: busy })}
        >
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
