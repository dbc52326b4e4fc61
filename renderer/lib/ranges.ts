const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Chart ranges of the detail page; `live` streams results in as they arrive. */
export const RANGES = [
  { key: 'live', label: 'Live', title: 'Live: last 15 minutes, streaming in', ms: 15 * MIN },
  { key: '1h', label: '1 h', title: 'Last hour', ms: HOUR },
  { key: '24h', label: '24 h', title: 'Last 24 hours', ms: DAY },
  { key: '7d', label: '7 d', title: 'Last 7 days', ms: 7 * DAY },
  { key: '30d', label: '30 d', title: 'Last 30 days', ms: 30 * DAY },
  { key: '90d', label: '90 d', title: 'Last 90 days', ms: 90 * DAY },
  { key: '1y', label: '1 y', title: 'Last year', ms: 365 * DAY },
] as const;
export type RangeKey = (typeof RANGES)[number]['key'];

export type ChartRange =
  | { kind: 'preset'; key: RangeKey; ms: number; live: boolean }
  | { kind: 'custom'; from: number; to: number };

/** From the route: `?range=7d`, or `?from=…&to=…` (custom / zoomed); default 24 h. */
export function rangeFromParams(params: URLSearchParams): ChartRange {
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  if (params.has('from') && params.has('to') && Number.isFinite(from) && Number.isFinite(to) && to > from) return { kind: 'custom', from, to };
  const r = RANGES.find((x) => x.key === params.get('range')) ?? RANGES[2];
  return { kind: 'preset', key: r.key, ms: r.ms, live: r.key === 'live' };
}

export function rangeParams(r: ChartRange): Record<string, string | number> {
  return r.kind === 'custom' ? { from: Math.round(r.from), to: Math.round(r.to) } : { range: r.key };
}

/** The window to ask for now. */
export function resolveRange(r: ChartRange, now: number): { from: number; to: number } {
  return r.kind === 'custom' ? { from: r.from, to: r.to } : { from: Math.max(0, now - r.ms), to: now };
}

export function rangeLabel(r: ChartRange): string {
  if (r.kind === 'custom') return 'the selected range';
  const p = RANGES.find((x) => x.key === r.key)!;
  return r.key === 'live' ? 'last 15 minutes' : `last ${p.label}`;
}

/** `datetime-local` value in the browser's zone. */
export function toLocalInput(ts: number): string {
  const d = new Date(ts - new Date(ts).getTimezoneOffset() * MIN);
  return d.toISOString().slice(0, 16);
}
export function fromLocalInput(s: string): number | null {
  if (!s) return null;
  const t = new Date(s).getTime();
  return Number.isFinite(t) ? t : null;
}
