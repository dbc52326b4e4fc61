import { matchersText, type Matcher } from '../../../shared/promql-selector';
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

/** How many series each target's selector matches now: one instant query for a batch of new selectors. */
export function countQuery(targets: readonly VantageTarget[]): string {
  return `count by (${TAG}) (${targets.map((t) => tagged(`probe_success{${matchersText(t.matchers)}}`, String(t.monitorId))).join(' or ')})`;
}

export interface VantagePoint {
  /** ms since epoch (the step's time). */
  ts: number;
  up: boolean;
  latencyMs: number | null;
}

/** monitor id -> vantage name -> points in time order. */
export type Decoded = Map<number, Map<string, VantagePoint[]>>;

/**
 * Turns the matrix back into per-monitor, per-vantage points. Two series for one vantage (two
 * jobs, two modules) are merged: down if any says down, the slower duration.
 */
export function decodeMatrix(series: readonly MatrixSeries[], targets: ReadonlyMap<number, VantageTarget>, maxVantages: number): { points: Decoded; overflow: Set<number>; seen: Map<number, Set<string>> } {
  const success = new Map<string, Map<number, boolean>>();
  const duration = new Map<string, Map<number, number>>();
  const overflow = new Set<number>();
  const vantagesOf = new Map<number, Set<string>>();
  for (const s of series) {
    const tag = s.metric[TAG];
    if (!tag) continue;
    const colon = tag.lastIndexOf(':');
    const id = Number(tag.slice(0, colon));
    const kind = tag.slice(colon + 1);
    const target = targets.get(id);
    if (!target) continue;
    const vantage = s.metric[target.regionLabel] ?? `(no ${target.regionLabel})`;
    let names = vantagesOf.get(id);
    if (!names) vantagesOf.set(id, (names = new Set()));
    if (!names.has(vantage)) {
      if (names.size >= maxVantages) {
        overflow.add(id);
        continue;
      }
      names.add(vantage);
    }
    const key = `${id}\u0000${vantage}`;
    if (kind === 's') {
      let m = success.get(key);
      if (!m) success.set(key, (m = new Map()));
      for (const [t, v] of s.values) {
        const n = sampleValue(v);
        if (n === null) continue;
        const ms = Math.round(t * 1000);
        const prev = m.get(ms);
        m.set(ms, (prev ?? true) && n >= 1);
      }
    } else if (kind === 'd') {
      let m = duration.get(key);
      if (!m) duration.set(key, (m = new Map()));
      for (const [t, v] of s.values) {
        const n = sampleValue(v);
        if (n === null) continue;
        const ms = Math.round(t * 1000);
        m.set(ms, Math.max(m.get(ms) ?? 0, n));
      }
    }
  }
  const points: Decoded = new Map();
  for (const [key, m] of success) {
    const [idText, vantage] = key.split('\u0000') as [string, string];
    const id = Number(idText);
    const d = duration.get(key);
    const list: VantagePoint[] = [];
    for (const [ts, up] of m) {
      const sec = d?.get(ts);
      list.push({ ts, up, latencyMs: sec === undefined ? null : Math.round(sec * 1000 * 10) / 10 });
    }
    list.sort((a, b) => a.ts - b.ts);
    let byVantage = points.get(id);
    if (!byVantage) points.set(id, (byVantage = new Map()));
    byVantage.set(vantage, list);
  }
  return { points, overflow, seen: vantagesOf };
}
