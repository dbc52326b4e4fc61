import { useId, useState, type FormEvent } from 'react';
import { PEAK_KINDS, type PeakEvent } from '../../../shared/maintenance';
import type { ApiError } from '../../../shared/errors';
import { useApiMutation } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { Field } from '../Field';
import { emptySchedule, scheduleInput, splitIssues, type ScheduleField, type ScheduleValues } from './form-model';
import { ScheduleFields } from './ScheduleFields';

const KIND_LABELS: Record<PeakEvent['kind'], string> = {
  live_stream: 'Live stream',
  submission_deadline: 'Submission deadline',
  other: 'Other',
};

/** Declares a peak event (same recurrence model as windows); windows overlapping it are flagged. */
export function PeakForm({ readOnly, peaks }: { readOnly: boolean; peaks: PeakEvent[] }) {
  const uid = useId();
  const [values, setValues] = useState<ScheduleValues>(() => emptySchedule());
  const [kind, setKind] = useState<PeakEvent['kind']>('live_stream');
  const [errors, setErrors] = useState<Partial<Record<ScheduleField, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const showIssues = (a: ApiError) => {
    const { fields, rest } = a.issues?.length ? splitIssues(a.issues) : { fields: {}, rest: [a.message] };
    setErrors(fields);
    setFormErrors(rest);
  };
  const create = useApiMutation('peaks.create', { onError: showIssues });
  const remove = useApiMutation('peaks.delete');
  const busy = create.busy;
  const control = useMethodControl();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!(await create.run({ peak: { ...scheduleInput(values), kind } }))) return;
    setValues(emptySchedule());
    setErrors({});
    setFormErrors([]);
  }

  return (
    <>
      {peaks.length > 0 && (
        <ul className="mx-agenda" aria-label="Peak events">
          {peaks.map((p) => (
            <li key={p.id} data-peak-event={p.title}>
              <span className="mx-agenda__title">★ {p.title}</span>
              <span className="muted">
                {KIND_LABELS[p.kind]} · {p.start.replace('T', ' ')} {p.zone}
                {p.rrule && ` · ${p.rrule}`}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="btn btn--ghost"
                  onClick={() => void remove.run({ id: p.id })}
                  {...control('peaks.delete')}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.error && (
        <p className="form-error" role="alert">
          {remove.error.message}
        </p>
      )}
      <form className="mx-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="New peak event">
        <div className="mx-row">
          <Field id={`${uid}-ptitle`} label="Peak event" error={errors.title}>
            {(a) => (
              <input
                {...a}
                autoComplete="off"
                value={values.title}
                onChange={(e) => setValues({ ...values, title: e.target.value })}
              />
            )}
          </Field>
          <Field id={`${uid}-pkind`} label="Kind">
            {(a) => (
              <select {...a} value={kind} onChange={(e) => setKind(e.target.value as PeakEvent['kind'])}>
                {PEAK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ScheduleFields values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
        {formErrors.map((m) => (
          <p key={m} className="form-error" role="alert">
            {m}
          </p>
        ))}
        <div className="button-row">
          <button type="submit" className="btn" {...control('peaks.create', { disabled: busy || readOnly })}>
            Add peak event
          </button>
        </div>
      </form>
    </>
  );
}
