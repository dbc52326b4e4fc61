import type { DegradedStore } from '../store/degraded';

interface Open {
  id: number;
  worst: number | null;
  probes: number;
  dirty: boolean;
}

export interface DegradedStretches {
  /** The state became degraded at `at` (the first result of the run that confirmed it). */
  open(monitorId: number, at: number, reasonCode: string | null, reason: string | null, latencyMs: number | null): void;
  /** Another result while degraded: the worst latency is kept (written on close or flush). */
  observe(monitorId: number, latencyMs: number | null): void;
  close(monitorId: number, at: number): void;
  /** Progress not written yet. */
  pending(): boolean;
  flush(): void;
  forget(monitorId: number): void;
}

/**
 * Runs of confirmed degraded state, stored like incidents (store/degraded.ts): so a platform that
 * answered in 3.5 s for an hour is on record after it recovered, not only shown while it happens.
 */
export function createDegradedStretches(store: DegradedStore): DegradedStretches {
  const open = new Map<number, Open>();
  for (const s of store.openStretches())
    open.set(s.monitorId, { id: s.id, worst: s.worstLatencyMs, probes: s.probes, dirty: false });
  const worse = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  return {
    open(monitorId, at, reasonCode, reason, latencyMs) {
      if (open.has(monitorId)) return;
      const id = store.open({ monitorId, startedAt: at, reasonCode, reason, worstLatencyMs: latencyMs, probes: 1 });
      open.set(monitorId, { id, worst: latencyMs, probes: 1, dirty: false });
    },
    observe(monitorId, latencyMs) {
      const o = open.get(monitorId);
      if (!o) return;
      o.probes++;
      o.worst = worse(o.worst, latencyMs);
      o.dirty = true;
    },
    close(monitorId, at) {
      const o = open.get(monitorId);
      if (!o) return;
      open.delete(monitorId);
      store.close(o.id, at, o.worst, o.probes);
    },
    pending() {
      for (const o of open.values()) if (o.dirty) return true;
      return false;
    },
    flush() {
      for (const o of open.values())
        if (o.dirty) {
          store.touch(o.id, o.worst, o.probes);
          o.dirty = false;
        }
    },
    forget(monitorId) {
      open.delete(monitorId);
    },
  };
}
