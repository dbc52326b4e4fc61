import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES, methods, type MethodName } from '../../shared/api';
import type { ApiErrorShape } from '../../shared/errors';
import { startCore, type Core } from '../../electron/core/app';
import type { Envelope } from '../../electron/core/dispatch';
import { registerIpc, type IpcMainLike, type InvokeEventLike } from '../../electron/ipc';
import { startServer, type Served } from '../../electron/serve/server';
import { shellHooks, validInputs, type Call } from './contract-inputs';
import { connectionOf } from '../../electron/core/store/connection';

/** Fails with the method and the issue paths when an answer does not match its output schema. */
function expectOutput(method: MethodName, result: unknown): void {
  const parsed = methods[method].output.safeParse(result);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  expect.soft(issues, `${method} answer vs its output schema`).toEqual([]);
}

/** An incident for the incidents.* methods to act on (the seed monitor has none of its own yet). */
function seedIncident(core: Core, monitorId: number): void {
  connectionOf(core.store)
    .prepare('INSERT INTO incidents (id, monitor_id, started_at, failed_probes) VALUES (1, ?, ?, 2)')
    .run(monitorId, Date.now());
}

/** A message the outbox gave up on, for alerts.retry. */
function seedFailedAlert(core: Core): void {
  connectionOf(core.store)
    .prepare(
      `INSERT INTO alert_outbox (id, dedupe_key, channel_id, channel_name, channel_kind, kind, title, body, message, status, reason, tries, next_at, created_at)
      VALUES (1, 'seed', 1, 'Hook', 'webhook', 'down', 't', 'b', '{"kind":"down","monitorId":null,"monitorName":null,"group":null,"incidentId":null,"state":null,"title":"t","body":"b","firstError":null,"at":0}', 'failed', 'seeded', 6, 0, 0)`,
    )
    .run();
}

/** Inputs that must be refused before the core, with the path the UI shows the error at. */
const BAD: { method: MethodName; input: unknown; path: string }[] = [
  { method: 'incidents.list', input: { from: 5 }, path: 'to' },
  { method: 'monitors.create', input: { name: 'x', kind: 'http', config: { url: 'ftp://nope' } }, path: 'config.url' },
  { method: 'monitors.create', input: { name: '', kind: 'http', config: { url: 'http://a.test/' } }, path: 'name' },
  {
    method: 'monitors.create',
    input: { name: 'x', intervalSec: 1, kind: 'http', config: { url: 'http://a.test/' } },
    path: 'intervalSec',
  },
  { method: 'monitors.create', input: { name: 'x', kind: 'smtp', config: {} }, path: 'kind' },
  { method: 'monitors.delete', input: { id: 'seven' }, path: 'id' },
  { method: 'series.get', input: { monitorId: 1, from: 10, to: 5 }, path: 'to' },
];

function suite(name: string, connect: (core: Core) => Promise<{ call: Call; close(): Promise<void> }>) {
  describe(`${name} transport`, () => {
    let dir: string;
    let core: Core;
    let call: Call;
    let close: () => Promise<void>;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-transport-'));
      core = await startCore({
        dbPath: path.join(dir, 'db.sqlite3'),
        mode: 'serve',
        version: 'test',
        shell: shellHooks(),
        checkOutputs: true,
      });
      ({ call, close } = await connect(core));
    });
    afterAll(async () => {
      await close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reaches every contract method', async () => {
      // The seed's first probe (port 9 refuses at once) gives results.* and series.get a result to answer with.
      const probed = new Promise<void>((resolve) => {
        const off = core.bus.on('result', () => (off(), resolve()));
      });
      const created = await call('monitors.create', {
        name: 'Seed',
        kind: 'http',
        config: { url: 'http://127.0.0.1:9/' },
      });
      expect(created.ok).toBe(true);
      const id = (created as { result: { id: number } }).result.id;
      await probed;
      seedIncident(core, id);
      seedFailedAlert(core);
      const inputs = validInputs(id);
      expect(Object.keys(inputs).sort()).toEqual([...METHOD_NAMES].sort());
      let demoMonitorCount = 0;
      for (const method of Object.keys(inputs) as MethodName[]) {
        const given = inputs[method];
        const out = await call(
          method,
          typeof given === 'function' ? await (given as (c: Call) => Promise<unknown>)(call) : given,
        );
        expect.soft(out, `${method}: ${JSON.stringify(out).slice(0, 300)}`).toMatchObject({ ok: true });
        // What the client receives (after JSON over the socket) is what the contract declares.
        if (out.ok) expectOutput(method, out.result);
        if (method === 'shell.setStartAtLogin')
          expect(out).toMatchObject({ result: { startAtLogin: { supported: true, enabled: true } } });
        if (method === 'demo.load') demoMonitorCount = (out as { result: { monitors: number } }).result.monitors;
      }
      expect(demoMonitorCount).toBeGreaterThan(0);
      const list = await call('monitors.list', {});
      // Seed deleted; the other create and the demo workspace's monitors remain.
      expect((list as { result: unknown[] }).result.length).toBe(1 + demoMonitorCount);
    });

    it.each(BAD)(
      'refuses bad input to $method at $path before it reaches the core',
      async ({ method, input, path: p }) => {
        const before = ((await call('monitors.list', {})) as { result: unknown[] }).result.length;
        const out = await call(method, input);
        expect(out.ok).toBe(false);
        if (out.ok) return;
        expect(out.error.code).toBe('invalid_input');
        expect(out.error.issues?.map((i) => i.path)).toContain(p);
        expect(((await call('monitors.list', {})) as { result: unknown[] }).result.length).toBe(before);
      },
    );

    it('answers an unknown method with a typed error', async () => {
      const out = await call('monitors.drop', {});
      expect(out).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    });

    it('answers a missing monitor with not_found', async () => {
      const out = await call('series.get', { monitorId: 99999, from: 0, to: 1000 });
      expect(out).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });
  });
}

