import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input, MethodName, Output } from '../../shared/api';
import { startCore, type Core } from '../../electron/core/app';

/**
 * Recording, listing and refusing deploys on the real core, with no probes run: judging a deploy
 * from real probes takes seconds of real time, so it is in test/e2e/deploys.e2e.test.ts.
 */
let dir: string;
let core: Core;

async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw Object.assign(new Error(out.error.message), out.error);
  return out.result as Output<K>;
}

function monitor(name: string, group: string) {
  // What its probes find does not matter here; an hourly interval keeps them to one.
  return call('monitors.create', {
    name,
    group,
    intervalSec: 3600,
    kind: 'http',
    config: { url: 'http://127.0.0.1:9/' },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-deploys-'));
  core = await startCore({ dbPath: path.join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
});
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deploy markers', () => {
  it('lists deploys for a monitor chart and range, and refuses a group without monitors', async () => {
    const web = await monitor('Web — home page', 'Web');
    const infra = await monitor('Platform health', 'Infrastructure');
    const at = Date.now() - 20 * 60_000;
    const d = await call('deploys.record', { group: 'Web', version: '1.4.2', at, windowMin: 5 });
    expect(d).toMatchObject({ group: 'Web', monitorIds: [web.id], windowMin: 5 });
    await call('deploys.record', { group: 'Infrastructure', version: '2.0.0', at: at - 60 * 60_000 });

    expect((await call('deploys.list', { monitorId: web.id })).map((x) => x.version)).toEqual(['1.4.2']);
    expect((await call('deploys.list', { monitorId: infra.id })).map((x) => x.version)).toEqual(['2.0.0']);
    const inRange = await call('deploys.list', { from: at - 60_000, to: at + 60_000 });
    expect(inRange.map((x) => x.version)).toEqual(['1.4.2']);

    const out = await core.dispatch('deploys.record', { group: 'Payments', version: '1' });
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'group' }] } });
    expect(out.ok ? '' : out.error.message).toMatch(
      /No monitor is in the group "Payments"; groups: Infrastructure, Web/,
    );
    const noVersion = await core.dispatch('deploys.record', { group: 'Web', version: ' ' });
    expect(noVersion).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'version' }] } });
    // Nothing refused was kept.
    expect(await call('deploys.list', {})).toHaveLength(2);
  });
});
