import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { connectionOf, tableDbOf } from '../../electron/core/store/connection';
import { draft, result, tempDir } from './store-helpers';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(process.cwd(), path.join(e.parentPath, e.name)));
}

describe('one door into SQLite', () => {
  const IMPORTS_SQLITE = /from '(better-sqlite3|[./]+(core\/)?store\/(db|connection))'/;

  it('no module outside the store imports better-sqlite3, the store connection or its Db types', () => {
    const files = sources('electron');
    const offenders = files
      .filter((f) => !f.startsWith('electron/core/store/'))
      .filter((f) => IMPORTS_SQLITE.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    // The scan does see imports: the store's own modules open better-sqlite3.
    expect(files.filter((f) => /from 'better-sqlite3'/.test(readFileSync(f, 'utf8')))).toContain(
      'electron/core/store/db.ts',
    );
  });
});

describe('the store in review mode', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let open: Store[] = [];
  afterEach(() => {
    for (const s of open) s.close();
    open = [];
  });
  const store = (readOnly = false) => {
    const s = openStore({ path: tmp.file('door.db'), readOnly });
    open.push(s);
    return s;
  };

  it('has only a read-only connection: no writer-only tables, no transaction', () => {
    store().close();
    open = [];
    const ro = store(true);
    expect(connectionOf(ro).readonly).toBe(true);
    expect(ro.tables.probeMemory).toBeUndefined();
    expect(ro.tables.loadChecks).toBeUndefined();
    expect(() => ro.file.immediate(() => 1)).toThrow(/read-only/);
    // Reads work.
    expect(ro.tables.windows.list()).toEqual([]);
    expect(ro.file.countResultsUpTo(10)).toBe(0);
  });

  it('has no write part: a writer that does not come through the dispatcher gets read_only, naming what', () => {
    store().close();
    open = [];
    const ro = store(true);
    expect(tableDbOf(ro).write).toBeUndefined();
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return { code: (err as { code?: string }).code, message: (err as Error).message };
      }
      return undefined;
    };
    expect(refusal(() => ro.tables.incidentWriter.acknowledge(1, 'me', 0))).toEqual({
      code: 'read_only',
      message: expect.stringMatching(/read-only for review; cannot change an incident/),
    });
    expect(refusal(() => ro.tables.degraded.close(1, 0, null, 1))?.code).toBe('read_only');
    expect(refusal(() => ro.tables.gaps.add(0, 1, 'asleep'))?.code).toBe('read_only');
    expect(refusal(() => ro.settings.set('k', 'v'))?.message).toMatch(/cannot change a setting/);
    // Nested parts refuse too, and the tables the dispatcher also guards.
    expect(refusal(() => ro.tables.windows.peaks.delete(1))?.message).toMatch(/cannot change maintenance windows/);
    expect(refusal(() => ro.tables.outbox.requeueSending(0))?.code).toBe('read_only');
    expect(ro.tables.windows.peaks.list()).toEqual([]);
    expect(ro.tables.outbox.counts().pending).toBe(0);
    // The read parts of the same tables answer, settled or not.
    expect(ro.tables.incidents.openIncidents(0)).toEqual([]);
    expect(ro.tables.degradedWriter.openStretches()).toEqual([]);
    expect(ro.tables.states.all()).toEqual([]);
    expect(ro.settings.get('k')).toBeUndefined();
  });
});

describe('reads settle the writers first', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let s: Store | undefined;
  afterEach(() => s?.close());

  /** Held writes that count what the writer asks of them, and whether it asked inside its transaction. */
  function heldCounter(st: Store) {
    const h = { pending: false, writes: 0, inTransaction: [] as boolean[], committed: 0 };
    return {
      h,
      held: {
        pending: () => h.pending,
        write() {
          if (!h.pending) return;
          h.writes++;
          h.inTransaction.push(connectionOf(st).inTransaction);
          // A real holder writes rows here: this one stores a setting, so a rollback would show.
          st.settings.set('held-test', String(h.writes));
        },
        written() {
          h.pending = false;
          h.committed++;
        },
      },
    };
  }

  it('a queued result and registered held writes are written, in one transaction, before a table read answers', () => {
    s = openStore({ path: tmp.file('settle.db'), flushIntervalMs: 60_000 });
    const m = s.monitors.create(draft());
    s.results.enqueue(result(m.id, 1_000));
    // Still held by the writer: the raw connection does not see it yet.
    expect(connectionOf(s).prepare('SELECT count(*) FROM results').pluck().get()).toBe(0);
    const { h, held } = heldCounter(s);
    const off = s.holdsWrites(held);
    h.pending = true;
    expect(s.tables.history.count(m.id, 0, 10_000)).toBe(1);
    expect(h).toMatchObject({ writes: 1, inTransaction: [true], committed: 1, pending: false });
    // Nothing queued, something held: a read still writes it.
    h.pending = true;
    expect(s.tables.history.count(m.id, 0, 10_000)).toBe(1);
    expect(h).toMatchObject({ writes: 2, committed: 2 });
    expect(s.settings.get('held-test')).toBe('2');
    // Removed: no longer asked.
    off();
    h.pending = true;
    s.tables.history.count(m.id, 0, 10_000);
    expect(h.writes).toBe(2);
  });

  it('held writes stay pending when the batch they rode with rolled back, and go with the retry', () => {
    let fail = true;
    s = openStore({ path: tmp.file('held-rollback.db'), flushIntervalMs: 60_000 });
    const m = s.monitors.create(draft());
    const { h, held } = heldCounter(s);
    s.holdsWrites({
      ...held,
      write() {
        held.write();
        if (fail) throw new Error('disk full (simulated inside the transaction)');
      },
    });
    s.results.enqueue(result(m.id, 1_000));
    h.pending = true;
    expect(() => s!.results.flush()).toThrow(/disk full/);
    expect(h).toMatchObject({ writes: 1, committed: 0, pending: true });
    // Rolled back with the results: neither the row nor the held write is in the file.
    expect(connectionOf(s).prepare('SELECT count(*) FROM results').pluck().get()).toBe(0);
    expect(s.settings.get('held-test')).toBeUndefined();
    fail = false;
    s.results.flush();
    expect(h).toMatchObject({ writes: 2, committed: 1, pending: false });
    expect(connectionOf(s).prepare('SELECT count(*) FROM results').pluck().get()).toBe(1);
    expect(s.settings.get('held-test')).toBe('2');
  });
});
