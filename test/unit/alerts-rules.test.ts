import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts';
import {
  AlertRules,
  ChannelDraft,
  type AlertChannel,
  type AlertRulesInput,
  type ChannelDraftInput,
} from '../../shared/channels';
import type { Incident } from '../../shared/incidents';
import { openIncident } from '../support/incidents';
import { createAlerting, type Alerting } from '../../electron/core/alerts/alerting';
import { channelsFor, inQuietHours, quietReason } from '../../electron/core/alerts/route';
import { createEventBus, type EventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { openStore } from '../../electron/core/store';
import { startReceiver, type TestReceiver } from '../support/alert-servers';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from './store-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ch = (id: number, c: Partial<ChannelDraftInput> = {}): AlertChannel => ({
  ...ChannelDraft.parse({
    kind: 'slack',
    name: `C${id}`,
    config: { url: 'https://hooks.example.com/x' },
    ...c,
  }),
  id,
  createdAt: 0,
  updatedAt: 0,
});

describe('routing (pure)', () => {
  const channels = [ch(1), ch(2), ch(3, { enabled: false })];
  const rules = AlertRules.parse({
    routes: [
      { name: 'Streams to chat', scope: { groups: ['Live streaming'] }, kinds: ['down', 'recovered'], channelIds: [1] },
      { name: 'API pages', scope: { monitorIds: [5] }, kinds: ['down'], channelIds: [2, 3] },
    ],
  });
  it('per group and per monitor, per kind; disabled channels get nothing', () => {
    expect(channelsFor(rules, channels, { kind: 'down', monitorId: 9, group: 'Live streaming' })).toEqual([1]);
    expect(channelsFor(rules, channels, { kind: 'down', monitorId: 5, group: 'Web' })).toEqual([2]);
    expect(channelsFor(rules, channels, { kind: 'recovered', monitorId: 5, group: 'Web' })).toEqual([]);
    expect(channelsFor(rules, channels, { kind: 'degraded', monitorId: 9, group: 'Live streaming' })).toEqual([]);
  });
  it('without routes every enabled channel gets the state alerts', () => {
    expect(channelsFor(AlertRules.parse({}), channels, { kind: 'down', monitorId: 9, group: 'Web' })).toEqual([1, 2]);
  });
  it('quiet hours in the channel zone, across midnight; down may bypass them', () => {
    const q = { start: '22:00', end: '07:00', downBypasses: true };
    // 21:30 UTC = 22:30 in Zurich (winter): quiet there, not in UTC.
    const at = Date.parse('2026-12-01T21:30:00Z');
    expect(inQuietHours(q, 'Europe/Zurich', at)).toBe(true);
    expect(inQuietHours(q, 'UTC', at)).toBe(false);
    expect(inQuietHours(q, 'Europe/Zurich', Date.parse('2026-12-02T06:30:00Z'))).toBe(false);
    const c = ch(1, { zone: 'Europe/Zurich', quietHours: q });
    expect(quietReason(c, { kind: 'down', at })).toBeUndefined();
    expect(quietReason(c, { kind: 'recovered', at })).toBe('Quiet hours 22:00–07:00 Europe/Zurich');
    expect(
      quietReason(ch(1, { zone: 'Europe/Zurich', quietHours: { ...q, downBypasses: false } }), { kind: 'down', at }),
    ).toMatch(/^Quiet hours/);
  });
});

/**
 * Every timer of alerting (outbox pump, storm grouping, escalations) runs on the fake clock; the
 * deliveries themselves are real HTTP to loopback receivers, awaited as they arrive.
 */
const T0 = Date.parse('2026-12-01T12:00:00Z');

interface Rig {
  alerting: Alerting;
  bus: EventBus;
  clock: FakeClock;
  rx: TestReceiver[];
  channels: AlertChannel[];
  incidents: Map<number, Incident>;
  setOnline(v: boolean): void;
}

