import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MethodName, Output } from '../../shared/api';
import { startCore, type Core } from '../../electron/core/app';
import { startMetricsServer, type MetricsServer } from '../../electron/core/metrics/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSelector } from '../../shared/promql-selector';
import { createPromClient, PromError, type PromClient } from '../../electron/core/vantage/prometheus';
import {
  countQuery,
  decodeMatrix,
  phaseQuery,
  rangeQuery,
  TAG,
  type VantageTarget,
} from '../../electron/core/vantage/query';
import { chooseStep } from '../../electron/core/vantage/step';
import { freePort, startPrometheusStack, type Stack } from '../support/prometheus-stack';
import { step } from './story';

// Real Prometheus 2.x and two real blackbox_exporters (eu-west, us-east) probing a loopback
// HTTP target. First the client alone, then the whole core (startCore on a real database): a
// monitor with a vantage option reads both regions into its history, a fault in one region is
// regional, a fault everyone sees opens one incident, and a stopped Prometheus makes the
// regions unknown. One stack for the file keeps its time small.
let target: Server;
let targetUrl = '';
let stack: Stack;
let client: PromClient;
let vt: VantageTarget;

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function latestByRegion(): Promise<Map<string, boolean | undefined>> {
  const now = Date.now();
  const w = chooseStep(now - 10_000, now, 1);
  const a = await client.queryRange(rangeQuery([vt], 3), w);
  const { points, seen } = decodeMatrix(a.data, new Map([[vt.monitorId, vt]]), 20);
  const out = new Map<string, boolean | undefined>();
  for (const name of seen.get(vt.monitorId) ?? []) {
    const list = points.get(vt.monitorId)?.get(name) ?? [];
    const last = list.at(-1);
    // A region whose newest point is older than two steps is stale: unknown.
    out.set(name, last && last.ts >= w.endSec * 1000 - 2000 ? last.up : undefined);
  }
  return out;
}

/**
 * A target and a Prometheus stack probing it, one per describe: the core's story breaks both (it
 * closes the target and stops Prometheus), so the client's tests must not share them with it.
 */
