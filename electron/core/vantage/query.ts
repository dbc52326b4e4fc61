import { matchersText, type Matcher } from '../../../shared/promql-selector';
import type { Phases } from '../../../shared/result';
import { phasesOf, ROW } from '../store/vantage-results';
import { sampleValue, type MatrixSeries } from './prometheus';

/**
 * One query for every monitor of a source. Each monitor's series are tagged with a label of our
 * own (lookout_q = "<monitor id>:s|d") because `or` matches label sets without the metric name:
 * probe_success and probe_duration_seconds of one target would otherwise collapse into one.
 */
export const TAG = 'lookout_q';

export interface VantageTarget {
  monitorId: number;
  matchers: readonly Matcher[];
  /** Label naming the vantage (region). */
  regionLabel: string;
}

function tagged(expr: string, tag: string): string {
  return `label_replace(${expr}, "${TAG}", "${tag}", "", "")`;
}

/**
 * probe_success only where its newest sample is fresh: Prometheus' 5-minute lookback would
 * otherwise repeat a dead exporter's last 1 for minutes. A step without a point = unknown.
 */
export function rangeQuery(targets: readonly VantageTarget[], staleAfterSec: number): string {
  const parts: string[] = [];
  for (const t of targets) {
    const m = matchersText(t.matchers);
    const success = `probe_success{${m}}`;
    parts.push(tagged(`(${success} unless ((time() - timestamp(${success})) > ${staleAfterSec}))`, `${t.monitorId}:s`));
    parts.push(tagged(`probe_duration_seconds{${m}}`, `${t.monitorId}:d`));
  }
  return parts.join(' or ');
}

/**
 * blackbox's per-phase HTTP timings for every target, in a second query of the same cycle (its
 * series are 5 per vantage and would crowd the first one's bound): one series per vantage and
 * phase, the slowest when two jobs probe the same target. Non-HTTP modules export none.
 */
export function phaseQuery(targets: readonly VantageTarget[]): string {
  return targets
    .map((t) =>
      tagged(
        `max by (${t.regionLabel}, phase) (probe_http_duration_seconds{${matchersText(t.matchers)}})`,
        `${t.monitorId}:p`,
      ),
    )
    .join(' or ');
}

/** blackbox's phase names, in the order of this console's own (shared/result.ts Phases). */
export const PHASE_OF: Readonly<Record<string, number>> = {
  resolve: 0,
  connect: 1,
  tls: 2,
  processing: 3,
  transfer: 4,
};
/** How many series each target's selector matches now: one instant query for a batch of new selectors. */
export function countQuery(targets: readonly VantageTarget[]): string {
  return `count by (${TAG}) (${targets.map((t) => tagged(`probe_success{${matchersText(t.matchers)}}`, String(t.monitorId))).join(' or ')})`;
}

export interface VantagePoint {
  /** ms since epoch (the step's time). */
  ts: number;
  up: boolean;
  latencyMs: number | null;
  phases?: Phases;
}

/** monitor id -> vantage name -> points in time order. */
export type Decoded = Map<number, Map<string, VantagePoint[]>>;

/** Rows as flat numbers, ROW per row: monitor id, vantage id, ts (ms), up (1 / 0), latency ms, dns, connect, tls, ttfb, download ms (-1 = none). */
export interface FlatDecoded {
  flat: number[];
  /** Newest point of each vantage of each monitor in this answer. */
  newest: Map<number, Map<string, VantagePoint>>;
  overflow: Set<number>;
  /** Vantages seen per monitor (also those without a fresh sample). */
  seen: Map<number, Set<string>>;
}

interface Group {
  id: number;
  vantage: string;
  s: MatrixSeries[];
  d: MatrixSeries[];
  /** step time (s) -> the 5 phases in ms (-1 = none), from the phase query. */
  p?: Map<number, number[]>;
}

/** Whole ms like this console's phases; exactly 0 s is a phase that did not happen (no TLS on http://). */
function phaseMs(sec: number | null): number {
  return sec === null || sec <= 0 ? -1 : Math.round(sec * 1000);
}

/**
 * Turns the matrix into rows without an object per sample (a 24 h backfill is millions of them).
 * Two series for one vantage (two jobs, two modules) are merged: down if any says down, the
 * slower duration. NaN / Inf values are no sample.
 */
