import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, Output } from '../../shared/api';
import { startCore, type Core } from '../../electron/core/app';
import { authorized, isLoopback } from '../../electron/core/metrics/endpoint';
import { startMetricsServer, type MetricsServer } from '../../electron/core/metrics/server';
import { startServer, type Served } from '../../electron/serve/server';

// Serve mode's /metrics route and the desktop's metrics-only server, on the real core.
let dir = '';
let core: Core;
let served: Served;
let desktop: MetricsServer;
const TOKEN = 'unit-metrics-token';

async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
  return out.result as Output<K>;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lookout-metrics-'));
  core = await startCore({ dbPath: path.join(dir, 'l.db'), mode: 'serve', version: 'test' });
  served = await startServer({ dispatch: core.dispatch, bus: core.bus, rendererDir: dir, token: TOKEN });
  desktop = await startMetricsServer({ dispatch: core.dispatch, bus: core.bus, token: () => TOKEN });
  await call('monitors.create', {
    name: 'Paused API',
    group: 'Task submissions',
    kind: 'http',
    paused: true,
    config: { url: 'http://127.0.0.1:9/' },
  });
});
afterAll(async () => {
  await desktop?.close();
  await served?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (port: number, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}/metrics`, { headers });

describe('/metrics', () => {
  it('is off until the operator turns it on, and says where', async () => {
    const r = await get(served.port, { authorization: `Bearer ${TOKEN}` });
    expect(r.status).toBe(404);
    expect(await r.text()).toMatch(/Settings → Metrics/);
  });

  it('wants the serve token as a bearer token or the basic-auth password; the page URL token is not enough', async () => {
    await call('settings.update', { metrics: { enabled: true } });
    expect((await get(served.port)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${served.port}/metrics?token=${TOKEN}`)).status).toBe(401);
    expect((await get(served.port, { authorization: 'Bearer wrong' })).status).toBe(401);
    const basic = await get(served.port, {
      authorization: `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`,
    });
    expect(basic.status).toBe(200);
  });

  it('answers OpenMetrics with the monitor state, open incidents and error budget per group', async () => {
    for (const port of [served.port, desktop.port]) {
      const r = await get(port, { authorization: `Bearer ${TOKEN}` });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/application\/openmetrics-text/);
      const text = await r.text();
      expect(text).toContain(
        'lookout_monitor_state{monitor="Paused API",group="Task submissions",kind="http",state="paused"} 1',
      );
      expect(text).toMatch(/^lookout_incidents_open 0$/m);
      expect(text).toMatch(/^lookout_slo_error_budget_remaining_ratio\{group="Task submissions"\} 1$/m);
      expect(text).toContain('# TYPE lookout_probe_duration_seconds histogram');
      expect(text.trimEnd().endsWith('# EOF')).toBe(true);
    }
  });

  it('the shipped Grafana dashboard asks only for metrics Lookout serves', async () => {
    const dash = readFileSync(path.join(__dirname, '../../build/grafana/lookout-dashboard.json'), 'utf8');
    const wanted = new Set(dash.match(/lookout_[a-z_]+/g));
    expect(wanted.size).toBeGreaterThanOrEqual(6);
    const text = await (await get(served.port, { authorization: `Bearer ${TOKEN}` })).text();
    for (const name of wanted) expect(text, name).toMatch(new RegExp(`^# TYPE ${name.replace(/_bucket$/, '')} `, 'm'));
  });

  it('the desktop server serves nothing else', async () => {
    expect((await fetch(`http://127.0.0.1:${desktop.port}/`)).status).toBe(404);
  });

  it('takes loopback peers only and compares tokens exactly', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('192.0.2.7')).toBe(false);
    expect(authorized(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(authorized(`Basic ${Buffer.from(`:${TOKEN}`).toString('base64')}`, TOKEN)).toBe(true);
    expect(authorized(undefined, TOKEN)).toBe(false);
  });
});
