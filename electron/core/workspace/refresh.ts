import type { EventBus } from '../events';
import type { Maintenance } from '../maintenance/service';
import type { Scheduler } from '../scheduler/scheduler';
import type { SettingsService } from '../settings/settings';
import type { Store } from '../store';

export interface RefreshDeps {
  store: Store;
  bus: EventBus;
  settings: SettingsService;
  maintenance: Maintenance;
  /** Hands the monitor list to the scheduler and state engine. */
  resync: () => void;
  scheduler: Scheduler | undefined;
}

/**
 * After a workspace was applied (here or by the CLI on the same file), the running console
 * re-reads what it keeps in memory and tells every window: monitors (and probes new ones at once),
 * maintenance schedule, settings, templates, alert channels and rules.
 */
export function createWorkspaceRefresh({
  store,
  bus,
  settings,
  maintenance,
  resync,
  scheduler,
}: RefreshDeps): () => void {
  const windows = store.tables.windows;
  return () => {
    const before = new Set(store.monitors.list().map((m) => m.id));
    store.monitors.reloadIds();
    resync();
    for (const m of store.monitors.list()) if (!before.has(m.id)) scheduler?.runNow(m.id);
    maintenance.index.setWindows(windows.list());
    maintenance.index.setRecords(windows.occurrences.list());
    maintenance.index.setPeaks(windows.peaks.list());
    maintenance.lifecycle.tick();
    // An empty patch re-reads the stored document: the cache and every settings listener follow.
    bus.emit('settings', settings.update({}));
    bus.emit('monitors', { reason: 'loaded' });
    bus.emit('maintenance', { reason: 'import' });
    bus.emit('drafts', { reason: 'template' });
    // Alerting reads channels and rules again on this event.
    bus.emit('channels', { reason: 'rules' });
  };
}
