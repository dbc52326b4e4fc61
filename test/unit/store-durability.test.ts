import { closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../electron/core/dispatch';
import { startCore, type Core } from '../../electron/core/app';
import { DatabaseOpenError, openStore } from '../../electron/core/store';
import { SCHEMA_VERSION } from '../../electron/core/store/migrations';
import type { DataStatus } from '../../shared/data';
import { ApiError } from '../../shared/errors';
import { draft, result, sha256, tempDir } from './store-helpers';

let tmp: ReturnType<typeof tempDir>;
const cores: Core[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  tmp.cleanup();
});

async function core(path: string, readOnly = false): Promise<Core> {
  const c = await startCore({ dbPath: path, mode: 'serve', version: 'test', readOnly });
  cores.push(c);
  return c;
}
async function call(c: Core, method: string, input: unknown = {}): Promise<unknown> {
  const out: Envelope = await c.dispatch(method, input);
  if (!out.ok) throw new ApiError(out.error.code, out.error.message);
  return out.result;
}
function openError(fn: () => unknown): DatabaseOpenError | ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the open to be refused');
}

/** A Lookout database with a few hundred results, closed cleanly. */
function lookoutFile(path: string): void {
  const s = openStore({ path });
  const m = s.monitors.create(draft());
  for (let i = 0; i < 3000; i++)
    s.results.enqueue(
      result(m.id, i * 30_000, { status: i % 7 ? 'up' : 'down', message: i % 7 ? undefined : 'x'.repeat(40) }),
    );
  s.close();
}
/** What a crash leaves: our session row still present (as if close() never ran). */
function markUnclean(path: string): void {
  const db = new Database(path);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('store.session', '1')").run();
  db.close();
}
/** Garbage over the second-to-last page: a results or rollups b-tree page. */
function damagePage(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, size - 2 * 4096);
  closeSync(fd);
}

