import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName, Output } from '../../shared/api';
import { startCore, type Core } from '../../electron/core/app';
import { SECRET_MASK } from '../../electron/core/secrets/monitor-secrets';

/** The core as both shells assemble it: windows feed drafts, secrets are sealed, incidents resolve. */
let dir: string;
let core: Core | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-wiring-'));
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
  const out = await core!.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.code} ${out.error.message}`);
  return out.result as Output<K>;
}

describe('core wiring', () => {
  it('drafts an announcement from a real window, and marks it outdated when the window moves', async () => {
    core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
    const window = {
      title: 'Database upgrade',
      start: '2030-03-03T02:00',
      zone: 'Africa/Johannesburg',
      durationMin: 150,
      groups: ['Live streaming'],
    };
    const w = await call('windows.create', { window, acknowledgeConflicts: true });
    const draft = await call('drafts.create', { step: 'announce', source: { kind: 'window', windowId: w.id } });
    expect(draft.sourceMissing).toBe(false);
    expect(draft.content.body).toContain(
      'The platform will undergo scheduled maintenance on Sunday 3 March 2030 between 02:00 and 04:30 SAST',
    );
    expect(draft.content.body).toContain('Live streaming');
    expect(draft.outdated).toBe(false);

    await call('windows.update', {
      id: w.id,
      window: { ...window, start: '2030-03-10T02:00' },
      acknowledgeConflicts: true,
    });
    const after = await call('drafts.get', { id: draft.id });
    expect(after.outdated).toBe(true);
    const rerendered = await call('drafts.rerender', { id: draft.id });
    expect(rerendered.content.body).toContain('Sunday 10 March 2030');
    expect(rerendered.outdated).toBe(false);
  });

  it('keeps secret headers out of the database file and away from the renderer', async () => {
    const dbPath = join(dir, 'lookout.db');
    core = await startCore({ dbPath, mode: 'serve', version: 'test' });
    const created = await call('monitors.create', {
      name: 'Private API',
      kind: 'http',
      paused: true,
      config: { url: 'http://127.0.0.1:9/', headers: { Authorization: 'Bearer top-secret-token' } },
    });
    if (created.kind !== 'http') throw new Error('kind');
    expect(created.config.headers.Authorization).toBe(SECRET_MASK);
    const listed = await call('monitors.list', {});
    expect(JSON.stringify(listed)).not.toContain('top-secret-token');
    // Editing another field sends the mask back: the stored secret is kept, not replaced by the mask.
    await call('monitors.update', { id: created.id, monitor: { ...stripIds(created), name: 'Private API v2' } });
    await core.close();
    core = undefined;
    const bytes = readFileSync(dbPath).toString('latin1') + safeRead(`${dbPath}-wal`);
    expect(bytes).not.toContain('top-secret-token');
    expect(bytes).not.toContain(SECRET_MASK);
  });
});

function stripIds<T extends { id: number; createdAt: number }>(m: T): Omit<T, 'id' | 'createdAt'> {
  const { id: _id, createdAt: _c, ...rest } = m;
  return rest;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path).toString('latin1');
  } catch {
    return '';
  }
}