suite('Electron IPC', (core) => {
  const handlers = new Map<string, (e: InvokeEventLike, ...a: unknown[]) => Promise<Envelope>>();
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  const trustedFrame = { url: 'file:///app/index.html' };
  const off = registerIpc(ipc, core.dispatch, (e) => e.senderFrame === trustedFrame);
  return Promise.resolve({
    call: async (method, input) => {
      const h = handlers.get('lookout:' + method);
      // An unregistered channel is how Electron answers an unknown method.
      if (!h) return { ok: false, error: { code: 'unknown_method' as const, message: 'No handler' } };
      // Electron copies arguments and answers with the structured clone algorithm; so does this double.
      return structuredClone(await h({ senderFrame: trustedFrame }, structuredClone(input)));
    },
    close: () => Promise.resolve(off()),
  });
});

suite('serve WebSocket', async (core) => {
  const served = await startServer({
    dispatch: core.dispatch,
    bus: core.bus,
    rendererDir: path.join(os.tmpdir(), 'none'),
  });
  const ws = await openWs(served, served.token, `http://127.0.0.1:${served.port}`);
  let next = 1;
  const pending = new Map<number, (e: Envelope) => void>();
  ws.on('message', (raw) => {
    const msg = JSON.parse((raw as Buffer).toString('utf8')) as {
      id?: number;
      result?: unknown;
      error?: ApiErrorShape;
    };
    if (typeof msg.id !== 'number') return;
    pending.get(msg.id)?.(msg.error ? { ok: false, error: msg.error } : { ok: true, result: msg.result });
    pending.delete(msg.id);
  });
  return {
    call: (method, input) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      }),
    close: async () => {
      ws.close();
      await served.close();
    },
  };
});

function openWs(served: Served, token: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/ws?token=${token}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('serve access control', () => {
  let dir: string;
  let core: Core;
  let served: Served;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-auth-'));
    core = await startCore({ dbPath: path.join(dir, 'db.sqlite3'), mode: 'serve', version: 'test' });
    served = await startServer({ dispatch: core.dispatch, bus: core.bus, rendererDir: path.resolve('dist/renderer') });
  });
  afterAll(async () => {
    await served.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback only', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('refuses a page request without the token, or with a wrong one, with 401', async () => {
    const base = `http://127.0.0.1:${served.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/assets/x.js`)).status).toBe(401);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    // fetch() drops a Host header, so this goes through node:http as a rebinding browser would send it.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: served.port,
          path: `/?token=${served.token}`,
          headers: { host: `evil.test:${served.port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('refuses a WebSocket without the token or from a foreign Origin', async () => {
    await expect(openWs(served, 'nope', `http://127.0.0.1:${served.port}`)).rejects.toThrow('HTTP 401');
    await expect(openWs(served, served.token, 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(openWs(served, served.token, `http://127.0.0.1:${served.port + 1}`)).rejects.toThrow('HTTP 403');
    const ok = await openWs(served, served.token, `http://localhost:${served.port}`);
    ok.close();
  });

  it('refuses an IPC call from an untrusted frame', async () => {
    const handlers = new Map<string, (e: InvokeEventLike, ...a: unknown[]) => Promise<Envelope>>();
    registerIpc(
      { handle: (c, l) => void handlers.set(c, l), removeHandler: () => undefined },
      core.dispatch,
      () => false,
    );
    const out = await handlers.get('lookout:monitors.list')!({ senderFrame: { url: 'https://evil.example/' } }, {});
    expect(out).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
