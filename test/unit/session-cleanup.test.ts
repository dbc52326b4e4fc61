import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core/app';
import { createDisposables } from '../../electron/core/lifecycle';
import type { TimerHandle } from '../../electron/core/clock';
import { FakeClock } from '../support/fake-clock';
import { MonitorDraft } from '../../shared/monitor';

/** A failed session start closes what it had opened: the database is free again and no timer is left. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-cleanup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Nobody else holds the file: an exclusive write lock is had at once, and no WAL was left behind. */
function assertReleased(dbPath: string): void {
  expect(existsSync(`${dbPath}-wal`)).toBe(false);
  const db = new Database(dbPath, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } finally {
    db.close();
  }
}

describe('session start', () => {
  it('closes every component and the store when the last step of start throws', async () => {
    const dbPath = join(dir, 'lookout.db');
    const clock = new FakeClock(Date.UTC(2030, 0, 1));
    let timersAtFailure = 0;
    const start = startCore({
      dbPath,
      mode: 'serve',
      version: 'test',
      clock,
      onSessionStarted: (store) => {
        // Everything is running: the store is open and the scheduler, jobs and windows hold timers.
        store.monitors.create(MonitorDraft.parse({ name: 'Local', kind: 'tcp', config: { host: '127.0.0.1', port: 9 } }));
        timersAtFailure = clock.pending();
        throw new Error('boom at start');
      },
    });
    await expect(start).rejects.toThrow('boom at start');
    expect(timersAtFailure).toBeGreaterThan(0);
    expect(clock.pending()).toBe(0);
    assertReleased(dbPath);
  });

  it('closes what had opened when a component throws partway (the first timer it asks for)', async () => {
    const dbPath = join(dir, 'lookout.db');
    const clock = new FakeClock(Date.UTC(2030, 0, 1));
    let asked = 0;
    // The first component to ask the clock for a timer fails: the store is open by then, the rest is not.
    const failing = Object.assign(Object.create(clock) as FakeClock, {
      setTimeout(fn: () => void, ms: number): TimerHandle {
        if (++asked === 1) throw new Error('no timers today');
        return clock.setTimeout(fn, ms);
      },
    });
    await expect(startCore({ dbPath, mode: 'serve', version: 'test', clock: failing })).rejects.toThrow('no timers today');
    expect(clock.pending()).toBe(0);
    assertReleased(dbPath);
    // The same file starts cleanly afterwards.
    const core = await startCore({ dbPath, mode: 'serve', version: 'test', clock });
    await core.close();
    expect(clock.pending()).toBe(0);
    assertReleased(dbPath);
  });
});

describe('disposables', () => {
  it('closes in reverse order, keeps going past a failure, and closes nothing twice', async () => {
    const d = createDisposables();
    const order: string[] = [];
    d.add('store', (r) => order.push(r));
    d.defer(() => {
      order.push('jobs');
      throw new Error('jobs would not stop');
    });
    d.add('scheduler', async (r) => {
      await Promise.resolve();
      order.push(r);
    });
    await expect(d.dispose()).rejects.toThrow('jobs would not stop');
    expect(order).toEqual(['scheduler', 'jobs', 'store']);
    await expect(d.dispose()).rejects.toThrow('jobs would not stop');
    expect(order).toHaveLength(3);
    expect(d.disposed).toBe(true);
  });

  it('reports every failure when several resources fail to close', async () => {
    const d = createDisposables();
    d.defer(() => {
      throw new Error('a');
    });
    d.defer(() => Promise.reject(new Error('b')));
    const err = await d.dispose().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map((e: Error) => e.message)).toEqual(['b', 'a']);
  });
});
