import { useId, useState, type FormEvent } from 'react';
import type { Conflict, MaintenanceWindow } from '../../../shared/maintenance';
import type { Monitor } from '../../../shared/monitor';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { Field } from '../Field';
import {
  emptySchedule,
  scheduleInput,
  scheduleValuesOf,
  splitIssues,
  type ScheduleField,
  type ScheduleValues,
} from './form-model';
import { ScheduleFields } from './ScheduleFields';
import { ConflictList } from './ConflictList';
import { TargetsFieldset } from './TargetsFieldset';

interface Props {
  monitors: Monitor[];
  /** Edit this window; absent = a new one. */
  window?: MaintenanceWindow | undefined;
  readOnly: boolean;
  onSaved?: (w: MaintenanceWindow) => void;
  onCancel?: () => void;
}

/**
 * Create or edit a maintenance window. Saving first asks the core for conflicts (peak events,
 * windows on the same monitors or groups); if there are any they are listed and the operator
 * chooses "Save anyway". Field errors are the contract's `invalid_input` issues, shown in place.
 */
export function WindowForm({ monitors, window: editing, readOnly, onSaved, onCancel }: Props) {
  const transport = useTransport();
  const uid = useId();
  const [values, setValues] = useState<ScheduleValues>(() => (editing ? scheduleValuesOf(editing) : emptySchedule()));
  const [monitorIds, setMonitorIds] = useState<number[]>(editing?.monitorIds ?? []);
  const [groups, setGroups] = useState<string[]>(editing?.groups ?? []);
  const [errors, setErrors] = useState<Partial<Record<ScheduleField, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const control = useMethodControl();

  // Another window opened for editing (or none): the form starts over, adjusted while rendering.
  const [shownId, setShownId] = useState(editing?.id);
  if (editing?.id !== shownId) {
    setShownId(editing?.id);
    setValues(editing ? scheduleValuesOf(editing) : emptySchedule());
    setMonitorIds(editing?.monitorIds ?? []);
    setGroups(editing?.groups ?? []);
    setErrors({});
    setFormErrors([]);
    setConflicts(null);
  }

  const change = (patch: Partial<ScheduleValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setConflicts(null);
    setSaved(null);
  };
  const draft = () => ({ ...scheduleInput(values), monitorIds, groups });

  function fail(err: unknown) {
    const e = asApiError(err);
    if (e.code === 'invalid_input' && e.issues?.length) {
      const { fields, rest } = splitIssues(e.issues);
      setErrors(fields);
      setFormErrors(rest);
    } else {
      setErrors({});
      setFormErrors([e.message]);
    }
  }

  async function save(acknowledgeConflicts: boolean) {
    setBusy(true);
    setSaved(null);
    try {
      if (!acknowledgeConflicts) {
        const found = await transport.invoke(
          'windows.conflicts',
          editing ? { window: draft(), id: editing.id } : { window: draft() },
        );
        if (found.conflicts.length > 0) {
          setErrors({});
          setFormErrors([]);
          setConflicts(found.conflicts);
          return;
        }
      }
      const w = editing
        ? await transport.invoke('windows.update', { id: editing.id, window: draft(), acknowledgeConflicts: true })
        : await transport.invoke('windows.create', { window: draft(), acknowledgeConflicts: true });
      setErrors({});
      setFormErrors([]);
      setConflicts(null);
      setSaved(`Saved “${w.title}”.`);
      if (!editing) {
        setValues(emptySchedule());
        setMonitorIds([]);
        setGroups([]);
      }
      onSaved?.(w);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!busy) void save(false);
  }

  const id = (f: string) => `${uid}-${f}`;
  return (
    <form
      className="mx-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={editing ? 'Edit maintenance window' : 'New maintenance window'}
    >
      <h3 className="panel__title">{editing ? `Edit “${editing.title}”` : 'New maintenance window'}</h3>
      <Field id={id('title')} label="Title" error={errors.title}>
        {(a) => (
          <input {...a} autoComplete="off" value={values.title} onChange={(e) => change({ title: e.target.value })} />
        )}
      </Field>
      <Field id={id('description')} label="Description" error={errors.description}>
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={values.description}
            onChange={(e) => change({ description: e.target.value })}
          />
        )}
      </Field>
      <ScheduleFields values={values} errors={errors} onChange={change} />

      <TargetsFieldset
        monitors={monitors}
        groups={groups}
        monitorIds={monitorIds}
        error={errors.targets}
        errorId={id('targets-error')}
        onGroups={(g) => (setGroups(g), setConflicts(null))}
        onMonitors={(ids) => (setMonitorIds(ids), setConflicts(null))}
      />

      {formErrors.map((m) => (
        <p key={m} className="form-error" role="alert">
          {m}
        </p>
      ))}
      {conflicts && (
        <ConflictList
          conflicts={conflicts}
          busy={busy}
          saves={editing ? 'windows.update' : 'windows.create'}
          onSaveAnyway={() => void save(true)}
        />
      )}
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="btn btn--primary"
          {...control(editing ? 'windows.update' : 'windows.create', { disabled: busy || readOnly })}
        >
          {editing ? 'Save window' : 'Create window'}
        </button>
        {editing && (
          <button
            type="button"
            className="btn btn--danger-outline"
            onClick={() => void transport.invoke('windows.delete', { id: editing.id }).then(() => onCancel?.(), fail)}
            {...control('windows.delete', { disabled: busy || readOnly })}
          >
            Delete window
          </button>
        )}
        {onCancel && (
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {editing ? 'Close' : 'Clear'}
          </button>
        )}
      </div>
    </form>
  );
}
