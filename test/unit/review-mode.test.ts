import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, MUTATING_METHODS, type MethodName, type Service } from '../../shared/api';
import { startCore, type Core } from '../../electron/core/app';
import { createDispatcher, type Envelope } from '../../electron/core/dispatch';
import { shellHooks, validInputs, type Call } from './contract-inputs';

/** Switch the session to another database; each is covered by the data-backup tests and would end this review. */
const SWITCHES: MethodName[] = ['data.review', 'data.reviewEnd', 'data.restore', 'data.startFresh'];

async function inputFor(method: MethodName, inputs: Record<MethodName, unknown>, call: Call): Promise<unknown> {
  const given = inputs[method];
  return typeof given === 'function' ? await (given as (c: Call) => Promise<unknown>)(call) : given;
}

describe('review mode in the dispatcher', () => {
  /** A service that records which methods the dispatcher let through (answers are not checked here). */
  function recording(): { service: Service; called: Set<string> } {
    const called = new Set<string>();
    const service = Object.fromEntries(
      METHOD_NAMES.map((m) => [m, () => (called.add(m), { confirm: 'c' })]),
    ) as unknown as Service;
    return { service, called };
  }

  it('refuses exactly the methods the contract marks, before the core, naming the file', async () => {
    const { service, called } = recording();
    const dispatch = createDispatcher(service, undefined, { reviewing: '/data/old.db' });
    const call: Call = (m, i) => dispatch(m, i);
    const inputs = validInputs(1);
    for (const method of METHOD_NAMES) {
      const out = await dispatch(method, await inputFor(method, inputs, call));
      if (MUTATING_METHODS.has(method)) {
        expect.soft(out, method).toMatchObject({ ok: false, error: { code: 'read_only' } });
        if (!out.ok) expect.soft(out.error.message, method).toContain('/data/old.db is open read-only for review');
      } else {
        expect.soft(out, method).toMatchObject({ ok: true });
      }
    }
    // drafts.send's thunk asks drafts.sendPreview (unmarked) for its confirmation: called, not refused.
    expect([...called].sort()).toEqual(METHOD_NAMES.filter((m) => !MUTATING_METHODS.has(m)).sort());
  });

  it('lets every method through outside review mode', async () => {
    const { service, called } = recording();
    const dispatch = createDispatcher(service);
    const inputs = validInputs(1);
    for (const method of METHOD_NAMES) await dispatch(method, await inputFor(method, inputs, (m, i) => dispatch(m, i)));
    expect(called.size).toBe(METHOD_NAMES.length);
  });

  it('marks the methods that change the database', () => {
    // A few that must stay marked whatever else changes: they are how an operator edits the console.
    for (const m of ['monitors.create', 'settings.update', 'windows.create', 'drafts.update', 'workspace.apply'])
      expect(MUTATING_METHODS.has(m as MethodName), m).toBe(true);
    for (const m of ['monitors.list', 'dashboard.get', 'report.export', 'data.backup', 'data.reviewEnd'])
      expect(MUTATING_METHODS.has(m as MethodName), m).toBe(false);
  });
});

/** The file's bytes plus its WAL's: any commit by any connection lands in one of the two. */
function fingerprint(file: string): string {
  const h = createHash('sha256').update(readFileSync(file));
  const wal = `${file}-wal`;
  h.update(existsSync(wal) && statSync(wal).size > 0 ? readFileSync(wal) : Buffer.alloc(0));
  return h.digest('hex');
}

describe('a review session over the real core', () => {
  let dir: string;
  let file: string;
  let monitorId: number;
  let core: Core;
  const call: Call = (m, i) => core.dispatch(m, i);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-review-'));
    file = path.join(dir, 'old.db');
    // A database with something behind most methods: a monitor with a result, a window, a peak,
    // a channel, a draft, a load check, a deploy, an incident.
    const writer = await startCore({ dbPath: file, mode: 'serve', version: 'test' });
    const w: Call = (m, i) => writer.dispatch(m, i);
    const probed = new Promise<void>((resolve) => {
      const off = writer.bus.on('result', () => (off(), resolve()));
    });
    const created = await w('monitors.create', { name: 'Seed', kind: 'http', config: { url: 'http://127.0.0.1:9/' } });
    monitorId = (created as { result: { id: number } }).result.id;
    await probed;
    const inputs = validInputs(monitorId);
    for (const m of [
      'windows.create',
      'peaks.create',
      'channels.create',
      'drafts.create',
      'loadchecks.save',
      'deploys.record',
    ] as const) {
      expect(await w(m, inputs[m]), m).toMatchObject({ ok: true });
    }
    await writer.close();
    const db = new Database(file);
    db.prepare('INSERT INTO incidents (id, monitor_id, started_at, failed_probes) VALUES (1, ?, ?, 2)').run(
      monitorId,
      Date.now(),
    );
    db.close();
    core = await startCore({ dbPath: file, mode: 'serve', version: 'test', readOnly: true, shell: shellHooks() });
  });
  afterAll(async () => {
    await core?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every unmarked method without writing, and refuses every marked one', async () => {
    const before = fingerprint(file);
    const inputs = validInputs(monitorId);
    const answers: Record<string, Envelope> = {};
    for (const method of METHOD_NAMES) {
      if (SWITCHES.includes(method)) continue;
      answers[method] = await call(method, await inputFor(method, inputs, call));
    }
    for (const [method, out] of Object.entries(answers)) {
      if (MUTATING_METHODS.has(method as MethodName)) {
        expect.soft(out, method).toMatchObject({ ok: false, error: { code: 'read_only' } });
        continue;
      }
      // An unmarked method that writes meets the read-only connection (an `internal` error) or a
      // store's own refusal (`read_only`); a domain answer (not_found for a demo not running…) is fine.
      const code = out.ok ? 'ok' : out.error.code;
      expect.soft(['read_only', 'internal'], `${method}: ${JSON.stringify(out).slice(0, 300)}`).not.toContain(code);
    }
    // Something was read, not just refused: the seeded monitor and its window come back.
    expect(answers['monitors.list']).toMatchObject({ ok: true, result: [{ id: monitorId, name: 'Seed' }] });
    expect(answers['windows.list']).toMatchObject({ ok: true, result: [{ title: 'Patch' }] });
    expect(fingerprint(file)).toBe(before);
  });
});
