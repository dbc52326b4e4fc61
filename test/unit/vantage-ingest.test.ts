import { afterEach, describe, expect, it } from 'vitest';
import { MonitorDraft } from '../../shared/monitor';
import { Settings } from '../../shared/settings';
import { createEventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { createSettingsService } from '../../electron/core/settings/settings';
import { openStore, type Store } from '../../electron/core/store';
import { createVantages, type Vantages } from '../../electron/core/vantage/service';
import { FakeClock } from '../support/fake-clock';
import { startFakePrometheus, type FakeProm } from '../support/fake-prometheus';
import { tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

// The ingestion loop with a real SQLite store against a loopback server speaking Prometheus' API.
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(prom: FakeProm, selectors: Record<string, string>, extra: Partial<Settings['prometheus']> = {}) {
  const dir = tempDir();
  const clock = new FakeClock(T0);
  const store: Store = openStore({ path: dir.file('v.db'), now: () => clock.now() });
  const settings = createSettingsService(store.settings);
  settings.update({ prometheus: { baseUrl: prom.url, intervalSec: 30, staleAfterSec: 90, ...extra } });
  const ids: Record<string, number> = {};
  for (const [name, selector] of Object.entries(selectors)) {
    ids[name] = store.monitors.create(
      MonitorDraft.parse({ name, kind: 'http', config: { url: `https://${name}.example/` }, vantage: { selector } }),
    ).id;
  }
  const v: Vantages = createVantages({
    store,
    clock,
    bus: createEventBus(),
    settings,
    secrets: createKeyFileBox(dir.file('k.key')),
  });
  cleanups.push(
    () => dir.cleanup(),
    () => store.close(),
    () => v.stop(),
  );
  return { store, clock, v, ids, settings };
}

describe('vantage ingestion', () => {
  it('backfills 24 h of every region in one query per piece, then reads with one query_range per interval for all monitors (and one for their phases)', async () => {
    const prom = await startFakePrometheus({ regions: ['eu-west', 'us-east'] });
    cleanups.push(() => prom.close());
    const { v, ids, clock, store } = setup(prom, {
      a: '{instance="a"}',
      b: '{instance="b"}',
      c: '{instance="c"}',
    });
    await v.ingest.readNow();
    expect(prom.requests.query).toBe(1); // one count query for the three new selectors
    const firstRange = prom.requests.queryRange;
    expect(firstRange).toBeGreaterThanOrEqual(1);
    // 24 h at 30 s = 2,881 steps per region per monitor.
    expect(v.results.count()).toBe(3 * 2 * 2881);
    expect(v.ingest.remote(ids.a!).map((x) => [x.vantage, x.status])).toEqual([
      ['eu-west', 'up'],
      ['us-east', 'up'],
    ]);
    await clock.advance(30_000);
    await v.ingest.readNow();
    // One for success and duration, one for the HTTP phases: for all three monitors.
    expect(prom.requests.queryRange).toBe(firstRange + 2);
    expect(prom.requests.phaseRange).toBe(firstRange / 2 + 1);
    expect(prom.requests.query).toBe(1);
    const series = await v.handlers['vantage.series']({
      monitorId: ids.b!,
      from: T0 - 3_600_000,
      to: T0,
      maxPoints: 60,
    });
    expect(series.lines.map((l) => l.vantage)).toEqual(['local', 'eu-west', 'us-east']);
    expect(series.lines[1]!.points).toHaveLength(60);
    expect(series.lines[1]!.points.every((p) => p.up === 2 && p.down === 0)).toBe(true);
    expect(store.monitors.get(ids.b!)!.vantage).toMatchObject({ selector: '{instance="b"}', regionLabel: 'region' });
  });

  it('a region without a fresh sample at the newest step is unknown, not down; a down sample is down', async () => {
    const prom = await startFakePrometheus({
      regions: ['eu-west', 'us-east', 'ap-south'],
      success: (_id, region, t) =>
        region === 'eu-west' && t * 1000 > T0 - 120_000 ? null : region === 'ap-south' ? 0 : 1,
    });
    cleanups.push(() => prom.close());
    const { v, ids } = setup(prom, { a: '{instance="a"}' });
    await v.ingest.readNow();
    expect(v.ingest.remote(ids.a!).map((x) => [x.vantage, x.status])).toEqual([
      ['ap-south', 'down'],
      ['eu-west', 'unknown'],
      ['us-east', 'up'],
    ]);
  });

  it("keeps blackbox's HTTP phases with each remote result, and a region without phase series (a TCP module) still reads", async () => {
    const prom = await startFakePrometheus({
      regions: ['eu-west', 'us-east'],
      // eu-west runs http_2xx (phases; no TLS on http:// is exported as 0 s), us-east a tcp_connect module (none).
      phases: (id, region, t) =>
        region === 'eu-west'
          ? { resolve: 0.0021, connect: 0.0104, tls: 0, processing: 0.0457 + (t % 2) / 1000, transfer: 0.0009 }
          : undefined,
    });
    cleanups.push(() => prom.close());
    const { v, ids, clock, store } = setup(prom, { a: '{instance="a"}', b: '{instance="b"}' });
    await v.ingest.readNow();
    const before = prom.requests.phaseRange;
    await clock.advance(30_000);
    await v.ingest.readNow();
    expect(prom.requests.phaseRange).toBe(before + 1); // one phase query for both monitors
    const remote = v.ingest.remote(ids.a!);
    expect(remote.map((x) => [x.vantage, x.status])).toEqual([
      ['eu-west', 'up'],
      ['us-east', 'up'],
    ]);
    const step = (T0 + 30_000) / 1000;
    expect(remote[0]!.phases).toEqual({ dns: 2, connect: 10, ttfb: 46 + (step % 2), download: 1 });
    expect(remote[1]!.phases).toBeUndefined();
    expect(remote[1]!.latencyMs).not.toBeNull();
    // Stored with the row: every eu-west step carries them (the backfill's 2,881 and the read 30 s
    // later), us-east's none.
    const rows = connectionOf(store)
      .prepare<[number], { name: string; n: number; dns: number; phased: number }>(
        'SELECT v.name, COUNT(*) AS n, MAX(r.dns) AS dns, COUNT(r.connect) AS phased FROM vantage_results r JOIN vantages v ON v.id = r.vantage_id WHERE r.monitor_id = ? GROUP BY v.name ORDER BY v.name',
      )
      .all(ids.b!);
    expect(rows).toEqual([
      { name: 'eu-west', n: 2882, dns: 2, phased: 2882 },
      { name: 'us-east', n: 2882, dns: null, phased: 0 },
    ]);
    // The status the monitor page reads has them, and a restart shows them from the table.
    const status = await v.handlers['vantage.status']({});
    expect(
      status.monitors.find((m) => m.monitorId === ids.a!)!.vantages.find((x) => x.vantage === 'eu-west')!.phases,
    ).toMatchObject({ dns: 2, connect: 10 });
    expect(v.results.latest().find((r) => r.monitorId === ids.a && r.vantage === 'eu-west')!.phases).toEqual(
      remote[0]!.phases,
    );
  });

  it('an unreachable Prometheus makes every remote vantage unknown and says why', async () => {
    const prom = await startFakePrometheus({ regions: ['eu-west'] });
    const { v, ids, clock } = setup(prom, { a: '{instance="a"}' }, { timeoutSec: 1 });
    await v.ingest.readNow();
    expect(v.ingest.remote(ids.a!)[0]!.status).toBe('up');
    await prom.close();
    await clock.advance(30_000);
    await v.ingest.readNow();
    expect(v.ingest.remote(ids.a!)[0]!.status).toBe('unknown');
    const status = await v.handlers['vantage.status']({});
    expect(status.source).toMatchObject({ health: 'error', message: expect.stringMatching(/cannot be reached/) });
    expect(status.monitors[0]!.verdict).toBe('unknown');
  });

  it('warnings are partial data: shown on the source, and the same steps are read again', async () => {
    let warn: string[] | undefined = ['shard 2 did not answer'];
    const prom = await startFakePrometheus({ regions: ['eu-west'], warnings: () => warn });
    cleanups.push(() => prom.close());
    const { v, store } = setup(prom, { a: '{instance="a"}' });
    await v.ingest.readNow();
    expect((await v.handlers['vantage.status']({})).source).toMatchObject({
      health: 'partial',
      message: expect.stringMatching(/partial: shard 2/),
    });
    expect(store.settings.get('vantage.cursor')).toBeUndefined();
    warn = undefined;
    await v.ingest.readNow();
    expect((await v.handlers['vantage.status']({})).source.health).toBe('ok');
    expect(Number(store.settings.get('vantage.cursor'))).toBe(Math.floor(T0 / 30_000) * 30_000);
  });

  it('names on the monitor a selector that matches nothing, one that matches thousands, and one Prometheus refuses, and reads the others', async () => {
    const prom = await startFakePrometheus({
      regions: ['eu-west'],
      count: (id) => (id === 2 ? 0 : id === 3 ? 4200 : 1),
      refuse: 'instance=~"bad"',
    });
    cleanups.push(() => prom.close());
    const { v, ids } = setup(prom, {
      ok: '{instance="ok"}',
      none: '{instance="none"}',
      many: '{job="blackbox"}',
      bad: '{instance=~"bad"}',
    });
    await v.ingest.readNow();
    const byId = new Map((await v.handlers['vantage.status']({})).monitors.map((m) => [m.monitorId, m]));
    expect(byId.get(ids.ok!)!.problem).toBeNull();
    expect(byId.get(ids.none!)!.problem).toMatchObject({
      code: 'vantage_no_series',
      message: expect.stringMatching(/matches no series/),
    });
    expect(byId.get(ids.many!)!.problem).toMatchObject({
      code: 'vantage_too_many',
      message: expect.stringMatching(/4,200 series/),
    });
    expect(byId.get(ids.bad!)!.problem).toMatchObject({
      code: 'vantage_refused',
      message: expect.stringMatching(/parse error/),
    });
    expect(v.ingest.remote(ids.ok!)[0]!.status).toBe('up');
    expect(v.ingest.remote(ids.many!)).toEqual([]);
    expect((await v.handlers['vantage.status']({})).source.health).toBe('ok');
  });

  it('seals the Prometheus secret and sends it as a bearer token', async () => {
    const prom = await startFakePrometheus({ regions: ['eu-west'] });
    cleanups.push(() => prom.close());
    const { v, store, settings } = setup(prom, { a: '{instance="a"}' });
    settings.update({ prometheus: { auth: 'bearer' } });
    expect(await v.handlers['vantage.setSecret']({ secret: 'tok-123' })).toEqual({ hasSecret: true });
    expect(store.settings.get('prometheus.secret')).not.toContain('tok-123');
    expect((await v.handlers['vantage.status']({})).source.hasSecret).toBe(true);
    expect(JSON.stringify(settings.get())).not.toContain('tok-123');
  });
});
