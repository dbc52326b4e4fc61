import type { Service } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { MonitorVantages, VantageLatest } from '../../../shared/vantage';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { createDisposables, startOrUndo } from '../lifecycle';
import { SecretError, type SecretBox } from '../secrets/box';
import type { SettingsService } from '../settings/settings';
import type { Store } from '../store';
import type { VantageResultStore } from '../store/vantage-results';
import { confirm, confirmOutcome, LOCAL, localStatusOf, localView } from './confirm';
import { createVantageIngest, type IngestDeps, type VantageIngest } from './ingest';
import type { PromClient, PromSource } from './prometheus';

const SECRET_KEY = 'prometheus.secret';
const RETAIN_EVERY_MS = 3_600_000;

export interface VantageDeps {
  store: Store;
  clock: Clock;
  bus: EventBus;
  settings: SettingsService;
  secrets: SecretBox;
  log?: (line: string) => void;
  /** Tests: smallest query step and a client double-free way to point at a loopback Prometheus. */
  stepFloorSec?: number;
  client?: (src: PromSource) => PromClient;
}

export interface Vantages {
  handlers: Pick<Service, 'vantage.status' | 'vantage.series' | 'vantage.setSecret'>;
  /**
   * The hook the state engine calls with each local outcome (monitoring/engine.ts `confirm`): the
   * outcome as confirmed across vantages (regional → degraded, a quorum → down everywhere).
   */
  adjust(monitor: Monitor, outcome: ProbeOutcome): ProbeOutcome;
  /** Each vantage's newest word and the verdict of one monitor (the dashboard row and /metrics). */
  view(monitor: Monitor, local: VantageLatest | null): MonitorVantages;
  ingest: VantageIngest;
  results: VantageResultStore;
  start(): void;
  stop(): Promise<void>;
}

export function createVantages(deps: VantageDeps): Vantages {
  const { store, clock, bus, settings, secrets } = deps;
  const results = store.tables.vantageResults;
  const secret = (): string | undefined => {
    const sealed = store.settings.get(SECRET_KEY);
    if (!sealed) return undefined;
    try {
      return secrets.open(sealed);
    } catch (err) {
      if (err instanceof SecretError) return undefined;
      throw err;
    }
  };
  const ingestDeps: IngestDeps = {
    clock,
    settings: () => settings.get().prometheus,
    secret,
    monitors: () => store.monitors.list(),
    store: results,
    kv: store.settings,
    readOnly: store.readOnly,
    onRead: (at) => bus.emit('vantage', { at }),
    ...(deps.log ? { log: deps.log } : {}),
    ...(deps.stepFloorSec !== undefined ? { stepFloorSec: deps.stepFloorSec } : {}),
    ...(deps.client ? { client: deps.client } : {}),
  };
  // What start() opened, closed in reverse order by stop() or by a start that throws halfway.
  const owned = createDisposables();
  const ingest = owned.add(createVantageIngest(ingestDeps), (i) => i.stop());
  let retainTimer: ReturnType<Clock['setTimeout']> | undefined;

  function view(m: Monitor, local: VantageLatest | null): MonitorVantages {
    const remote = ingest.remote(m.id);
    const all = [...(local ? [local] : []), ...remote];
    const v = confirm(
      all.map((x) => ({ vantage: x.vantage, status: x.status })),
      m.vantage?.quorum ?? null,
    );
    return { monitorId: m.id, vantages: all, summary: v.summary, verdict: v.verdict, problem: ingest.problem(m.id) };
  }

  function retain(): void {
    if (store.readOnly) return;
    const before = clock.now() - settings.get().retentionDays * 86_400_000;
    // Small steps: a long-unpruned table never holds the writer for long.
    for (let i = 0; i < 20 && results.prune(before, 5000) === 5000; i++);
    retainTimer = clock.setTimeout(retain, RETAIN_EVERY_MS);
  }

  return {
    results,
    ingest,
    view,
    adjust(monitor, outcome) {
      if (!monitor.vantage || !settings.get().prometheus.baseUrl) return outcome;
      return confirmOutcome(outcome, ingest.remote(monitor.id), monitor.vantage.quorum);
    },
    handlers: {
      'vantage.status': () => {
        const monitors = store.monitors.list().filter((m) => m.vantage);
        const latest = new Map(store.results.latest(monitors.map((m) => m.id)).map((r) => [r.monitorId, r]));
        return {
          source: ingest.source(Boolean(store.settings.get(SECRET_KEY))),
          monitors: monitors.map((m) => {
            const r = latest.get(m.id);
            return view(
              m,
              r
                ? {
                    vantage: LOCAL,
                    status: localView(localStatusOf(r)).status,
                    ts: r.ts,
                    latencyMs: r.latencyMs,
                    ...(r.phases ? { phases: r.phases } : {}),
                  }
                : null,
            );
          }),
        };
      },
      'vantage.series': ({ monitorId, from, to, maxPoints }) => {
        if (!store.monitors.get(monitorId)) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
        const remote = results.series(monitorId, from, to, maxPoints);
        const local = store.series(monitorId, from, to, maxPoints);
        const localLine = {
          vantage: LOCAL,
          points: local.points
            .filter((p) => p.up + p.degraded + p.down > 0)
            .map((p) => ({ t: p.t, up: p.up, degraded: p.degraded, down: p.down, avg: p.avg })),
        };
        return { ...remote, lines: [localLine, ...remote.lines] };
      },
      'vantage.setSecret': ({ secret: plain }) => {
        store.settings.set(SECRET_KEY, plain === '' ? '' : secrets.seal(plain));
        const hasSecret = plain !== '';
        void ingest.readNow();
        return { hasSecret };
      },
    },
    start() {
      if (store.readOnly) return;
      startOrUndo(
        owned,
        () => {
          ingest.start();
          owned.defer(settings.onChange(() => ingest.kick()));
          // A monitor given a vantage option shows its regions at once, not an interval later.
          owned.defer(bus.on('monitors', () => ingest.kick()));
          retainTimer = clock.setTimeout(retain, 60_000);
          owned.defer(() => retainTimer !== undefined && clock.clearTimeout(retainTimer));
        },
        (err) =>
          deps.log?.(`Closing vantages after a failed start: ${err instanceof Error ? err.message : String(err)}`),
      );
    },
    stop: () => owned.dispose(),
  };
}