describe('durability on open', () => {
  it('after an unclean shutdown a damaged file is refused with its name, copied aside, and left byte-for-byte untouched', () => {
    const path = tmp.file('lookout.db');
    lookoutFile(path);
    markUnclean(path);
    damagePage(path);
    const before = sha256(path);
    const err = openError(() => openStore({ path }));
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect((err as DatabaseOpenError).kind).toBe('corrupt');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/damaged|cannot be read/);
    expect(sha256(path)).toBe(before);
  });

  it('a clean shutdown leaves no session marker, so the next open skips the check', () => {
    const path = tmp.file('lookout.db');
    lookoutFile(path);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'store.session'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('the console starts on a corrupt file: it is copied aside, the UI is told why, and start fresh works', async () => {
    const path = tmp.file('lookout.db');
    lookoutFile(path);
    markUnclean(path);
    damagePage(path);
    const before = sha256(path);
    const c = await core(path);

    const status = (await call(c, 'data.status')) as DataStatus;
    expect(status.opening?.kind).toBe('corrupt');
    expect(status.opening?.message).toContain(path);
    const copy = status.opening!.setAside[0]!;
    expect(copy).toMatch(/lookout\.db\.corrupt-\d{8}T\d{6}Z$/);
    expect(sha256(copy)).toBe(before);
    expect(sha256(path)).toBe(before);
    // Everything else says why it cannot work, naming the file.
    await expect(call(c, 'monitors.list')).rejects.toThrow(path);
    expect(((await call(c, 'app.info')) as { dbPath: string }).dbPath).toBe(path);

    const fresh = (await call(c, 'data.startFresh')) as { setAside: string[] };
    expect(fresh.setAside).toEqual(status.opening!.setAside);
    expect(await call(c, 'monitors.list')).toEqual([]);
    expect(((await call(c, 'data.status')) as DataStatus).opening).toBeNull();
    expect(sha256(copy)).toBe(before); // the set-aside copy is what the operator keeps
  });

  it('from the set-aside screen a backup can be restored instead of starting fresh', async () => {
    const path = tmp.file('lookout.db');
    lookoutFile(path);
    const c0 = await core(path);
    const backup = (await call(c0, 'data.backup')) as { path: string };
    await c0.close();
    cores.splice(0);
    markUnclean(path);
    damagePage(path);
    const damaged = sha256(path);

    const c = await core(path);
    expect(((await call(c, 'data.status')) as DataStatus).opening?.kind).toBe('corrupt');
    const listed = (await call(c, 'data.backups.list')) as { backups: { path: string }[] };
    expect(listed.backups.map((b) => b.path)).toEqual([backup.path]);
    const out = (await call(c, 'data.restore', { path: backup.path })) as { keptAside: string };
    expect(sha256(out.keptAside)).toBe(damaged); // the damaged file is kept, unchanged
    expect((await call(c, 'data.status')) as DataStatus).toMatchObject({ opening: null, results: 3000 });
  });

  it('a foreign SQLite file at the database path is copied aside, never written', async () => {
    const path = tmp.file('lookout.db');
    const db = new Database(path);
    db.exec("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine')");
    db.close();
    const before = sha256(path);
    const c = await core(path);
    const status = (await call(c, 'data.status')) as DataStatus;
    expect(status.opening).toMatchObject({ kind: 'foreign', path });
    expect(status.opening?.message).toBe(`${path} is an SQLite database but not a Lookout one; it was left untouched.`);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(tmp.dir).some((n) => n.startsWith('lookout.db.foreign-'))).toBe(true);
  });

  it('a text file says it is not a Lookout database and stays untouched', async () => {
    const path = tmp.file('lookout.db');
    writeFileSync(path, 'hello, this is not a database at all '.repeat(10));
    const before = sha256(path);
    const c = await core(path);
    const status = (await call(c, 'data.status')) as DataStatus;
    expect(status.opening?.message).toBe(
      `${path} is not a Lookout database (not an SQLite file); it was left untouched.`,
    );
    expect(sha256(path)).toBe(before);
  });

  it('a newer-schema file is refused with the versions named, untouched and not copied', async () => {
    const path = tmp.file('lookout.db');
    lookoutFile(path);
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(path);
    const c = await core(path);
    const status = (await call(c, 'data.status')) as DataStatus;
    expect(status.opening?.kind).toBe('newer');
    expect(status.opening?.message).toContain(`${path} was written by a newer Lookout (schema ${SCHEMA_VERSION + 1}`);
    expect(status.opening?.setAside).toEqual([]);
    expect(sha256(path)).toBe(before);
  });

  it('read-only review of a bad file is refused with the reason and creates nothing', async () => {
    const path = tmp.file('other.db');
    writeFileSync(path, 'SQLite format 3\0' + 'x'.repeat(200));
    const before = sha256(path);
    await expect(core(path, true)).rejects.toThrow(path);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(tmp.dir)).toEqual(['other.db']);
  });

  it('read-only review of a good file reads everything, refuses writes, and leaves it byte-for-byte untouched', async () => {
    const path = tmp.file('lookout.db');
    lookoutFile(path);
    const before = sha256(path);
    const c = await core(path, true);
    const [m] = (await call(c, 'monitors.list')) as { id: number }[];
    const series = (await call(c, 'series.get', { monitorId: m!.id, from: 0, to: 3000 * 30_000 })) as {
      points: unknown[];
    };
    expect(series.points.length).toBeGreaterThan(0);
    await expect(call(c, 'monitors.delete', { id: m!.id })).rejects.toThrow('read-only');
    await c.close();
    expect(sha256(path)).toBe(before);
  });

  it('opening a non-Lookout file for review from the UI says so and stays on the current database', async () => {
    const main = tmp.file('lookout.db');
    const other = tmp.file('notes.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (t TEXT)');
    db.close();
    const before = sha256(other);
    const c = await core(main);
    await call(c, 'monitors.create', draft());
    await expect(call(c, 'data.review', { path: other })).rejects.toThrow(
      `${other} is an SQLite database but not a Lookout one`,
    );
    expect(sha256(other)).toBe(before);
    const status = (await call(c, 'data.status')) as DataStatus;
    expect(status).toMatchObject({ path: main, readOnly: false });
    expect(await call(c, 'monitors.list')).toHaveLength(1);
  });
});
