import { SERVICE_GROUPS } from '../../shared/monitor';
import type { Monitor } from '../../shared/monitor';

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

// One date-time shape everywhere: the operator's locale, a 24 h clock, and the zone named, so a
// time read off the console can be compared with a log or a colleague elsewhere.
const timeFmt = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});
const clockFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const shortTimeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function formatTime(ts: number): string {
  return timeFmt.format(ts);
}
export function formatDateTime(ts: number): string {
  return dateTimeFmt.format(ts);
}
/** "04:00": a wall-clock time on the 24 h clock. */
export function formatClock(ts: number): string {
  return clockFmt.format(ts);
}
export function formatAxisTime(ts: number): string {
  return shortTimeFmt.format(ts);
}

/**
 * An elapsed time, rounded, never floored: "45 s", "1 min 50 s", "3 h 05 min", "2 d 4 h". The
 * incident card, its draft and the chart say the same.
 */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  }
  const min = Math.round(s / 60);
  if (min < 48 * 60) return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
  const h = Math.round(s / 3600);
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}

/** "870", "12,400", "1.2 M": a count short enough for a status line. */
export function formatCount(n: number): string {
  if (n < 100_000) return n.toLocaleString('en-US');
  if (n < 1_000_000) return `${Math.round(n / 1000)} k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)} M`;
}

/** "3 s threshold", "1.5 s threshold", "800 ms threshold". */
export function formatThreshold(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s threshold` : `${ms} ms threshold`;
}

export interface MonitorGroup {
  name: string;
  monitors: Monitor[];
}

/** The four known groups first, in their fixed order, then any others alphabetically. */
export function groupMonitors(monitors: readonly Monitor[]): MonitorGroup[] {
  const byGroup = new Map<string, Monitor[]>();
  for (const m of monitors) {
    const g = m.group || 'Other';
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(m);
  }
  const known: readonly string[] = SERVICE_GROUPS;
  const names = [...byGroup.keys()].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    return a.localeCompare(b);
  });
  return names.map((name) => ({
    name,
    monitors: byGroup
      .get(name)!
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** The monitor's "slow above" threshold in ms (every kind has one). */
export function monitorThreshold(m: Monitor): number | undefined {
  return m.config.degradedAboveMs;
}
