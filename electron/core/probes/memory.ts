import type { ProbeMemory } from './context';

/**
 * Per-monitor probe memory for the scheduler to pass as `ctx.memory`: a small Map per monitor id.
 * With `persist` (the store's probe_memory table) every value written is also saved and the maps
 * start from what was saved, so a restart does not forget that a stream has been stuck for minutes.
 */
export interface ProbeMemories {
  for(monitorId: number): ProbeMemory;
  /** Drops the memory of monitors that no longer exist (or were edited: they start afresh). */
  retain(monitorIds: Iterable<number>): void;
}

export interface ProbeMemoryPersistence {
  all(): { monitorId: number; key: string; value: unknown }[];
  save(monitorId: number, key: string, value: unknown, at: number): void;
  retainOnly(monitorIds: readonly number[]): void;
}

export function createProbeMemories(persist?: ProbeMemoryPersistence, now: () => number = Date.now): ProbeMemories {
  const byMonitor = new Map<number, Map<string, unknown>>();
  for (const { monitorId, key, value } of persist?.all() ?? []) mapFor(monitorId).set(key, value);

  function mapFor(id: number): Map<string, unknown> {
    let m = byMonitor.get(id);
    if (!m) byMonitor.set(id, (m = new Map<string, unknown>()));
    return m;
  }

  return {
    for(id) {
      const m = mapFor(id);
      if (!persist) return m;
      return {
        get: (key) => m.get(key),
        set(key, value) {
          m.set(key, value);
          try {
            persist.save(id, key, value, now());
          } catch {
            // Disk full, or the store closing under a last probe: the map still has it, and the next
            // probe's save tries again. A probe never fails for its memory.
          }
          return this;
        },
      };
    },
    retain(ids) {
      const keep = new Set(ids);
      for (const id of byMonitor.keys()) if (!keep.has(id)) byMonitor.delete(id);
      persist?.retainOnly([...keep]);
    },
  };
}
