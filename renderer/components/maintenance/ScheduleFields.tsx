import { useId } from 'react';
import { WEEKDAYS, type Weekday } from '../../../shared/maintenance';
import { Field } from '../Field';
import { OccurrencePreview } from './OccurrencePreview';
import type { ScheduleField, ScheduleValues } from './form-model';
import { zoneNames } from './time';

interface Props {
  values: ScheduleValues;
  errors: Partial<Record<ScheduleField, string>>;
  onChange: (patch: Partial<ScheduleValues>) => void;
}

const DAY_LABELS: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};
const NTH = [
  ['1', 'first'],
  ['2', 'second'],
  ['3', 'third'],
  ['4', 'fourth'],
  ['-1', 'last'],
] as const;

/** Start, zone, duration and the recurrence builder, with the next occurrences as the core places them. */
export function ScheduleFields({ values: v, errors, onChange }: Props) {
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;
  const zones = zoneNames();

  return (
    <>
      <div className="mx-row">
        <Field id={id('start')} label="Start (in the window’s zone)" error={errors.start}>
          {(a) => (
            <input {...a} type="datetime-local" value={v.start} onChange={(e) => onChange({ start: e.target.value })} />
          )}
        </Field>
        <Field id={id('zone')} label="Time zone" error={errors.zone}>
          {(a) => (
            <>
              <input
                {...a}
                list={id('zones')}
                autoComplete="off"
                value={v.zone}
                onChange={(e) => onChange({ zone: e.target.value })}
              />
              <datalist id={id('zones')}>
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id={id('durationMin')} label="Duration (minutes)" error={errors.durationMin}>
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={v.durationMin}
              onChange={(e) => onChange({ durationMin: e.target.value })}
              style={{ width: 90 }}
            />
          )}
        </Field>
      </div>

      <div className="mx-row">
        <Field id={id('freq')} label="Repeats" error={errors.recurrence}>
          {(a) => (
            <select
              {...a}
              value={v.freq}
              onChange={(e) => onChange({ freq: e.target.value as ScheduleValues['freq'], ...matchStart(v.start) })}
            >
              <option value="none">Does not repeat</option>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly on days</option>
              <option value="monthly">Monthly on the nth weekday</option>
              <option value="custom">Custom RRULE</option>
            </select>
          )}
        </Field>
        {(v.freq === 'daily' || v.freq === 'weekly' || v.freq === 'monthly') && (
          <Field
            id={id('interval')}
            label={`Every (${v.freq === 'daily' ? 'days' : v.freq === 'weekly' ? 'weeks' : 'months'})`}
            error={errors.interval}
          >
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                value={v.interval}
                onChange={(e) => onChange({ interval: e.target.value })}
                style={{ width: 60 }}
              />
            )}
          </Field>
        )}
        {v.freq === 'monthly' && (
          <>
            <Field id={id('nth')} label="On the">
              {(a) => (
                <select {...a} value={v.nth} onChange={(e) => onChange({ nth: e.target.value })}>
                  {NTH.map(([n, label]) => (
                    <option key={n} value={n}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={id('weekday')} label="Weekday">
              {(a) => (
                <select {...a} value={v.weekday} onChange={(e) => onChange({ weekday: e.target.value as Weekday })}>
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {DAY_LABELS[d]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
      </div>

      {v.freq === 'weekly' && (
        <fieldset
          className={`field${errors.days ? ' field--invalid' : ''}`}
          aria-describedby={errors.days ? id('days-error') : undefined}
        >
          <legend>On days</legend>
          <div className="mx-checks">
            {WEEKDAYS.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={v.days.includes(d)}
                  onChange={(e) =>
                    onChange({ days: e.target.checked ? [...v.days, d] : v.days.filter((x) => x !== d) })
                  }
                />
                {DAY_LABELS[d]}
              </label>
            ))}
          </div>
          {errors.days && (
            <span id={id('days-error')} className="field__error" role="alert">
              {errors.days}
            </span>
          )}
        </fieldset>
      )}
      {v.freq === 'custom' && (
        <Field
          id={id('rrule')}
          label="RRULE"
          error={errors.rrule}
          hint="RFC 5545, e.g. FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
        >
          {(a) => (
            <input {...a} autoComplete="off" value={v.rrule} onChange={(e) => onChange({ rrule: e.target.value })} />
          )}
        </Field>
      )}
      {v.freq !== 'none' && (
        <div className="mx-row">
          <Field id={id('end')} label="Ends">
            {(a) => (
              <select {...a} value={v.end} onChange={(e) => onChange({ end: e.target.value as ScheduleValues['end'] })}>
                <option value="never">Never</option>
                <option value="until">On a date</option>
                <option value="count">After a number of times</option>
              </select>
            )}
          </Field>
          {v.end === 'until' && (
            <Field id={id('until')} label="Last day" error={errors.until}>
              {(a) => (
                <input {...a} type="date" value={v.until} onChange={(e) => onChange({ until: e.target.value })} />
              )}
            </Field>
          )}
          {v.end === 'count' && (
            <Field id={id('count')} label="Occurrences" error={errors.count}>
              {(a) => (
                <input
                  {...a}
                  inputMode="numeric"
                  value={v.count}
                  onChange={(e) => onChange({ count: e.target.value })}
                  style={{ width: 80 }}
                />
              )}
            </Field>
          )}
          <Field
            id={id('exdates')}
            label="Skip (local date-times)"
            error={errors.exdates}
            hint="One per line, e.g. 2026-03-29T02:00"
          >
            {(a) => (
              <textarea {...a} rows={2} value={v.exdates} onChange={(e) => onChange({ exdates: e.target.value })} />
            )}
          </Field>
        </div>
      )}

      <OccurrencePreview values={v} />
    </>
  );
}

/** The weekly day / monthly nth weekday of the start, so a new rule includes its own start. */
function matchStart(start: string): Partial<ScheduleValues> {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(start);
  if (!m) return {};
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  const weekday = WEEKDAYS[(d.getUTCDay() + 6) % 7]!;
  const nth = Math.ceil(d.getUTCDate() / 7);
  return { days: [weekday], weekday, nth: nth > 4 ? '-1' : String(nth) };
}
