import type { Monitor } from '../../../shared/monitor';
import { parseSelector } from '../../../shared/promql-selector';
import type { PrometheusSettings, SourceStatus, VantageLatest } from '../../../shared/vantage';
import type { Clock, TimerHandle } from '../clock';
import type { VantageResultStore } from '../store/vantage-results';
import { createPromClient, PromError, type PromClient, type PromSource } from './prometheus';
import { countQuery, decodeFlat, phaseQuery, rangeQuery, TAG, type VantageTarget } from './query';
import { chooseStep, splitRange, type RangeWindow } from './step';

/**
 * The ingestion loop: every interval ONE query_range reads every monitor's remote vantages from
 * the Prometheus source (not one per monitor) and one more their HTTP phases, writes the steps into vantage_results and keeps
 * each vantage's newest word in memory for confirmation. New selectors are checked once with one
 * instant query for the batch (matches nothing / too many / refused by Prometheus).
 */
export const MAX_VANTAGES_PER_MONITOR = 20;
/** A backfill is read in pieces of at most this many points in all (bounded response and memory). */
const POINTS_PER_RESPONSE = 40_000;
const BACKFILL_MS = 24 * 3_600_000;
const RECHECK_MS = 10 * 60_000;
const CURSOR_KEY = 'vantage.cursor';

export interface Problem {
  code: string;
  message: string;
}

export interface IngestDeps {
  clock: Clock;
  settings: () => PrometheusSettings;
  /** The opened bearer token or basic password, if one is stored. */
  secret: () => string | undefined;
  monitors: () => readonly Monitor[];
  store: VantageResultStore;
  kv: { get(key: string): string | undefined; set(key: string, value: string): void };
  /** Read-only review: nothing is read or written. */
  readOnly: boolean;
  onRead?: (at: number) => void;
  log?: (line: string) => void;
  /** Tests: the smallest step (default the source's interval). */
  stepFloorSec?: number;
  client?: (src: PromSource) => PromClient;
}

export interface VantageIngest {
  /** One read now (the loop's own tick); resolves when it is written. */
  readNow(): Promise<void>;
  source(hasSecret: boolean): SourceStatus;
  /** Remote vantages of one monitor as of now; stale ones are unknown. */
  remote(monitorId: number): VantageLatest[];
  problem(monitorId: number): Problem | null;
  start(): void;
  /** Settings or monitors changed: read now and go on at the (new) interval. */
  kick(): void;
  stop(): Promise<void>;
}

interface Check {
  /** Series the selector matched when counted (sizes the backfill's pieces). */
  count: number;
  problem: Problem | null;
  excluded: boolean;
  at: number;
}

