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
  { kind: 'preset'; key: RangeKey; ms: number; live: boolean } | { kind: 'custom'; from: number; to: number };

/** From the route: `?range=7d`, or `?from=…&to=…` (custom / zoomed); default `fallback` (24 h). */
export function rangeFromParams(params: URLSearchParams, fallback: RangeKey = '24h'): ChartRange {
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  if (params.has('from') && params.has('to') && Number.isFinite(from) && Number.isFinite(to) && to > from)
    return { kind: 'custom', from, to };
  const r = RANGES.find((x) => x.key === params.get('range')) ?? RANGES.find((x) => x.key === fallback) ?? RANGES[2];
  return { kind: 'preset', key: r.key, ms: r.ms, live: r.key === 'live' };
}

/**
 * The range a monitor's page opens on: 24 h, except for a monitor younger than that, which opens
 * on the shortest range holding all of its life (15 min, 1 h), so its first results are not one
 * dot at the right edge.
 */
export function defaultRangeFor(createdAt: number, now: number): RangeKey {
  const age = now - createdAt;
  const fit = RANGES.find((r) => r.ms >= age);
  return fit && fit.ms < DAY ? fit.key : '24h';
}

/**
 * The chart window for an incident ("Show on chart"): the incident in the middle with as much
 * again either side (at least 15 min), moved back so nothing of it lies in the future.
 */
export function incidentWindow(startedAt: number, endedAt: number | null, now: number): { from: number; to: number } {
  const end = Math.min(endedAt ?? now, now);
  const pad = Math.max((end - startedAt) / 2, 15 * MIN);
  let from = startedAt - pad;
  let to = end + pad;
  if (to > now) {
    from -= to - now;
    to = now;
  }
  return { from: Math.floor(from), to: Math.ceil(to) };
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
