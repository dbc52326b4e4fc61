import { wholeConnection, type Db } from './db';
import type { TableDb } from './parts';

/**
 * The connection behind an open Store, for tests and benches that seed or inspect rows directly.
 * Core code never uses this: outside electron/core/store/ it goes through the Store's methods and
 * tables (the layering lint rule, build/eslint/layers.mjs, and test/unit/store-door.test.ts keep it so).
 */
const connections = new WeakMap<object, TableDb>();

export function registerConnection(store: object, db: TableDb): void {
  connections.set(store, db);
}

/**
 * The whole better-sqlite3 connection, to seed rows a test needs (a review store's is read-only at
 * run time: its writes fail with SQLITE_READONLY). Table modules take `tableDbOf`'s typed parts.
 */
export function connectionOf(store: object): Db {
  return wholeConnection(tableDbOf(store).read);
}

/** Both parts (no writer for a review store), to build a table module on a store's connection in a test. */
export function tableDbOf(store: object): TableDb {
  const db = connections.get(store);
  if (!db) throw new Error('Not an open Lookout store');
  return db;
}
