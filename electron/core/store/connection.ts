import type { ReadableDB } from './db';

/**
 * The connection behind an open Store, for tests and benches that seed or inspect rows directly.
 * Core code never uses this: outside electron/core/store/ it goes through the Store's methods and
 * tables (test/unit/store-door.test.ts keeps it so).
 */
const connections = new WeakMap<object, ReadableDB>();

export function registerConnection(store: object, db: ReadableDB): void {
  connections.set(store, db);
}

export function connectionOf(store: object): ReadableDB {
  const db = connections.get(store);
  if (!db) throw new Error('Not an open Lookout store');
  return db;
}