async function startWorld(): Promise<void> {
  target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/live`;
  stack = await startPrometheusStack({
    instance: targetUrl,
    regions: [
      { name: 'eu-west', target: targetUrl },
      { name: 'us-east', target: targetUrl },
    ],
  });
  client = createPromClient({ baseUrl: stack.promUrl, timeoutMs: 3000 });
  const p = parseSelector(`probe_success{instance="${targetUrl}"}`);
  if (!p.ok) throw new Error(p.message);
  vt = { monitorId: 1, matchers: p.matchers, regionLabel: 'region' };
}

async function stopWorld(): Promise<void> {
  await client?.close();
  await stack?.stop();
  if (target?.listening) {
    target.closeAllConnections();
    await new Promise<void>((r) => target.close(() => r()));
  }
}

describe('Prometheus client against real Prometheus + blackbox_exporter', () => {
  beforeAll(startWorld);
  afterAll(stopWorld);
  // Every test here reads what both regions have scraped, so none waits on another for it.
  beforeAll(async () => {
    await until('both regions up', async () => {
      const m = await latestByRegion();
      return m.get('eu-west') === true && m.get('us-east') === true ? m : undefined;
    });
  });

  it('reads both regions up and counts their series', async () => {
    const m = await latestByRegion();
    expect([m.get('eu-west'), m.get('us-east')]).toEqual([true, true]);
    const counted = await client.query(countQuery([vt]));
    expect(Number(counted.data[0]?.value[1])).toBe(2);
  });

  it("reads blackbox's HTTP phases by region and phase in one query, onto the regions' points", async () => {
    const now = Date.now();
    const w = chooseStep(now - 10_000, now, 1);
    const [a, p] = await Promise.all([
      client.queryRange(rangeQuery([vt], 3), w),
      client.queryRange(phaseQuery([vt]), w),
    ]);
    // One series per region and phase (http_2xx exports all five), tagged for the monitor.
    const keys = p.data.map((x) => `${x.metric[TAG]} ${x.metric.region} ${x.metric.phase}`).sort();
    expect(keys).toEqual(
      ['eu-west', 'us-east'].flatMap((r) =>
        ['connect', 'processing', 'resolve', 'tls', 'transfer'].map((ph) => `1:p ${r} ${ph}`),
      ),
    );
    const { points } = decodeMatrix(a.data, new Map([[vt.monitorId, vt]]), 20, p.data);
    for (const region of ['eu-west', 'us-east']) {
      const last = points.get(vt.monitorId)?.get(region)?.at(-1);
      expect(last?.phases?.connect).toBeTypeOf('number');
      // http:// has no TLS: blackbox exports 0 s for it, which is no phase, as on this console's own results.
      expect(last?.phases).not.toHaveProperty('tls');
    }
  });

  it("gets Prometheus' own parse error for a query it refuses", async () => {
    const err = await client.query('probe_success{instance=~"("}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromError);
    expect((err as PromError).code).toBe('prom_bad_data');
  });
});

describe('the core reading vantages from real Prometheus', () => {
  let core: Core | undefined;
  let dir = '';
  let monitorId = 0;
  async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
    const out = await core!.dispatch(method, input);
    if (!out.ok) throw new Error(`${method}: ${out.error.code} ${out.error.message}`);
    return out.result as Output<K>;
  }
  const mine = async () => (await call('vantage.status', {})).monitors.find((m) => m.monitorId === monitorId);
  let metricsServer: MetricsServer | undefined;
  beforeAll(startWorld);
  afterAll(async () => {
    await metricsServer?.close();
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await stopWorld();
  });

  // One monitor's story against one Prometheus: each step needs what the previous left (the core
  // and its monitor, then a regional fault before a total one, and Prometheus stopped last), so
  // they are steps of one test, not tests of their own.
  it('the core reads vantages into history, is scraped, tells regional from total faults, and a stopped Prometheus from down', async () => {
    await step('reads both regions into the history, next to this console', readsIntoHistory);
    await step(
      "Prometheus scrapes Lookout's /metrics, and a query for lookout_probe_up returns Lookout's monitors",
      scrapesLookoutMetrics,
    );
    await step('a fault seen by one region only is regional (degraded, the region named), no incident', regionalFault);
    await step('a fault seen by every vantage opens one incident, down everywhere', faultEverywhere);
    await step('stopping Prometheus makes the regions unknown, never down', prometheusStopped);
    // The steps' own waits (up to 20 s each) add up past one test's default timeout.
  }, 300_000);

  async function readsIntoHistory() {
    dir = mkdtempSync(path.join(tmpdir(), 'lookout-vantage-'));
    core = await startCore({
      dbPath: path.join(dir, 'lookout.db'),
      mode: 'serve',
      version: 'test',
      vantageStepFloorSec: 1,
    });
    await call('settings.update', {
      prometheus: { baseUrl: stack.promUrl, intervalSec: 5, staleAfterSec: 5, timeoutSec: 2 },
      connectivity: { enabled: false },
    });
    const m = await call('monitors.create', {
      name: 'Live master playlist',
      kind: 'http',
      intervalSec: 5,
      retries: 1,
      config: { url: targetUrl },
      vantage: { selector: `probe_success{instance="${targetUrl}"}` },
    });
    monitorId = m.id;
    let last: unknown;
    const v = await until('local, eu-west and us-east up', async () => {
      const x = await mine();
      const names = x?.vantages
        .filter((y) => y.status === 'up')
        .map((y) => y.vantage)
        .sort();
      if (names?.join() === 'eu-west,local,us-east') return x;
      last = x;
      return undefined;
    }).catch((err: Error) => {
      throw new Error(`${err.message}; last seen ${JSON.stringify(last)}`);
    });
    expect(v).toMatchObject({ verdict: 'up', summary: null, problem: null });
    // Each region's remote result carries blackbox's HTTP phases (http_2xx exports them).
    const phased = await until('phases on both regions', async () => {
      const x = await mine();
      const remote = x?.vantages.filter((y) => y.vantage !== 'local') ?? [];
      return remote.length === 2 && remote.every((y) => y.phases?.connect !== undefined) ? remote : undefined;
    });
    for (const r of phased) expect(r.phases).not.toHaveProperty('tls');
    const series = await call('vantage.series', { monitorId, from: Date.now() - 120_000, to: Date.now() + 1000 });
    expect(series.lines.map((l) => l.vantage)).toEqual(['local', 'eu-west', 'us-east']);
    for (const line of series.lines.slice(1)) expect(line.points.some((p) => p.up > 0 && p.avg !== null)).toBe(true);
    expect((await call('vantage.status', {})).source.health).toBe('ok');
  }

  async function scrapesLookoutMetrics() {
    await call('settings.update', { metrics: { enabled: true } });
    metricsServer = await startMetricsServer({
      dispatch: core!.dispatch,
      bus: core!.bus,
      token: () => 'e2e-scrape-token',
    });
    await stack.scrapeLookout(metricsServer.port, 'e2e-scrape-token');
    const sample = await until('lookout_probe_up in Prometheus', async () => {
      const a = await client.query('lookout_probe_up');
      return a.data.find((x) => x.metric.monitor === 'Live master playlist');
    });
    expect(sample.metric).toMatchObject({ group: 'Web', kind: 'http', job: 'lookout' });
    expect(sample.value[1]).toBe('1');
    const regions = await client.query('lookout_vantage_up{monitor="Live master playlist"}');
    expect(regions.data.map((x) => x.metric.vantage).sort()).toEqual(['eu-west', 'us-east']);
    // The histogram counts probes from the moment the endpoint started: wait for the next one.
    await until('a probe in the duration histogram', async () => {
      const a = await client.query('lookout_probe_duration_seconds_count{monitor="Live master playlist"}');
      return Number(a.data[0]?.value[1]) > 0 ? true : undefined;
    });
  }

  async function regionalFault() {
    await stack.setTarget('eu-west', `http://127.0.0.1:${await freePort()}/live`);
    const v = await until('regional', async () => {
      const x = await mine();
      return x?.verdict === 'regional' ? x : undefined;
    });
    expect(v.summary).toBe('down in eu-west only');
    const r = await until('a degraded local result naming the region', async () => {
      const rs = await call('results.recent', { monitorId, limit: 5 });
      return rs.find((x) => x.errorCode === 'regional');
    });
    expect(r).toMatchObject({ status: 'degraded', message: 'Regional: down in eu-west only' });
    const open = (await call('incidents.list', { monitorId })).items.filter((i) => i.endedAt === null);
    expect(open).toHaveLength(0);
  }

  async function faultEverywhere() {
    target.closeAllConnections();
    await new Promise<void>((r) => target.close(() => r()));
    const inc = await until('an open incident', async () => {
      const open = (await call('incidents.list', { monitorId })).items.filter((i) => i.endedAt === null);
      return open.length ? open : undefined;
    });
    expect(inc).toHaveLength(1);
    const v = await until('down everywhere', async () => {
      const x = await mine();
      return x?.verdict === 'down' && x.summary === 'down everywhere' ? x : undefined;
    });
    expect(v.vantages.every((x) => x.status === 'down')).toBe(true);
    expect((await call('incidents.list', { monitorId })).items.filter((i) => i.endedAt === null)).toHaveLength(1);
  }

  async function prometheusStopped() {
    await stack.stopPrometheus();
    const v = await until('regions unknown', async () => {
      const x = await mine();
      return x && x.vantages.filter((y) => y.vantage !== 'local').every((y) => y.status === 'unknown') ? x : undefined;
    });
    expect(v.vantages.find((y) => y.vantage === 'local')?.status).toBe('down');
    const source = (await call('vantage.status', {})).source;
    expect(source).toMatchObject({ health: 'error', message: expect.stringMatching(/cannot be reached/) });
    const err = await client.query('up').catch((e: unknown) => e);
    expect((err as PromError).code).toBe('prom_unreachable');
  }
});
