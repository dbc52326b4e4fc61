import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import { openStore, type Store, type WriteHealth } from '../../electron/core/store';
import type { StorageProblem } from '../../shared/data';
import { draft, result, tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

/**
 * A real "disk full": SQLite's max_page_count caps the file at its current size, so the next
 * page the writer needs fails with SQLITE_FULL exactly as a full disk does.
 */
function fillDisk(store: Store): void {
  const pages = connectionOf(store).pragma('page_count', { simple: true }) as number;
  connectionOf(store).pragma(`max_page_count = ${pages}`);
}
function freeDisk(store: Store): void {
  connectionOf(store).pragma('max_page_count = 4294967294');
}
function rowsOnDisk(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
function failingFlush(store: Store): string {
  try {
    store.results.flush();
  } catch (err) {
    return (err as Error).message;
  }
  return 'flushed';
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('disk full while writing', () => {
  it('holds results in memory, reports once as a storage event, and loses nothing after the disk frees up', async () => {
    const path = tmp.file('lookout.db');
    const core: Core = await startCore({ dbPath: path, mode: 'serve', version: 'test' });
    try {
      const events: StorageProblem[] = [];
      core.bus.on('storage', (p) => events.push(p));
      const store = core.store;
      const m = store.monitors.create(draft());
      for (let i = 0; i < 500; i++) store.results.enqueue(result(m.id, i * 1000));
      store.results.flush();
      fillDisk(store);

      // Two batches' worth of results need new pages: the size-triggered flushes fail quietly.
      for (let i = 500; i < 3500; i++)
        store.results.enqueue(result(m.id, i * 1000, { status: 'down', message: 'connection refused by peer' }));
      expect(failingFlush(store)).toMatch(/full/i);
      expect(failingFlush(store)).toMatch(/full/i);
      expect(events).toHaveLength(1); // once, not once per retry
      expect(events[0]).toMatchObject({
        state: 'failing',
        what: `writing probe results to ${path}`,
        dropped: 0,
        recoveredAt: null,
      });
      expect(events[0]!.message).toMatch(/full/i);
      const status = ((await core.dispatch('data.status', {})) as { ok: true; result: { storage: StorageProblem } })
        .result;
      expect(status.storage.state).toBe('failing');
      expect(status.storage.held).toBeGreaterThan(0);
      expect(status.storage.held + rowsOnDisk(path)).toBe(3500);

      freeDisk(store);
      store.results.flush();
      expect(events).toHaveLength(2);
      expect(events[1]).toMatchObject({ state: 'recovered', held: 0, dropped: 0 });
      expect(events[1]!.recoveredAt).not.toBeNull();
      expect(rowsOnDisk(path)).toBe(3500);
      expect(store.uptime(m.id, 0, 3500 * 1000)).toMatchObject({ up: 500, down: 3000 });
    } finally {
      await core.close();
    }
  });

  it('past the memory bound the oldest held results are dropped and counted; everything within it is kept', () => {
    const states: WriteHealth[] = [];
    const path = tmp.file('lookout.db');
    const store = openStore({ path, flushMaxBatch: 100, maxHeld: 1000, onWriteState: (h) => states.push(h) });
    try {
      const m = store.monitors.create(draft());
      fillDisk(store);
      // Each batch of 100 needs several new pages, so the very first flush already fails.
      for (let i = 0; i < 1300; i++)
        store.results.enqueue(result(m.id, i * 1000, { message: 'x'.repeat(200), status: 'down' }));
      expect(store.writeHealth()).toMatchObject({ failing: true, held: 1000, dropped: 300 });
      freeDisk(store);
      store.results.flush();
      expect(states.map((s) => s.failing)).toEqual([true, false]);
      expect(store.writeHealth()).toMatchObject({ failing: false, held: 0, dropped: 300 });
      const db = new Database(path, { readonly: true });
      const { n, first } = db.prepare('SELECT count(*) AS n, min(ts) AS first FROM results').get() as {
        n: number;
        first: number;
      };
      db.close();
      expect(n).toBe(1000);
      expect(first).toBe(300_000); // the 300 oldest went, the newest 1000 are all there
    } finally {
      freeDisk(store);
      store.close();
    }
  });
});
