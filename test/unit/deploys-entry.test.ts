import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import { runDeploy } from '../../electron/cli/deploy';
import { deployFrequency } from '../../electron/core/deploys/report';
import { detectOnce } from '../../electron/core/deploys/detect';
import { createDeployStore } from '../../electron/core/store/deploys';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type Served } from '../../electron/serve/server';
import { tableDbOf } from '../../electron/core/store/connection';

/** Deploys recorded from outside the window: the serve port's endpoint and `lookout deploy`, on the console's own database. */
let dir: string;
let dbPath: string;
let core: Core;
let served: Served;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-deploy-entry-'));
  dbPath = path.join(dir, 'lookout.db');
  core = await startCore({ dbPath, mode: 'serve', version: 'test' });
  await core.dispatch('monitors.create', {
    name: 'Submit',
    group: 'Task submissions',
    intervalSec: 3600,
    kind: 'http',
    config: { url: 'http://127.0.0.1:9/' },
  });
  served = await startServer({ dispatch: core.dispatch, bus: core.bus, rendererDir: dir, port: 0 });
}, 20_000);
afterAll(async () => {
  await served?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string>) =>
  fetch(`http://127.0.0.1:${served.port}/api/deploys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('recording deploys from a pipeline', () => {
  it('takes a deploy on the serve port with the token, and refuses one without it', async () => {
    const ok = await post(
      { group: 'Task submissions', version: '1.4.2', note: 'queue change' },
      { authorization: `Bearer ${served.token}` },
    );
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      group: 'Task submissions',
      version: '1.4.2',
      source: 'http',
      verdict: null,
    });
    const none = await post({ group: 'Task submissions', version: '1.4.3' }, {});
    expect(none.status).toBe(401);
    const wrong = await post({ group: 'Task submissions', version: '1.4.3' }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const bad = await post({ group: 'Task submissions' }, { authorization: `Bearer ${served.token}` });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual([
      'version',
    ]);
  });

  it('takes `lookout deploy` on the database the console has open', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      env: {},
      stdin: () => Promise.resolve(''),
    };
    expect(
      runDeploy(['--group', 'Task submissions', '--version', '1.5.0', '--note', 'new validator'], io, dbPath),
    ).toBe(0);
    expect(out[0]).toMatch(
      /^Recorded deploy \d+: Task submissions 1\.5\.0 at .* \(1 monitor; verdict after 30 min\)\.$/,
    );
    expect(runDeploy(['--group', 'Payments', '--version', '1'], io, dbPath)).toBe(1);
    expect(err.at(-1)).toBe('No monitor matches the group "Payments"; groups: Task submissions');
    expect(runDeploy(['--group', 'Task submissions'], io, dbPath)).toBe(1);
    expect(err.at(-1)).toMatch(/^--version: Name the version deployed/);
    const listed = await core.dispatch('deploys.list', {});
    expect(
      listed.ok && (listed.result as { version: string; source: string }[]).map((d) => [d.version, d.source]),
    ).toEqual([
      ['1.5.0', 'cli'],
      ['1.4.2', 'http'],
    ]);
  });
});

describe('the quarterly report figures', () => {
  it('counts deploys per service in a range', () => {
    const f = deployFrequency(core.store.tables.deploys, Date.now() - 3_600_000, Date.now() + 1000);
    expect(f.services).toEqual([{ group: 'Task submissions', deploys: 2, regressions: 0 }]);
    expect(f.regressions).toEqual([]);
    expect(deployFrequency(core.store.tables.deploys, 0, 1000).services).toEqual([]);
  });
});

describe('deploys detected from a monitored answer', () => {
  it('records a deploy when the version header changes, not for the first answer or an unchanged one', async () => {
    let version = '1.4.1';
    const app = createServer((_req, res) => {
      res.setHeader('x-app-version', version);
      res.end(JSON.stringify({ build: { version } }));
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
      const created = await core.dispatch('monitors.create', {
        name: 'App',
        group: 'Web',
        intervalSec: 3600,
        kind: 'http',
        config: { url },
      });
      const id = (created as { ok: true; result: { id: number } }).result.id;
      const set = await core.dispatch('deploys.setDetector', { monitorId: id, header: 'x-app-version' });
      expect(set).toMatchObject({ ok: true, result: [{ monitorId: id, header: 'x-app-version' }] });
      const both = await core.dispatch('deploys.setDetector', { monitorId: id, header: 'x-v', jsonField: 'v' });
      expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'header' }] } });
      const table = createDeployStore(tableDbOf(core.store));
      const seen = new Map<number, string>();
      const deps = {
        table,
        monitor: (m: number) => core.store.monitors.get(m),
        now: () => Date.now(),
        windowMin: 30,
        onDeploy: () => undefined,
      };
      const detectors = [{ monitorId: id, header: 'x-app-version' }];
      expect(await detectOnce(detectors, seen, deps)).toBe(0);
      expect(await detectOnce(detectors, seen, deps)).toBe(0);
      version = '1.4.2';
      expect(await detectOnce(detectors, seen, deps)).toBe(1);
      const d = table.list({ monitorId: id, limit: 5 });
      expect(d).toMatchObject([
        {
          version: '1.4.2',
          source: 'detected',
          monitorIds: [id],
          note: 'Detected: header x-app-version changed from 1.4.1',
        },
      ]);
      // A JSON field works the same; a fresh memory starts from the last detected version.
      version = '1.5.0';
      expect(await detectOnce([{ monitorId: id, jsonField: 'build.version' }], new Map(), deps)).toBe(1);
      expect(table.list({ monitorId: id, limit: 5 })[0]).toMatchObject({
        version: '1.5.0',
        note: 'Detected: JSON field build.version changed from 1.4.2',
      });
    } finally {
      await new Promise<void>((r) => app.close(() => r()));
    }
  });
});
