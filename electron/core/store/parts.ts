import { ApiError } from '../../../shared/errors';
import type { ReadableDB, WritableDB } from './db';

/** What a table module is built on: the reader always, the writer unless the store is open for review. */
export interface TableDb {
  read: ReadableDB;
  write: WritableDB | undefined;
}

/**
 * A table module's read part (prepared on the ReadableDB) joined with its write part (prepared on
 * the WritableDB). A review store has no write part: the dispatcher refuses mutating methods
 * first, and a caller that does not come through it (a timer, the CLI) still gets a clear
 * ApiError('read_only') naming `what` instead of "undefined is not a function".
 */
export function joined<R extends object, W extends object>(reads: R, writes: W | undefined, what: string): R & W {
  if (writes) return merge(reads, writes) as R & W;
  return refusingBeyond(reads, what) as R & W;
}

const isPart = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested parts (windows.peaks) are joined key by key. */
function merge(reads: object, writes: object): object {
  const out: Record<string, unknown> = { ...reads };
  for (const [key, value] of Object.entries(writes)) {
    const read = out[key];
    out[key] = isPart(read) && isPart(value) ? merge(read, value) : value;
  }
  return out;
}

function refusingBeyond(reads: object, what: string): object {
  return new Proxy(reads, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (isPart(value)) return refusingBeyond(value, what);
      // Only names a write part would have; `then` keeps the object from looking like a promise.
      if (value !== undefined || typeof key !== 'string' || key === 'then' || key === 'toJSON') return value;
      return () => {
        throw new ApiError('read_only', `This database is open read-only for review; cannot ${what}.`);
      };
    },
  });
}
