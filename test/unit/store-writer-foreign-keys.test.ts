import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { connectionOf } from '../../electron/core/store/connection';
import { draft, result, tempDir } from './store-helpers';

/**
 * The result writer turns SQLite's foreign-key checks off for its own transaction (results.ts,
 * writeBatch): each results row would otherwise look its monitor up again. What the operator must
 * never see from that: a row of a deleted monitor, or a monitor whose deletion leaves its history
 * behind because the checks stayed off after a batch, whether it committed or failed.
 */
let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  store = openStore({ path: tmp.file('fk.db'), flushIntervalMs: 60_000, flushMaxBatch: 1_000 });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const rowsOf = (id: number): number =>
  connectionOf(store).prepare('SELECT count(*) FROM results WHERE monitor_id = ?').pluck().get(id) as number;

describe('foreign keys around the result writer', () => {
  it('are on again after a batch: deleting a monitor still takes its results and hour rows with it', () => {
    const a = store.monitors.create(draft('a'));
    const b = store.monitors.create(draft('b'));
    for (let i = 0; i < 40; i++) {
      store.results.enqueue(result(a.id, i * 60_000));
      store.results.enqueue(result(b.id, i * 60_000));
    }
    store.results.flush();
    expect(connectionOf(store).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rowsOf(a.id)).toBe(40);

    store.monitors.delete(a.id);
    expect(rowsOf(a.id)).toBe(0);
    expect(rowsOf(b.id)).toBe(40);
    expect(connectionOf(store).pragma('foreign_key_check')).toEqual([]);
  });

  it('are on again after a batch that failed (disk full), and the held results go in once it frees up', () => {
    const m = store.monitors.create(draft('m'));
    for (let i = 0; i < 10; i++) store.results.enqueue(result(m.id, i * 60_000));
    store.results.flush();
    const db = connectionOf(store);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    for (let i = 10; i < 2_000; i++)
      store.results.enqueue(result(m.id, i * 60_000, { status: 'down', message: 'connection refused by peer' }));
    expect(() => store.results.flush()).toThrow(/full/i);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    db.pragma('max_page_count = 4294967294');
    store.results.flush();
    expect(rowsOf(m.id)).toBe(2_000);
    store.monitors.delete(m.id);
    expect(rowsOf(m.id)).toBe(0);
  });

  it('results queued for a monitor another process deleted before the batch leave no orphan row', () => {
    const gone = store.monitors.create(draft('gone'));
    const kept = store.monitors.create(draft('kept'));
    // Both queued; the workspace CLI deletes one between its probes and the writer's batch.
    for (let i = 0; i < 20; i++) {
      store.results.enqueue(result(gone.id, i * 60_000));
      store.results.enqueue(result(kept.id, i * 60_000));
    }
    const other = new Database(tmp.file('fk.db'));
    other.pragma('foreign_keys = ON');
    other.prepare('DELETE FROM monitors WHERE id = ?').run(gone.id);
    other.close();
    store.monitors.reloadIds();
    store.results.flush();
    expect(rowsOf(gone.id)).toBe(0);
    expect(rowsOf(kept.id)).toBe(20);
    expect(connectionOf(store).pragma('foreign_key_check')).toEqual([]);
  });
});