async function rig(
  n: number,
  rules: (ids: number[]) => AlertRulesInput,
  opts: {
    stormCollectMs?: number;
    window?: (id: number) => { title: string; monitorIds: number[]; groups: string[] } | undefined;
  } = {},
): Promise<Rig> {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const clock = new FakeClock(T0);
  const store = openStore({ path: dir.file('a.db'), now: () => clock.now(), timers: clock });
  const bus = createEventBus();
  const incidents = new Map<number, Incident>();
  let online = true;
  const rx: TestReceiver[] = [];
  for (let i = 0; i < n; i++) {
    const r = await startReceiver();
    cleanups.push(r.close);
    rx.push(r);
  }
  const channels = rx.map((r, i) => ({ kind: 'webhook' as const, name: `Hook ${i + 1}`, config: { url: r.url } }));
  const alerting = createAlerting({
    tables: store.tables,
    readOnly: false,
    clock,
    bus,
    secrets: createKeyFileBox(dir.file('k')),
    monitor: (id) => ({ name: `M${id}`, group: id >= 100 ? 'Live streaming' : 'Web' }),
    incident: (id) => incidents.get(id),
    online: () => online,
    escalationTickMs: 10,
    ...(opts.stormCollectMs !== undefined ? { stormCollectMs: opts.stormCollectMs } : {}),
    ...(opts.window ? { window: opts.window } : {}),
  });
  cleanups.push(async () => {
    await alerting.stop();
    store.close();
  });
  const saved = channels.map((c) => alerting.channels.create(ChannelDraft.parse(c)));
  alerting.channels.saveRules(AlertRules.parse(rules(saved.map((c) => c.id))));
  bus.emit('channels', { reason: 'rules' });
  return { alerting, bus, clock, rx, channels: saved, incidents, setOnline: (v) => (online = v) };
}

function alert(monitorId: number, kind: Alert['kind'], incidentId: number | null, at: number): Alert {
  return {
    id: `${monitorId}-${at}`,
    kind,
    monitorId,
    monitorName: `M${monitorId}`,
    incidentId,
    at,
    title: `M${monitorId} is ${kind}`,
    body: '',
    sound: false,
    downCount: 1,
  };
}

const bodies = (r: TestReceiver) =>
  r.requests.map(
    (q) =>
      JSON.parse(q.body) as {
        kind: string;
        tier: number | null;
        title: string;
        items: unknown[];
        firstError: string | null;
      },
  );
/**
 * Routing writes the outbox synchronously and arms its pump at once: due now fires it; idle = every
 * message routed so far was delivered (or is held: offline).
 */
async function settle(r: Rig): Promise<void> {
  await r.clock.advance(0);
  await r.alerting.outbox.idle();
}
/** Fires the outbox's pump, then waits for the receiver to have `n` requests. */
async function received(r: Rig, rx: TestReceiver, n: number): Promise<void> {
  await r.clock.advance(0);
  await rx.waitFor(n);
}

describe('escalation', () => {
  it('not acknowledged in N minutes: the next tier is told; acknowledged: nothing more', async () => {
    const r = await rig(2, ([a, b]) => ({
      routes: [
        {
          name: 'Pager',
          kinds: ['down'],
          channelIds: [a as number],
          escalation: [{ afterMinutes: 5, channelIds: [b as number] }],
        },
      ],
    }));
    const [first, second] = r.rx as [TestReceiver, TestReceiver];
    const t = r.clock.now();
    r.incidents.set(1, openIncident(1, { monitorId: 7, startedAt: t }));
    r.incidents.set(2, openIncident(2, { monitorId: 8, startedAt: t }));
    r.bus.emit('alert', alert(7, 'down', 1, t));
    r.bus.emit('alert', alert(8, 'down', 2, t));
    await received(r, first, 2);
    expect(bodies(first).map((b) => b.firstError)).toEqual(['HTTP 500', 'HTTP 500']);
    // Incident 2 is acknowledged at minute 3.
    await r.clock.advance(3 * 60_000);
    const acked = {
      ...openIncident(2, { monitorId: 8, startedAt: t }),
      acknowledgedAt: r.clock.now(),
      acknowledgedBy: 'Dana',
    };
    r.incidents.set(2, acked);
    r.bus.emit('incident', { action: 'updated', incident: acked });
    await settle(r);
    expect(second.requests).toHaveLength(0);
    // Minute 5: the escalation timer fires by itself, for the incident nobody acknowledged.
    await r.clock.advance(2 * 60_000 + 1000);
    await second.waitFor(1);
    await settle(r);
    const got = bodies(second);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'escalation', tier: 1, title: 'Not acknowledged: M7 is down (escalation 1)' });
  });
});

