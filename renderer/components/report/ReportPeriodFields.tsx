import type { ReportQuery } from '../../../shared/report';

/** What the operator chose: a quarter or month of a year, or a custom local range, and the zone. */
export interface PeriodChoice {
  period: 'quarter' | 'month' | 'custom';
  year: number;
  index: number;
  from: string;
  to: string;
  zone: string;
}

/** This quarter in UTC, the form's starting point. */
export function currentQuarter(now: Date): PeriodChoice {
  return {
    period: 'quarter',
    year: now.getUTCFullYear(),
    index: Math.floor(now.getUTCMonth() / 3) + 1,
    from: '',
    to: '',
    zone: 'UTC',
  };
}

/** The choice as the core's `report.get` input (a custom range's local times parsed here). */
export function toReportQuery(c: PeriodChoice): ReportQuery {
  if (c.period === 'custom') return { period: c.period, from: Date.parse(c.from), to: Date.parse(c.to), zone: c.zone };
  return { period: c.period, year: c.year, index: c.index, zone: c.zone };
}

const monthName = (i: number) =>
  new Date(Date.UTC(2000, i, 1)).toLocaleString(undefined, { month: 'long', timeZone: 'UTC' });

/** The period, year and quarter / month (or from / to) and time-zone fields of the report form. */
export function ReportPeriodFields({
  value: c,
  onChange,
}: {
  value: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
}) {
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...c, ...patch });
  return (
    <>
      <label>
        Period{' '}
        <select value={c.period} onChange={(e) => set({ period: e.target.value as PeriodChoice['period'] })}>
          <option value="quarter">Quarter</option>
          <option value="month">Month</option>
          <option value="custom">Custom range</option>
        </select>
      </label>
      {c.period !== 'custom' ? (
        <>
          <label>
            Year{' '}
            <input
              type="number"
              min={2000}
              max={2200}
              value={c.year}
              onChange={(e) => set({ year: Number(e.target.value) })}
            />
          </label>
          <label>
            {c.period === 'quarter' ? 'Quarter' : 'Month'}{' '}
            <select value={c.index} onChange={(e) => set({ index: Number(e.target.value) })}>
              {Array.from({ length: c.period === 'quarter' ? 4 : 12 }, (_, i) => (
                <option key={i} value={i + 1}>
                  {c.period === 'quarter' ? `Q${i + 1}` : monthName(i)}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : (
        <>
          <label>
            From <input type="datetime-local" value={c.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label>
            To <input type="datetime-local" value={c.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </>
      )}
      <label>
        Time zone <input value={c.zone} onChange={(e) => set({ zone: e.target.value })} size={18} />
      </label>
    </>
  );
}
