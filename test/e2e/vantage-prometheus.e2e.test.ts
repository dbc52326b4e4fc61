import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSelector } from '../../shared/promql-selector';
import { createPromClient, PromError, type PromClient } from '../../electron/core/vantage/prometheus';
import { countQuery, decodeMatrix, rangeQuery, type VantageTarget } from '../../electron/core/vantage/query';
import { chooseStep } from '../../electron/core/vantage/step';
import { freePort, startPrometheusStack, type Stack } from '../support/prometheus-stack';

// Real Prometheus 2.x and two real blackbox_exporters (eu-west, us-east) probing a loopback
// HTTP target; the client reads both regions through query_range as the ingestion loop does.
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
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
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

beforeAll(async () => {
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
});

afterAll(async () => {
  await client?.close();
  await stack?.stop();
  target?.closeAllConnections();
  await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
});

describe('Prometheus client against real Prometheus + blackbox_exporter', () => {
  it('reads both regions up, counts series, then sees a fault in one region only', async () => {
    await until('both regions up', async () => {
      const m = await latestByRegion();
      return m.get('eu-west') === true && m.get('us-east') === true ? m : undefined;
    });
    const counted = await client.query(countQuery([vt]));
    expect(Number(counted.data[0]?.value[1])).toBe(2);

    const refused = `http://127.0.0.1:${await freePort()}/live`;
    await stack.setTarget('eu-west', refused);
    const m = await until('eu-west down, us-east up', async () => {
      const r = await latestByRegion();
      return r.get('eu-west') === false && r.get('us-east') === true ? r : undefined;
    });
    expect([...m.keys()].sort()).toEqual(['eu-west', 'us-east']);
    await stack.setTarget('eu-west', targetUrl);
  });

  it('gets Prometheus\' own parse error for a query it refuses', async () => {
    const err = await client.query('probe_success{instance=~"("}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromError);
    expect((err as PromError).code).toBe('prom_bad_data');
  });

  it('a stopped Prometheus is unreachable, not an answer', async () => {
    await stack.stopPrometheus();
    const err = await client.query('up').catch((e: unknown) => e);
    expect((err as PromError).code).toBe('prom_unreachable');
  });
});