describe('storm control', () => {
  it('more than K down within a minute: K alone, then one grouped message per channel', async () => {
    const r = await rig(2, () => ({ storm: { downs: 3 } }), { stormCollectMs: 300 });
    const t = r.clock.now();
    for (let i = 1; i <= 50; i++) r.bus.emit('alert', alert(i, 'down', null, t + i));
    await r.clock.advance(300); // storm control's grouping delay
    for (const rx of r.rx) {
      await received(r, rx, 4);
      await settle(r);
      const got = bodies(rx);
      expect(got).toHaveLength(4);
      expect(got.slice(0, 3).map((b) => b.kind)).toEqual(['down', 'down', 'down']);
      expect(got[3]).toMatchObject({ kind: 'storm', title: 'Alert storm: 47 down (47 monitors)' });
      expect(got[3]?.items).toHaveLength(47);
    }
  });
});

describe('the console offline', () => {
  it('sends nothing while offline; back online, what waited goes out with one summary per channel', async () => {
    const r = await rig(1, () => ({}));
    const [rx] = r.rx as [TestReceiver];
    r.setOnline(false);
    const from = r.clock.now();
    r.bus.emit('connectivity', { enabled: true, online: false, checkedAt: from, since: from, targets: [] });
    r.bus.emit('alert', alert(3, 'down', null, from));
    await settle(r);
    expect(rx.requests).toHaveLength(0);
    r.setOnline(true);
    r.bus.emit('connectivity', {
      enabled: true,
      online: true,
      checkedAt: from + 420_000,
      since: from + 420_000,
      targets: [],
    });
    await received(r, rx, 2);
    await settle(r);
    const got = bodies(rx);
    expect(got.map((b) => b.kind).sort()).toEqual(['down', 'offline']);
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    expect(got.find((b) => b.kind === 'offline')?.title).toBe(
      `Lookout lost its own network at ${hhmm(from)} UTC, back at ${hhmm(from + 420_000)} UTC`,
    );
  });
});

describe('rate rules (from the real rollups)', () => {
  it('error rate over a window and p95 above a threshold for N minutes, each once until it stops holding', async () => {
    const { createRateWatch } = await import('../../electron/core/alerts/rates');
    const { draft, result } = await import('./store-helpers');
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const clock = new FakeClock(Date.parse('2026-12-01T12:00:30Z'));
    const now = () => clock.now();
    const store = openStore({ path: dir.file('r.db'), now, timers: clock });
    cleanups.push(() => store.close());
    const m = store.monitors.create(draft('API'));
    // 10 probes in the last 10 minutes, 6 of them down; all slow (4 s).
    for (let i = 0; i < 10; i++)
      store.results.enqueue(
        result(m.id, now() - (10 - i) * 60_000 + 1000, { status: i % 5 < 3 ? 'down' : 'up', latencyMs: 4000 }),
      );
    store.results.flush();
    const got: { kind: string; title: string; body: string }[] = [];
    const rules = AlertRules.parse({
      rates: [
        { kind: 'error_rate', name: 'Errors', percent: 50, windowMinutes: 15 },
        { kind: 'latency', name: 'Slow', p95Ms: 3000, forMinutes: 2 },
      ],
    }).rates;
    const w = createRateWatch({
      clock,
      rules: () => rules,
      monitors: () => store.monitors.list(),
      counts: (id, from, to) => {
        const u = store.uptime(id, from, to);
        return { failed: u.down, total: u.up + u.degraded + u.down };
      },
      p95: (id, from, to) => store.latency(id, from, to).p95,
      quiet: () => false,
      emit: (msg) => got.push(msg),
    });
    w.tick();
    expect(got.map((g) => g.kind)).toEqual(['error_rate']);
    expect(got[0]?.body).toBe('Errors: 60.0% of 10 probes failed in the last 15 min (rule: more than 50%).');
    store.results.enqueue(result(m.id, now() + 1000, { status: 'up', latencyMs: 4000 }));
    store.results.flush();
    clock.jump(60_000);
    w.tick();
    // The error rate still holds (no second alert); the second slow minute in a row fires the latency rule.
    expect(got.map((g) => g.kind)).toEqual(['error_rate', 'latency']);
    expect(got[1]?.title).toBe('API: slow (p95 over 3000 ms)');
    w.stop();
  });
});