export function createVantageIngest(deps: IngestDeps): VantageIngest {
  const { clock, store } = deps;
  const makeClient = deps.client ?? createPromClient;
  let client: PromClient | undefined;
  let clientKey = '';
  let timer: TimerHandle | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let health: SourceStatus['health'] = 'off';
  let message: string | null = null;
  let lastReadAt: number | null = null;
  let lastOkAt: number | null = null;
  const checks = new Map<string, Check>();
  const latest = new Map<number, Map<string, VantageLatest>>();
  const problems = new Map<number, Problem>();

  // The newest stored word of each vantage, so a restart shows the regions at once (as unknown
  // until Prometheus is read again, if it is older than the staleness bound).
  for (const r of store.latest())
    remember(r.monitorId, {
      vantage: r.vantage,
      status: r.up ? 'up' : 'down',
      ts: r.ts,
      latencyMs: r.latencyMs,
      ...(r.phases ? { phases: r.phases } : {}),
    });

  function remember(id: number, v: VantageLatest): void {
    let m = latest.get(id);
    if (!m) latest.set(id, (m = new Map<string, VantageLatest>()));
    m.set(v.vantage, v);
  }

  function clientFor(s: PrometheusSettings): PromClient {
    const secret = deps.secret();
    const key = JSON.stringify([s.baseUrl, s.auth, s.username, s.caPem, s.timeoutSec, secret ?? null]);
    if (client && key === clientKey) return client;
    void client?.close();
    const auth: PromSource['auth'] =
      s.auth === 'bearer' && secret
        ? { kind: 'bearer', token: secret }
        : s.auth === 'basic'
          ? { kind: 'basic', username: s.username, password: secret ?? '' }
          : undefined;
    client = makeClient({
      baseUrl: s.baseUrl,
      timeoutMs: s.timeoutSec * 1000,
      ...(s.caPem ? { caPem: s.caPem } : {}),
      ...(auth ? { auth } : {}),
    });
    clientKey = key;
    return client;
  }

  function targetsNow(): { targets: VantageTarget[]; keys: Map<number, string> } {
    const targets: VantageTarget[] = [];
    const keys = new Map<number, string>();
    const live = new Set<number>();
    for (const m of deps.monitors()) {
      if (!m.vantage) continue;
      live.add(m.id);
      const p = parseSelector(m.vantage.selector);
      if (!p.ok) {
        problems.set(m.id, { code: 'vantage_selector', message: p.message });
        continue;
      }
      targets.push({ monitorId: m.id, matchers: p.matchers, regionLabel: m.vantage.regionLabel });
      keys.set(m.id, `${m.vantage.selector}\u0000${m.vantage.regionLabel}`);
    }
    for (const id of [...latest.keys()]) if (!live.has(id)) latest.delete(id);
    for (const id of [...problems.keys()]) if (!live.has(id)) problems.delete(id);
    return { targets, keys };
  }

  /** Counts the series of selectors not checked lately: one query for all, one each only if that one is refused. */
  async function checkNew(
    c: PromClient,
    targets: VantageTarget[],
    keys: Map<number, string>,
    now: number,
  ): Promise<void> {
    const due = targets.filter((t) => {
      const k = checks.get(keys.get(t.monitorId)!);
      return !k || now - k.at > RECHECK_MS;
    });
    if (!due.length) return;
    const judge = (t: VantageTarget, count: number) => {
      const problem: Problem | null =
        count === 0
          ? {
              code: 'vantage_no_series',
              message:
                'The selector matches no series in Prometheus: check the job and instance labels (Prometheus → Graph shows what exists)',
            }
          : count > MAX_VANTAGES_PER_MONITOR
            ? {
                code: 'vantage_too_many',
                message: `The selector matches ${count.toLocaleString('en')} series; at most ${MAX_VANTAGES_PER_MONITOR} vantages per monitor are read: add the instance label so it names one target`,
              }
            : null;
      checks.set(keys.get(t.monitorId)!, { count, problem, excluded: count > MAX_VANTAGES_PER_MONITOR, at: now });
    };
    for (let i = 0; i < due.length; i += 200) {
      const batch = due.slice(i, i + 200);
      try {
        const a = await c.query(countQuery(batch));
        const counts = new Map(a.data.map((s) => [Number(s.metric[TAG]), Number(s.value[1])]));
        for (const t of batch) judge(t, counts.get(t.monitorId) ?? 0);
      } catch (err) {
        if (!(err instanceof PromError) || err.code !== 'prom_bad_data') throw err;
        // One selector Prometheus refuses (a regex RE2 does not take): find it, keep the others.
        for (const t of batch) {
          try {
            const a = await c.query(countQuery([t]));
            judge(t, Number(a.data[0]?.value[1] ?? 0));
          } catch (e) {
            if (!(e instanceof PromError) || e.code !== 'prom_bad_data') throw e;
            checks.set(keys.get(t.monitorId)!, {
              count: 0,
              problem: { code: 'vantage_refused', message: e.message },
              excluded: true,
              at: now,
            });
          }
        }
      }
    }
  }

  /**
   * The reads for one window. The steady state (a few steps) is ONE query for every monitor; a long
   * backfill is cut by monitors first, so each response holds whole runs of steps per series
   * (appended to the table in key order, and bounded in size), then by time if one monitor alone
   * would exceed the bound.
   */
  function* plan(
    targets: readonly VantageTarget[],
    seriesOf: ReadonlyMap<number, number>,
    w: RangeWindow,
    staleAfterSec: number,
  ): Generator<{ query: string; phases: string; piece: RangeWindow }> {
    const steps = (w.endSec - w.startSec) / w.stepSec + 1;
    let batch: VantageTarget[] = [];
    let points = 0;
    const flush = function* (): Generator<{ query: string; phases: string; piece: RangeWindow }> {
      if (!batch.length) return;
      const query = rangeQuery(batch, staleAfterSec);
      // The phases' answer for the same batch and piece: at most 5/2 of the bound (5 series per vantage, not 2).
      const phases = phaseQuery(batch);
      const perStep = points / steps;
      for (const piece of points > POINTS_PER_RESPONSE
        ? splitRange(w, Math.max(2, Math.floor(POINTS_PER_RESPONSE / perStep)))
        : [w])
        yield { query, phases, piece };
      batch = [];
      points = 0;
    };
    for (const t of targets) {
      const p = (seriesOf.get(t.monitorId) ?? 2) * steps;
      if (batch.length && points + p > POINTS_PER_RESPONSE) yield* flush();
      batch.push(t);
      points += p;
    }
    yield* flush();
  }

  function markUnknown(): void {
    for (const m of latest.values()) for (const [name, v] of m) m.set(name, { ...v, status: 'unknown' });
  }

  async function read(): Promise<void> {
    const s = deps.settings();
    const now = clock.now();
    if (!s.baseUrl || deps.readOnly) {
      health = 'off';
      message = null;
      return;
    }
    const { targets, keys } = targetsNow();
    lastReadAt = now;
    if (!targets.length) {
      health = 'ok';
      message = null;
      return;
    }
    const c = clientFor(s);
    try {
      await checkNew(c, targets, keys, now);
      const included: VantageTarget[] = [];
      const seriesOf = new Map<number, number>();
      for (const t of targets) {
        const check = checks.get(keys.get(t.monitorId)!);
        if (check?.problem) problems.set(t.monitorId, check.problem);
        else problems.delete(t.monitorId);
        if (check?.excluded) continue;
        included.push(t);
        seriesOf.set(t.monitorId, Math.max(1, check?.count ?? 1, latest.get(t.monitorId)?.size ?? 1) * 2);
      }
      const cursor = Number(deps.kv.get(CURSOR_KEY));
      const from = Math.max(now - BACKFILL_MS, Number.isFinite(cursor) && cursor > 0 ? cursor : now - BACKFILL_MS);
      const w = chooseStep(from, now, deps.stepFloorSec ?? s.intervalSec);
      const byId = new Map(included.map((t) => [t.monitorId, t]));
      const warnings = new Set<string>();
      const seen = new Map<number, Set<string>>();
      const newest = new Map<number, Map<string, VantageLatest>>();
      for (const { query, phases, piece } of plan(included, seriesOf, w, s.staleAfterSec)) {
        if (stopped) return;
        const [a, p] = await Promise.all([c.queryRange(query, piece), c.queryRange(phases, piece)]);
        for (const x of [...a.warnings, ...p.warnings]) warnings.add(x);
        const d = decodeFlat(a.data, byId, MAX_VANTAGES_PER_MONITOR, store.vantageId, p.data);
        for (const id of d.overflow)
          problems.set(id, {
            code: 'vantage_too_many',
            message: `More than ${MAX_VANTAGES_PER_MONITOR} vantages answer this selector; only the first ${MAX_VANTAGES_PER_MONITOR} are read`,
          });
        for (const [id, names] of d.seen) {
          let set = seen.get(id);
          if (!set) seen.set(id, (set = new Set()));
          for (const n of names) set.add(n);
        }
        for (const [id, byVantage] of d.newest) {
          for (const [vantage, last] of byVantage) {
            let m = newest.get(id);
            if (!m) newest.set(id, (m = new Map<string, VantageLatest>()));
            m.set(vantage, {
              vantage,
              status: last.up ? 'up' : 'down',
              ts: last.ts,
              latencyMs: last.latencyMs,
              ...(last.phases ? { phases: last.phases } : {}),
            });
          }
        }
        store.writeFlat(d.flat);
      }
      const endMs = w.endSec * 1000;
      for (const t of included) {
        const names = new Set([...(seen.get(t.monitorId) ?? []), ...(latest.get(t.monitorId)?.keys() ?? [])]);
        for (const name of names) {
          const n = newest.get(t.monitorId)?.get(name);
          // No fresh sample at the newest step: that vantage cannot be seen now (stale), not down.
          if (n && n.ts !== null && n.ts >= endMs) remember(t.monitorId, n);
          else {
            const old = latest.get(t.monitorId)?.get(name) ?? n;
            remember(t.monitorId, { vantage: name, status: 'unknown', ts: old?.ts ?? null, latencyMs: null });
          }
        }
        if (seen.get(t.monitorId)?.size) {
          const p = problems.get(t.monitorId);
          if (p?.code === 'vantage_no_series') problems.delete(t.monitorId);
        }
      }
      health = warnings.size ? 'partial' : 'ok';
      message = warnings.size ? `Prometheus says the data may be partial: ${[...warnings].join('; ')}` : null;
      lastOkAt = now;
      // Partial data is read again next time (upserts make that harmless) rather than taken as final.
      if (!warnings.size) deps.kv.set(CURSOR_KEY, String(endMs));
      deps.onRead?.(now);
    } catch (err) {
      health = 'error';
      message =
        err instanceof PromError
          ? err.message
          : `Reading Prometheus failed: ${err instanceof Error ? err.message : String(err)}`;
      if (!(err instanceof PromError)) deps.log?.(message);
      markUnknown();
      deps.onRead?.(now);
    }
  }

  function schedule(): void {
    if (stopped) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      void readNow().finally(schedule);
    }, deps.settings().intervalSec * 1000);
  }

  function readNow(): Promise<void> {
    running ??= read().finally(() => (running = undefined));
    return running;
  }

  return {
    readNow,
    source: (hasSecret) => ({ configured: deps.settings().baseUrl !== '', health, lastReadAt, message, hasSecret }),
    remote(monitorId) {
      const m = latest.get(monitorId);
      if (!m) return [];
      const s = deps.settings();
      const now = clock.now();
      const bound = (s.staleAfterSec + 2 * s.intervalSec) * 1000;
      return [...m.values()]
        .map((v) =>
          v.status !== 'unknown' && (v.ts === null || now - v.ts > bound || lastOkAt === null)
            ? { ...v, status: 'unknown' as const }
            : v,
        )
        .sort((a, b) => a.vantage.localeCompare(b.vantage));
    },
    problem: (id) => problems.get(id) ?? null,
    start() {
      if (deps.readOnly) return;
      void readNow().finally(schedule);
    },
    kick() {
      if (deps.readOnly || stopped) return;
      // After the read in progress (it may have used the old settings), one more, then the new interval.
      void (running ?? Promise.resolve()).then(readNow).finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      await running?.catch(() => undefined);
      await client?.close();
    },
  };
}
