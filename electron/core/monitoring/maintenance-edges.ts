import type { Monitor } from '../../../shared/monitor';
import type { EventBus } from '../events';

export interface MaintenanceEdgeDeps {
  bus: EventBus;
  monitors: () => readonly Monitor[];
  /** What the monitor's state says now (set from its last result). */
  flagged: (monitor: Monitor) => boolean;
  /** Whether a window covers the monitor at this moment. */
  covered: (monitor: Monitor, ts: number) => boolean;
  runNow: (id: number) => void;
  now: () => number;
}

/**
 * A result carries in_maintenance from the moment it is taken, so a 60 s monitor would show no
 * maintenance badge for up to a minute after a window starts (or keep it after the window ends).
 * When an occurrence starts or ends, each monitor whose flag disagrees is probed at once instead.
 * Returns the unsubscribe.
 */
export function reprobeOnMaintenanceEdges(deps: MaintenanceEdgeDeps): () => void {
  return deps.bus.on('maintenance', (e) => {
    if (e.reason !== 'occurrence' || (e.state !== 'in_progress' && e.state !== 'completed')) return;
    const now = deps.now();
    for (const m of deps.monitors()) {
      if (m.paused) continue;
      if (deps.flagged(m) !== deps.covered(m, now)) deps.runNow(m.id);
    }
  });
}
