import type * as PromClient from 'prom-client';
import type { OpenMetricsContentType } from 'prom-client';
import { lazyRequire } from '../lazy-require';
import type { MethodName, Output } from '../../../shared/api';
import type { Monitor } from '../../../shared/monitor';
import type { Dispatch } from '../dispatch';
import type { EventBus } from '../events';

/**
 * Lookout's own metrics in OpenMetrics text (prom-client), read from the same Api the windows
 * use, so a figure on /metrics is the figure on screen: lookout_probe_up from the latest result,
 * lookout_monitor_state from the confirmed state, the error budget from slo.get.
 */
export interface LookoutMetrics {
  readonly contentType: OpenMetricsContentType;
  render(): Promise<string>;
  close(): void;
}

/** Seconds; probe times run from a few ms (loopback) to the 30 s timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** prom-client, loaded when the registry is first made (metrics turned on), not at start. */
const promClient = lazyRequire<typeof PromClient>('prom-client');

export function createLookoutMetrics(deps: { dispatch: Dispatch; bus: EventBus }): LookoutMetrics {
  const { Gauge, Histogram, Registry } = promClient();
  async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
    const out = await deps.dispatch(method, input);
    if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
    return out.result as Output<K>;
  }
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const labelsOf = (m: Pick<Monitor, 'name' | 'group' | 'kind'>) => ({ monitor: m.name, group: m.group, kind: m.kind });

  let monitors = new Map<number, Monitor>();
  const loadMonitors = async () => {
    monitors = new Map((await call('monitors.list', {})).map((m) => [m.id, m]));
  };
  let loaded: Promise<void> | undefined;
  const ensureMonitors = () => (loaded ??= loadMonitors().catch(() => undefined));

  new Gauge({
    name: 'lookout_probe_up',
    help: 'Latest probe result of each monitor: 1 answered (up or degraded), 0 down; absent while unknown',
    labelNames: ['monitor', 'group', 'kind'],
    registers: [registry],
    async collect() {
      this.reset();
      await ensureMonitors();
      for (const r of await call('results.latest', {})) {
        const m = monitors.get(r.monitorId);
        if (!m || r.status === 'unknown') continue;
        this.set(labelsOf(m), r.status === 'down' ? 0 : 1);
      }
    },
  });
  const duration = new Histogram({
    name: 'lookout_probe_duration_seconds',
    help: 'Time each answered probe took, seconds',
    labelNames: ['monitor', 'group', 'kind'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'lookout_monitor_state',
    help: 'Confirmed state of each monitor: 1 for the state it is in (up, degraded, down, unknown, paused)',
    labelNames: ['monitor', 'group', 'kind', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await ensureMonitors();
      for (const s of await call('state.list', {})) {
        const m = monitors.get(s.monitorId);
        if (m) this.set({ ...labelsOf(m), state: s.state }, 1);
      }
    },
  });
  new Gauge({
    name: 'lookout_incidents_open',
    help: 'Incidents open now',
    registers: [registry],
    async collect() {
      const page = await call('incidents.list', { limit: 200 });
      this.set(page.items.filter((i) => i.endedAt === null).length);
    },
  });
  new Gauge({
    name: 'lookout_slo_error_budget_remaining_ratio',
    help: "Share of the period's error budget left for each service group (1 untouched, 0 spent, below 0 overspent)",
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      this.reset();
      await ensureMonitors();
      for (const group of new Set([...monitors.values()].map((m) => m.group))) {
        const r = await call('slo.get', { group });
        this.set({ group }, r.budget.remaining);
      }
    },
  });
  new Gauge({
    name: 'lookout_vantage_up',
    help: 'Newest word of each remote vantage (region) read from Prometheus: 1 up, 0 down; absent while unknown',
    labelNames: ['monitor', 'vantage'],
    registers: [registry],
    async collect() {
      this.reset();
      await ensureMonitors();
      for (const v of (await call('vantage.status', {})).monitors) {
        const m = monitors.get(v.monitorId);
        if (!m) continue;
        for (const x of v.vantages)
          if (x.status !== 'unknown' && x.vantage !== 'local')
            this.set({ monitor: m.name, vantage: x.vantage }, x.status === 'up' ? 1 : 0);
      }
    },
  });

  const offResult = deps.bus.on('result', (r) => {
    if (r.latencyMs === null || r.status === 'unknown' || r.status === 'down') return;
    const m = monitors.get(r.monitorId);
    if (m) duration.observe(labelsOf(m), r.latencyMs / 1000);
    else void ensureMonitors();
  });
  const offMonitors = deps.bus.on('monitors', () => {
    // Renamed or deleted monitors: their old series go (a histogram would keep them forever).
    loaded = undefined;
    duration.reset();
    void ensureMonitors();
  });

  return {
    contentType: registry.contentType,
    render: async () => {
      await ensureMonitors();
      return registry.metrics();
    },
    close() {
      offResult();
      offMonitors();
      registry.clear();
    },
  };
}
