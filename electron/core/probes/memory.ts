import type { ProbeMemory } from './context';

/**
 * Per-monitor probe memory for the scheduler to pass as `ctx.memory`: a small Map per monitor id,
 * in memory only (a restart just means the next probe starts fresh).
 */
export interface ProbeMemories {
  for(monitorId: number): ProbeMemory;
  /** Drops the memory of monitors that no longer exist. */
  retain(monitorIds: Iterable<number>): void;
}

export function createProbeMemories(): ProbeMemories {
  const byMonitor = new Map<number, Map<string, unknown>>();
  return {
    for(id) {
      let m = byMonitor.get(id);
      if (!m) byMonitor.set(id, (m = new Map()));
      return m;
    },
    retain(ids) {
      const keep = new Set(ids);
      for (const id of byMonitor.keys()) if (!keep.has(id)) byMonitor.delete(id);
    },
  };
}
