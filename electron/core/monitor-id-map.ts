/**
 * A map keyed by monitor id, for what the probe path looks up once per probe. SQLite hands out
 * monitor ids in order from 1, so an array indexed by id answers with one load from a small
 * contiguous block, where a Map hashes the key and walks its table: with thousands of monitors that
 * table is out of cache on nearly every probe (the `scheduler` bench spent about a second of its
 * simulated day there). Ids past ARRAY_LIMIT, which no console reaches, go to a Map instead.
 */
export interface MonitorIdMap<V> {
  get(id: number): V | undefined;
  set(id: number, v: V): void;
  delete(id: number): void;
  /** Every entry, in id order for the array part. */
  entries(): IterableIterator<[number, V]>;
}

const ARRAY_LIMIT = 1 << 20;

export function createMonitorIdMap<V>(): MonitorIdMap<V> {
  const slots: (V | undefined)[] = [];
  const far = new Map<number, V>();
  const inArray = (id: number) => id >= 0 && id < ARRAY_LIMIT && Number.isInteger(id);
  return {
    get: (id) => (inArray(id) ? slots[id] : far.get(id)),
    set(id, v) {
      if (!inArray(id)) far.set(id, v);
      else {
        // Filled up to `id` first, so the array stays a packed run of slots rather than a sparse dictionary.
        while (slots.length < id) slots.push(undefined);
        slots[id] = v;
      }
    },
    delete(id) {
      if (!inArray(id)) far.delete(id);
      else if (id < slots.length) slots[id] = undefined;
    },
    *entries() {
      for (let id = 0; id < slots.length; id++) {
        const v = slots[id];
        if (v !== undefined) yield [id, v];
      }
      yield* far.entries();
    },
  };
}
