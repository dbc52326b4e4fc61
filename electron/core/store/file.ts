import type { ReadableDB, WritableDB } from './db';

/**
 * The database file as a whole, for the data domain (backup, status) and the workspace watch:
 * narrow operations instead of the connection itself.
 */
export interface StoreFile {
  /** SQLite's online backup into `dest` while probes keep writing; the results it held when it finished. */
  backupTo(dest: string): Promise<{ results: number }>;
  /** Results stored, counted exactly up to `limit` (a count of millions would scan them all). */
  countResultsUpTo(limit: number): number;
  /** Changes when another connection (the `lookout` CLI) commits; never for this one's own writes. */
  dataVersion(): number;
  /** `fn` in one IMMEDIATE transaction (writable stores only): all of it, or nothing. */
  immediate<T>(fn: () => T): T;
}

/**
 * `settle` writes what the writers still hold (results wait up to two minutes, results.ts): a
 * backup or a count taken without it would miss them.
 */
export function createStoreFile(
  read: ReadableDB,
  write: WritableDB | undefined,
  path: string,
  settle: () => void,
): StoreFile {
  const countAll = read.prepare<[], number>('SELECT count(*) FROM results').pluck();
  const countUpTo = read.prepare<[number], number>('SELECT count(*) FROM (SELECT 1 FROM results LIMIT ?)').pluck();
  return {
    async backupTo(dest) {
      settle();
      await read.backup(dest);
      return { results: countAll.get()! };
    },
    countResultsUpTo: (limit) => {
      settle();
      return countUpTo.get(limit)!;
    },
    dataVersion: () => read.pragma('data_version', { simple: true }) as number,
    immediate(fn) {
      if (!write) throw new Error(`${path} is open read-only; a transaction cannot write to it.`);
      return write.transaction(fn).immediate();
    },
  };
}