export function decodeFlat(
  series: readonly MatrixSeries[],
  targets: ReadonlyMap<number, VantageTarget>,
  maxVantages: number,
  vantageId: (name: string) => number,
  phaseSeries: readonly MatrixSeries[] = [],
): FlatDecoded {
  const groups = new Map<string, Group>();
  const overflow = new Set<number>();
  const seen = new Map<number, Set<string>>();
  for (const s of series) {
    const tag = s.metric[TAG];
    if (!tag) continue;
    const colon = tag.lastIndexOf(':');
    const id = Number(tag.slice(0, colon));
    const kind = tag.slice(colon + 1);
    const target = targets.get(id);
    if (!target || (kind !== 's' && kind !== 'd')) continue;
    const vantage = s.metric[target.regionLabel] ?? `(no ${target.regionLabel})`;
    let names = seen.get(id);
    if (!names) seen.set(id, (names = new Set()));
    if (!names.has(vantage)) {
      if (names.size >= maxVantages) {
        overflow.add(id);
        continue;
      }
      names.add(vantage);
    }
    const key = `${id}\u0000${vantage}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { id, vantage, s: [], d: [] }));
    g[kind].push(s);
  }
  for (const s of phaseSeries) {
    const tag = s.metric[TAG];
    const colon = tag ? tag.lastIndexOf(':') : -1;
    if (!tag || tag.slice(colon + 1) !== 'p') continue;
    const target = targets.get(Number(tag.slice(0, colon)));
    const k = PHASE_OF[s.metric.phase ?? ''];
    // Phases only of vantages the success query saw (and within the cap): a row carries them.
    const g =
      target && k !== undefined
        ? groups.get(`${target.monitorId}\u0000${s.metric[target.regionLabel] ?? `(no ${target.regionLabel})`}`)
        : undefined;
    if (!g || k === undefined) continue;
    g.p ??= new Map();
    for (const [t, v] of s.values) {
      const ms = phaseMs(sampleValue(v));
      if (ms < 0) continue;
      let row = g.p.get(t);
      if (!row) g.p.set(t, (row = [-1, -1, -1, -1, -1]));
      row[k] = ms;
    }
  }
  const flat: number[] = [];
  const newest = new Map<number, Map<string, VantagePoint>>();
  for (const g of groups.values()) {
    const vid = vantageId(g.vantage);
    // Where the newest row starts in flat: its point is made once, at the end, not per row.
    let lastAt = -1;
    const push = (ms: number, up: boolean, sec: number | null, t: number) => {
      lastAt = flat.length;
      flat.push(g.id, vid, ms, up ? 1 : 0, sec === null ? -1 : Math.round(sec * 1000 * 10) / 10);
      const ph = g.p?.get(t);
      if (ph) flat.push(ph[0]!, ph[1]!, ph[2]!, ph[3]!, ph[4]!);
      else flat.push(-1, -1, -1, -1, -1);
    };
    if (g.s.length === 1 && g.d.length <= 1) {
      // The usual case: one success and one duration series, both in time order: a merge join.
      const sv = g.s[0]!.values;
      const dv = g.d[0]?.values ?? [];
      let j = 0;
      for (const [t, v] of sv) {
        const n = sampleValue(v);
        if (n === null) continue;
        while (j < dv.length && dv[j]![0] < t) j++;
        const d = j < dv.length && dv[j]![0] === t ? sampleValue(dv[j]![1]) : null;
        push(Math.round(t * 1000), n >= 1, d, t);
      }
    } else {
      const up = new Map<number, boolean>();
      const dur = new Map<number, number>();
      for (const s of g.s)
        for (const [t, v] of s.values) {
          const n = sampleValue(v);
          if (n !== null) up.set(t, (up.get(t) ?? true) && n >= 1);
        }
      for (const s of g.d)
        for (const [t, v] of s.values) {
          const n = sampleValue(v);
          if (n !== null) dur.set(t, Math.max(dur.get(t) ?? 0, n));
        }
      for (const t of [...up.keys()].sort((a, b) => a - b))
        push(Math.round(t * 1000), up.get(t)!, dur.get(t) ?? null, t);
    }
    if (lastAt >= 0) {
      const lat = flat[lastAt + 4]!;
      const phases = phasesOf(flat, lastAt + 5);
      const last: VantagePoint = {
        ts: flat[lastAt + 2]!,
        up: flat[lastAt + 3] === 1,
        latencyMs: lat < 0 ? null : lat,
        ...(phases ? { phases } : {}),
      };
      let m = newest.get(g.id);
      if (!m) newest.set(g.id, (m = new Map<string, VantagePoint>()));
      m.set(g.vantage, last);
    }
  }
  return { flat, newest, overflow, seen };
}

/** The same decoding as points per monitor and vantage (tests and small reads). */
export function decodeMatrix(
  series: readonly MatrixSeries[],
  targets: ReadonlyMap<number, VantageTarget>,
  maxVantages: number,
  phaseSeries: readonly MatrixSeries[] = [],
): { points: Decoded; overflow: Set<number>; seen: Map<number, Set<string>> } {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const d = decodeFlat(
    series,
    targets,
    maxVantages,
    (name) => {
      let id = ids.get(name);
      if (id === undefined) ids.set(name, (id = names.push(name) - 1));
      return id;
    },
    phaseSeries,
  );
  const points: Decoded = new Map();
  for (let i = 0; i < d.flat.length; i += ROW) {
    const id = d.flat[i]!;
    const vantage = names[d.flat[i + 1]!]!;
    let byVantage = points.get(id);
    if (!byVantage) points.set(id, (byVantage = new Map<string, VantagePoint[]>()));
    let list = byVantage.get(vantage);
    if (!list) byVantage.set(vantage, (list = []));
    const lat = d.flat[i + 4]!;
    const phases = phasesOf(d.flat, i + 5);
    list.push({
      ts: d.flat[i + 2]!,
      up: d.flat[i + 3] === 1,
      latencyMs: lat < 0 ? null : lat,
      ...(phases ? { phases } : {}),
    });
  }
  return { points, overflow: d.overflow, seen: d.seen };
}
