import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { connectionOf, tableDbOf } from '../../electron/core/store/connection';
import type { Db, ReadableDB, WritableDB } from '../../electron/core/store/db';
import { draft, sha256, tempDir } from './store-helpers';

/**
 * What the brands refuse is checked by the typecheck (`npx tsc -b`, test/ is a project of it): each
 * `@ts-expect-error` fails the build if the line it marks ever compiles (a member named without a
 * call: naming it is already the error). These functions are never called; the test below checks
 * the same modes at run time.
 */
export function readableRefuses(read: ReadableDB): void {
  // @ts-expect-error a ReadableDB's statements cannot run
  void read.prepare('DELETE FROM monitors').run;
  // @ts-expect-error ...nor after pluck, raw or bind
  void read.prepare<[], number>('SELECT 1').pluck().raw().bind().run;
  // @ts-expect-error ...nor reach back to the whole connection
  void read.prepare('SELECT 1').database;
  // @ts-expect-error no exec
  void read.exec;
  // @ts-expect-error no transaction
  void read.transaction;
  // @ts-expect-error no writing pragma
  read.pragma('journal_mode = WAL');
  // @ts-expect-error not the whole connection
  const whole: Db = read;
  // @ts-expect-error not a writer
  const writer: WritableDB = read;
  void [whole, writer];
}

export function writableIsBoth(write: WritableDB, plain: Db): void {
  // A WritableDB is wanted wherever a ReadableDB is, and keeps the whole connection.
  const read: ReadableDB = write;
  const whole: Db = write;
  write.prepare<[number]>('DELETE FROM monitors WHERE id = ?').run(1);
  write.transaction(() => write.exec('SELECT 1')).immediate();
  // Reads keep their parameter and row types through both.
  const name: string | undefined = read
    .prepare<[number], string>('SELECT name FROM monitors WHERE id = ?')
    .pluck()
    .get(1);
  // @ts-expect-error a connection not opened by openDatabase has neither brand
  const branded: ReadableDB = plain;
  void [whole, name, branded];
}

describe('connection brands at run time', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let open: Store[] = [];
  afterEach(() => {
    for (const s of open) s.close();
    open = [];
  });

  it('a writable store has one connection in both parts; a review store has only a read-only one that refuses writes', () => {
    const file = tmp.file('brands.db');
    const rw = openStore({ path: file });
    open.push(rw);
    const parts = tableDbOf(rw);
    expect(parts.write).toBe(parts.read);
    const m = rw.monitors.create(draft('Checkout'));
    rw.close();
    open = [];
    const before = sha256(file);

    const ro = openStore({ path: file, readOnly: true });
    open.push(ro);
    const { read, write } = tableDbOf(ro);
    expect(write).toBeUndefined();
    expect(read.readonly).toBe(true);
    expect(read.prepare<[number], string>('SELECT name FROM monitors WHERE id = ?').pluck().get(m.id)).toBe('Checkout');
    // Even the whole connection behind the brand (the test door) cannot change a reviewed file.
    expect(() => connectionOf(ro).prepare('DELETE FROM monitors').run()).toThrow(/readonly/i);
    ro.close();
    open = [];
    expect(sha256(file)).toBe(before);
  });
});

describe('the whole connection behind a brand', () => {
  it('is taken only by the test door and, for the result writer, the store itself', () => {
    const users = readdirSync('electron', { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.ts$/.test(e.name))
      .map((e) => path.relative(process.cwd(), path.join(e.parentPath, e.name)))
      .filter((f) => f !== 'electron/core/store/db.ts' && readFileSync(f, 'utf8').includes('wholeConnection('));
    expect(users.sort()).toEqual(['electron/core/store/connection.ts', 'electron/core/store/index.ts']);
  });
});