describe('certificate expiring', () => {
  it('a degraded alert caused by tls_expiring goes out as cert_expiring, routed by that kind', async () => {
    const r = await rig(2, ([a, b]) => ({
      routes: [
        { name: 'Certs', kinds: ['cert_expiring'], channelIds: [a as number] },
        { name: 'State', kinds: ['degraded'], channelIds: [b as number] },
      ],
    }));
    const [certs, state] = r.rx as [TestReceiver, TestReceiver];
    const t = r.clock.now();
    r.bus.emit('result', {
      monitorId: 4,
      ts: t,
      status: 'degraded',
      latencyMs: 30,
      inMaintenance: false,
      errorCode: 'tls_expiring',
      message: 'The certificate of api.example.com expires in 5 days (2026-12-06)',
    });
    r.bus.emit('alert', alert(4, 'degraded', null, t));
    await received(r, certs, 1);
    await settle(r);
    expect(bodies(certs)[0]).toMatchObject({
      kind: 'cert_expiring',
      title: 'M4: certificate expiring',
      firstError: 'The certificate of api.example.com expires in 5 days (2026-12-06)',
    });
    expect(state.requests).toHaveLength(0);
  });
});

describe('maintenance started / ended', () => {
  it('goes to the channels whose routes want it for the monitors or groups the window covers', async () => {
    const r = await rig(
      2,
      ([a, b]) => ({
        routes: [
          {
            name: 'Streams',
            scope: { groups: ['Live streaming'] },
            kinds: ['maintenance_started', 'maintenance_ended'],
            channelIds: [a as number],
          },
          { name: 'Web', scope: { groups: ['Web'] }, kinds: ['maintenance_started'], channelIds: [b as number] },
        ],
      }),
      {
        window: (id) =>
          id === 9 ? { title: 'Encoder upgrade', monitorIds: [], groups: ['Live streaming'] } : undefined,
      },
    );
    const [streams, web] = r.rx as [TestReceiver, TestReceiver];
    r.bus.emit('maintenance', { reason: 'occurrence', windowId: 9, start: 1000, state: 'in_progress' });
    r.bus.emit('maintenance', { reason: 'occurrence', windowId: 9, start: 1000, state: 'completed' });
    // The same transition told twice (another window of the console) is sent once.
    r.bus.emit('maintenance', { reason: 'occurrence', windowId: 9, start: 1000, state: 'completed' });
    await received(r, streams, 2);
    await settle(r);
    expect(bodies(streams).map((b) => b.title)).toEqual([
      'Maintenance started: Encoder upgrade',
      'Maintenance ended: Encoder upgrade',
    ]);
    expect(web.requests).toHaveLength(0);
  });
});

describe('rate rules per service group', () => {
  it("a group's probes together: 2 of 4 monitors failing is 50% of the group", async () => {
    const { createRateWatch } = await import('../../electron/core/alerts/rates');
    const got: { title: string; group: string | null; body: string }[] = [];
    const counts: Record<number, { failed: number; total: number }> = {
      1: { failed: 10, total: 10 },
      2: { failed: 10, total: 10 },
      3: { failed: 0, total: 10 },
      4: { failed: 0, total: 10 },
      5: { failed: 10, total: 10 },
    };
    const w = createRateWatch({
      clock: new FakeClock(Date.parse('2026-12-01T12:00:30Z')),
      rules: () =>
        AlertRules.parse({
          rates: [
            {
              kind: 'error_rate',
              name: 'Group errors',
              per: 'group',
              scope: { groups: ['Live streaming'] },
              percent: 40,
              windowMinutes: 10,
            },
          ],
        }).rates,
      monitors: () => [1, 2, 3, 4, 5].map((id) => ({ id, name: `M${id}`, group: id === 5 ? 'Web' : 'Live streaming' })),
      counts: (id) => counts[id] ?? { failed: 0, total: 0 },
      p95: () => null,
      quiet: () => false,
      emit: (m) => got.push(m),
    });
    w.tick();
    w.tick();
    expect(got).toEqual([
      expect.objectContaining({
        title: 'Live streaming: high error rate',
        group: 'Live streaming',
        body: 'Group errors: 50.0% of 40 probes of the group failed in the last 10 min (rule: more than 40%).',
      }),
    ]);
    w.stop();
  });
});
