import { formatPercent } from '../../../shared/dashboard';
import type { ServiceReport } from '../../../shared/report';

/** RFC 4180 field: quoted only when it must be. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const REPORT_CSV_HEADER = [
  'date',
  'zone',
  'group',
  'monitor_id',
  'monitor',
  'target_percent',
  'uptime_percent',
  'measured_s',
  'down_s',
  'degraded_s',
  'maintenance_s',
  'console_offline_s',
  'incidents_started',
  // Last, so the columns before it keep their places for existing readers.
  'paused_s',
];

/**
 * One row per monitor per day, from the report's data object: the same figures as the HTML and the
 * console. Seconds with millisecond decimals, so sums over days equal the range's figures.
 */
export function* reportCsvLines(r: ServiceReport): Generator<string> {
  yield REPORT_CSV_HEADER.join(',');
  // A range with no data has no rows rather than rows of zeros.
  if (r.empty) return;
  const s = (ms: number) => (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
  for (const m of r.monitors) {
    const starts = m.incidents.map((i) => i.startedAt);
    for (const d of m.days) {
      const u = d.uptime;
      const started = starts.filter((t) => t >= d.start && t < d.end).length;
      yield [
        d.date,
        r.zone,
        m.group,
        m.monitorId,
        m.name,
        (m.target * 100).toFixed(3),
        // Truncated like every shown figure (never rounded up past the target), to more decimals.
        u.ratio === null ? '' : formatPercent(u.ratio, 4).slice(0, -1),
        s(u.measuredMs),
        s(u.downMs),
        s(u.degradedMs),
        s(u.maintenanceMs),
        s(u.gapMs),
        started,
        s(u.pausedMs),
      ]
        .map(csvField)
        .join(',');
    }
  }
}

export function reportCsv(r: ServiceReport): string {
  return `${[...reportCsvLines(r)].join('\r\n')}\r\n`;
}
