import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, Input, MethodName, Output } from '../../shared/api';
import type { Monitor } from '../../shared/monitor';
import { startCore, type Core } from '../../electron/core/app';

/**
 * The real core with the demo platform on loopback; load checks aimed at its monitored hosts, run for
 * real seconds by autocannon (e2e: real sockets and time; the pure pieces are test/unit/loadcheck-pieces.test.ts).
 */
let dir: string;
let core: Core;
let monitors: Monitor[];

async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw Object.assign(new Error(out.error.message), out.error);
  return out.result as Output<K>;
}
async function refused<K extends MethodName>(
  method: K,
  input: Input<K>,
): Promise<{ code: string; message: string; paths: string[] }> {
  const out = await core.dispatch(method, input);
  if (out.ok) throw new Error(`${method} was accepted`);
  return { code: out.error.code, message: out.error.message, paths: (out.error.issues ?? []).map((i) => i.path) };
}
const urlOf = (name: string): string => {
  const m = monitors.find((x) => x.name === name);
  return (m?.config as { url: string }).url;
};
function progressOf(runId: number): EventPayload<'loadcheck'>[] {
  const seen: EventPayload<'loadcheck'>[] = [];
  const off = core.bus.on('loadcheck', (p) => {
    if (p.runId === runId) seen.push(p);
  });
  afterAll(off);
  return seen;
}
async function ended(runId: number, withinMs: number): Promise<Output<'loadchecks.runs'>[number]> {
  const until = Date.now() + withinMs;
  for (;;) {
    const r = (await call('loadchecks.runs', {})).find((x) => x.id === runId);
    if (r && r.outcome !== 'running') return r;
    if (Date.now() > until) throw new Error(`run ${runId} still running after ${withinMs} ms`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-loadcheck-'));
  core = await startCore({ dbPath: path.join(dir, 'lookout.db'), mode: 'serve', version: 'test', demo: true });
  monitors = await call('monitors.list', {});
  // The demo's monitors have probed once, so results.latest has something to answer.
  for (let i = 0; i < 100 && (await call('results.latest', {})).length === 0; i++)
    await new Promise((r) => setTimeout(r, 100));
}, 30_000);
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('load checks against the demo platform', () => {
  it('refuses rates and durations beyond the caps, unmonitored hosts and unknown variables, with the field', async () => {
    const url = urlOf('Platform health');
    await call('loadchecks.setLimits', { maxRate: 200 });
    expect((await refused('loadchecks.save', { check: { name: 'x', url, rate: 201, durationSec: 5 } })).paths).toEqual([
      'check.rate',
    ]);
    expect(
      (await refused('loadchecks.save', { check: { name: 'x', url, rate: 20_000, durationSec: 5 } })).paths,
    ).toContain('check.rate');
    const long = await refused('loadchecks.save', { check: { name: 'x', url, rate: 10, durationSec: 601 } });
    expect(long).toMatchObject({ code: 'invalid_input', paths: ['check.durationSec'] });
    expect(long.message).toMatch(/10 minutes/);
    const foreign = await refused('loadchecks.save', {
      check: { name: 'x', url: 'http://127.0.0.2:9/', rate: 10, durationSec: 5 },
    });
    expect(foreign.paths).toEqual(['check.url']);
    expect(foreign.message).toMatch(/127\.0\.0\.2:9 is not a host any monitor probes/);
    const unknown = await refused('loadchecks.save', {
      check: { name: 'x', url, method: 'POST', body: '{"t":"{{token}}"}', rate: 10, durationSec: 5 },
    });
    expect(unknown.paths).toEqual(['check.body']);
    expect(unknown.message).toMatch(/\{\{token\}\}/);
    expect(await call('loadchecks.list', {})).toEqual([]);
  });

  it('runs only when the confirmation names the total, and passes against a healthy target', async () => {
    const check = await call('loadchecks.save', {
      check: {
        name: 'Health at 30/s',
        url: urlOf('Platform health'),
        rate: 30,
        durationSec: 3,
        maxConnections: 5,
        thresholds: { p95Ms: 1000, errorRatePct: 1, minRatePct: 80 },
      },
    });
    const plan = await call('loadchecks.plan', { checkId: check.id });
    expect(plan.totalRequests).toBe(90);
    expect(plan.confirmation).toMatch(/Send 90 requests to GET http:\/\/127\.0\.0\.1:\d+\/health/);
    expect(plan.monitorIds).toContain(monitors.find((m) => m.name === 'Platform health')!.id);
    expect((await refused('loadchecks.start', { checkId: check.id, confirm: 89 })).paths).toEqual(['confirm']);
    expect((await refused('loadchecks.start', { checkId: check.id, token: 'forged' })).code).toBe('conflict');

    const run = await call('loadchecks.start', { checkId: check.id, token: plan.token });
    const progress = progressOf(run.id);
    expect(run.outcome).toBe('running');
    // The console keeps answering while the check runs (its speed is measured in the loadcheck bench).
    const latest = await call('results.latest', {});
    expect(latest.length).toBeGreaterThan(0);
    const done = await ended(run.id, 15_000);
    expect(done.outcome).toBe('completed');
    expect(done.verdict).toBe('go');
    expect(done.summary!.completed).toBeGreaterThanOrEqual(72);
    expect(done.summary!.errors).toEqual({});
    expect(done.summary!.latency.p95).not.toBeNull();
    expect(done.card.map((l) => [l.metric, l.pass])).toEqual([
      ['p95 ms', true],
      ['error rate %', true],
      ['requests answered % of planned', true],
    ]);
    expect(progress.some((p) => p.state === 'running' && p.sent > 0)).toBe(true);
    expect(progress.at(-1)?.state).toBe('ended');
    // Its span is on the charts of the monitors of that host.
    const id = monitors.find((m) => m.name === 'Platform health')!.id;
    const spans = await call('loadchecks.spans', { monitorId: id, from: done.startedAt - 1000, to: Date.now() + 1000 });
    expect(spans).toEqual([{ runId: run.id, name: 'Health at 30/s', from: done.startedAt, to: done.endedAt }]);
    const other = monitors.find((m) => m.name === 'Live stream')!.id;
    expect(
      await call('loadchecks.spans', { monitorId: other, from: done.startedAt - 1000, to: Date.now() + 1000 }),
    ).toEqual([]);

    // A second run is compared with the first.
    const again = await call('loadchecks.start', { checkId: check.id, confirm: 90 });
    const second = await ended(again.id, 15_000);
    expect(second.previous).toMatchObject({ id: run.id, verdict: 'go' });
  }, 40_000);

  it('aborts when submissions fail with 500 under load, with the errors by code', async () => {
    await call('demo.fault', { fault: 'submissionsFail', on: true });
    try {
      const url = (monitors.find((m) => m.name === 'Task submission')!.config as { steps: { url: string }[] }).steps[1]!
        .url;
      const check = await call('loadchecks.save', {
        check: {
          name: 'Submissions at 20/s',
          url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"task":"load","ref":"{{$uuid}}","at":{{$now}}}',
          rate: 20,
          durationSec: 20,
          maxConnections: 4,
          abort: { errorRatePct: 10, forSec: 2 },
          thresholds: { errorRatePct: 1 },
        },
      });
      const run = await call('loadchecks.start', { checkId: check.id, confirm: 400 });
      const done = await ended(run.id, 10_000);
      expect(done.outcome).toBe('aborted');
      expect(done.reason).toMatch(/Error rate 100\.0% above 10% for 2 s/);
      expect(done.verdict).toBe('no_go');
      expect(done.summary!.errors['500']).toBeGreaterThan(0);
      expect(done.summary!.sent).toBeLessThan(400);
      expect(done.card).toEqual([{ metric: 'error rate %', threshold: 1, actual: 100, pass: false }]);
    } finally {
      await call('demo.fault', { clear: true });
    }
  }, 20_000);

  it('stops in the middle of a run, and nothing more reaches the target', async () => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await call('monitors.create', { name: 'Stop target', kind: 'http', config: { url } });
      const check = await call('loadchecks.save', {
        check: { name: 'Long', url, rate: 20, durationSec: 60, maxConnections: 2 },
      });
      const run = await call('loadchecks.start', { checkId: check.id, confirm: 1200 });
      await new Promise((r) => setTimeout(r, 1500));
      expect((await refused('loadchecks.start', { checkId: check.id, confirm: 1200 })).code).toBe('conflict');
      const stopped = await call('loadchecks.stop', { runId: run.id });
      expect(stopped.outcome).toBe('stopped');
      expect(stopped.verdict).toBe('stopped');
      expect(stopped.summary!.elapsedMs).toBeLessThan(10_000);
      const atStop = hits;
      await new Promise((r) => setTimeout(r, 1200));
      // At most a few answers that were already on the wire.
      expect(hits - atStop).toBeLessThanOrEqual(2);
      expect(hits).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 20_000);

  it('ends with "refused" when the target refuses connections, rather than hanging', async () => {
    const probe: Server = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const url = `http://127.0.0.1:${port}/`;
    await call('monitors.create', { name: 'Closed port', kind: 'http', config: { url } });
    const check = await call('loadchecks.save', { check: { name: 'Nobody home', url, rate: 10, durationSec: 30 } });
    const run = await call('loadchecks.start', { checkId: check.id, confirm: 300 });
    const done = await ended(run.id, 8_000);
    expect(done.outcome).toBe('refused');
    expect(done.reason).toBe(`127.0.0.1:${port} refused connections`);
    expect(done.verdict).toBe('no_go');
    expect(done.summary!.errors.conn_refused).toBeGreaterThan(0);
  }, 15_000);

  it('reminds to run a check N hours before its peak event, until it has run', async () => {
    // Three hours ahead, in UTC, to the minute (the peak's local time in its zone).
    const start = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 60_000) * 60_000);
    const peak = await call('peaks.create', {
      peak: {
        title: 'Live final',
        kind: 'live_stream',
        start: start.toISOString().slice(0, 16),
        zone: 'UTC',
        durationMin: 90,
      },
    });
    const url = urlOf('Platform health');
    const bad = await refused('loadchecks.save', {
      check: { name: 'x', url, rate: 5, durationSec: 1, reminder: { peakId: 9999, hoursBefore: 6 } },
    });
    expect(bad.paths).toEqual(['check.reminder.peakId']);
    const check = await call('loadchecks.save', {
      check: { name: 'Before the final', url, rate: 5, durationSec: 1, reminder: { peakId: peak.id, hoursBefore: 6 } },
    });
    const before = (await call('loadchecks.reminders', {})).find((r) => r.checkId === check.id);
    expect(before).toMatchObject({
      peakTitle: 'Live final',
      peakStart: start.getTime(),
      dueAt: start.getTime() - 6 * 3_600_000,
      due: true,
      ranAt: null,
    });
    const run = await call('loadchecks.start', { checkId: check.id, confirm: 5 });
    await ended(run.id, 10_000);
    const after = (await call('loadchecks.reminders', {})).find((r) => r.checkId === check.id);
    expect(after?.ranAt).toBe(run.startedAt);
  }, 20_000);
});
