/** Date helpers for the maintenance views (display only: occurrences come placed from the core). */

export const DAY = 86_400_000;

export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** IANA zones the browser knows, for the zone picker. */
export function zoneNames(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return (
    intl.supportedValuesOf?.('timeZone') ?? [
      'UTC',
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Africa/Johannesburg',
    ]
  );
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${zone ?? ''}|${JSON.stringify(opts)}`;
  let f = fmtCache.get(k);
  if (!f) fmtCache.set(k, (f = new Intl.DateTimeFormat(undefined, { ...opts, ...(zone ? { timeZone: zone } : {}) })));
  return f;
}

/** "Sun 8 Mar, 02:00" in `zone` (or the viewer's zone). */
export function formatWhen(ts: number, zone?: string): string {
  return fmt(zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ts);
}
export function formatClock(ts: number, zone?: string): string {
  return fmt(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ts);
}
export function formatDay(ts: number): string {
  return fmt(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(ts);
}
export function formatMonth(ts: number): string {
  return fmt(undefined, { month: 'long', year: 'numeric' }).format(ts);
}

/** "2 h 10 min", "3 d 4 h", "45 min". */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** Midnight (viewer's zone) of the Monday of the week containing ts. */
export function startOfWeek(ts: number): number {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  const back = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - back);
  return d.getTime();
}
export function startOfMonth(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}
/** Calendar arithmetic in the viewer's zone (a DST day is 23 or 25 hours). */
export function addDays(ts: number, n: number): number {
  const d = new Date(ts);
  d.setDate(d.getDate() + n);
  return d.getTime();
}
export function addMonths(ts: number, n: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth() + n, 1).getTime();
}
export function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
