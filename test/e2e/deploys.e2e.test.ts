import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, Input, MethodName, Output } from '../../shared/api';
import type { Monitor } from '../../shared/monitor';
import { startCore, type Core } from '../../electron/core/app';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import { runProbe } from '../../electron/core/probes/registry';

/**
 * Deploys judged by the real core: the demo platform on loopback, real probes of it (their results
 * stored at the times of the windows being compared), the SLO ledger and rollups behind the
 * verdict, and the alert leaving through a webhook channel to a loopback receiver. End-to-end
 * because the probes take real time (seconds of a page slowed by 300 ms); listing and refusing
 * deploys, which need no probes, are in test/unit/deploys.test.ts. Each test uses its own monitor
 * and group, and counts only what it caused, so either may run alone or first.
 */
let dir: string;
let core: Core;
let platform: Platform;
let receiver: Server;
const received: string[] = [];
const arrivals: { test: (body: string) => boolean; resolve: () => void }[] = [];
/** Resolves once the webhook has received a body that passes `test` (at once if it already has). */
function arrival(test: (body: string) => boolean): Promise<void> {
  if (received.some(test)) return Promise.resolve();
  return new Promise((resolve) => arrivals.push({ test, resolve }));
}
let web: Monitor;
let health: Monitor;

async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw Object.assign(new Error(out.error.message), out.error);
  return out.result as Output<K>;
}

/**
 * Probes the monitor for real, `n` times for each side of a deploy at `at`, storing the results 20 s
 * apart in the 5 minutes before and after it. The two sides are probed alternately, so whatever
 * else this machine is doing meanwhile weighs on both alike; `after` sets up the platform for an
 * after-side probe and `before` puts it back.
 */
async function probeAround(
  m: Monitor,
  at: number,
  n: number,
  sides: { before?: () => void; after?: () => void } = {},
): Promise<void> {
  const probe = async (ts: number) => {
    const outcome = await runProbe(m, { signal: AbortSignal.timeout(5000) });
    core.store.results.enqueue({ ...outcome, monitorId: m.id, ts, inMaintenance: false });
  };
  for (let i = 0; i < n; i++) {
    sides.before?.();
    await probe(at - 5 * 60_000 + i * 20_000);
    sides.after?.();
    await probe(at + 10_000 + i * 20_000);
  }
  sides.before?.();
  core.store.results.flush();
}

function judged(id: number): Promise<EventPayload<'deploy'>> {
  return new Promise((resolve) => {
    const off = core.bus.on('deploy', (d) => {
      if (d.id === id && d.verdict !== null) {
        off();
        resolve(d);
      }
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-deploys-'));
  platform = await startPlatform();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      for (const a of arrivals.filter((x) => x.test(body))) {
        arrivals.splice(arrivals.indexOf(a), 1);
        a.resolve();
      }
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  core = await startCore({ dbPath: path.join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
  // The console's own reachability is not what is tested: delivery must not wait for the internet.
  await call('settings.update', { connectivity: { enabled: false } });
  await call('channels.create', {
    kind: 'webhook',
    name: 'Releases',
    config: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` },
  });
  web = await call('monitors.create', {
    name: 'Web — home page',
    group: 'Web',
    intervalSec: 3600,
    kind: 'http',
    config: { url: platform.urls.web },
  });
  health = await call('monitors.create', {
    name: 'Platform health',
    group: 'Infrastructure',
    intervalSec: 3600,
    kind: 'http',
    config: { url: platform.urls.health },
  });
}, 30_000);
afterAll(async () => {
  await core?.close();
  await platform?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('deploy markers with a before / after verdict', () => {
  it('judges a deploy followed by +300 ms on the web page a regression, and alerts through the channels', async () => {
    const at = Date.now() - 20 * 60_000;
    try {
      await probeAround(web, at, 12, {
        before: () => platform.clearFaults('web'),
        after: () => platform.setFault('web', { slowPageMs: 300 }),
      });
    } finally {
      platform.clearFaults('web');
    }
    const d = await call('deploys.record', {
      group: 'Web',
      version: '1.4.2',
      note: 'new home page',
      at,
      windowMin: 5,
      source: 'cli',
    });
    expect(d).toMatchObject({ group: 'Web', monitorIds: [web.id], verdict: null, windowMin: 5 });
    const done = await judged(d.id);
    expect(done.verdict).toBe('regression');
    const c = done.comparison!;
    expect(c.complete).toBe(true);
    expect(c.before.p95Ms!).toBeLessThan(100);
    expect(c.after.p50Ms!).toBeGreaterThanOrEqual(300);
    expect(c.before.probes).toBe(12);
    expect(c.after.probes).toBe(12);
    expect(c.before.uptimePct).toBe(100);
    expect(c.reasons.some((r) => /^p95 \d+ ms after vs \d+ ms before$/.test(r))).toBe(true);
    // The same figures on demand, and with another window.
    expect((await call('deploys.compare', { id: d.id })).verdict).toBe('regression');
    // The alert: in the outbox log, and delivered to the webhook.
    const log = await call('alerts.log', {});
    const entry = log.find((e) => e.kind === 'deploy_regression');
    expect(entry?.title).toBe('Regression after deploy 1.4.2 of Web');
    await arrival((b) => b.includes('Regression after deploy 1.4.2'));
    expect(received.filter((b) => b.includes('Regression after deploy 1.4.2'))).toHaveLength(1);
  }, 30_000);

  it('judges a deploy with nothing changed "no change", and sends nothing', async () => {
    const at = Date.now() - 40 * 60_000;
    // 20 a side: p95 is then the 19th of 20, so one stray slow probe on a busy machine is not a change.
    await probeAround(health, at, 20);
    const before = received.length;
    const regressions = async () => (await call('alerts.log', {})).filter((e) => e.kind === 'deploy_regression');
    const regressionsBefore = (await regressions()).length;
    const d = await call('deploys.record', { group: 'Infrastructure', version: '2.0.0', at, windowMin: 5 });
    const done = await judged(d.id);
    expect(done.verdict).toBe('no_change');
    expect(done.comparison!.reasons).toEqual([]);
    // Every alert leaves through the outbox: no new regression in its log is nothing more to send.
    expect(await regressions()).toHaveLength(regressionsBefore);
    expect(received.length).toBe(before);
  }, 30_000);
});
