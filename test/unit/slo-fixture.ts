import type { Clock } from '../../electron/core/clock';
import { createSettingsService } from '../../electron/core/settings/settings';
import type { Interval } from '../../electron/core/slo/intervals';
import { createDashboardHandlers } from '../../electron/core/slo/service';
import { openStore, type Store } from '../../electron/core/store';
import { createDegradedStore } from '../../electron/core/store/degraded';
import { createGapStore } from '../../electron/core/store/gaps';
import { createIncidentStore } from '../../electron/core/store/incidents';
import { MonitorDraft, type MonitorDraftInput } from '../../shared/monitor';
import { tempDir } from './store-helpers';
import { tableDbOf } from '../../electron/core/store/connection';

/**
 * A real store in a temp dir, the console service over it, and a clock the test moves by hand.
 * Incidents, degraded stretches, gaps and maintenance are written as the pipeline and the
 * maintenance service would; `maintenance` maps a monitor id to its planned intervals.
 */
export function consoleFixture(now: number) {
  const tmp = tempDir();
  let t = now;
  // The writer shares the clock: hours before the current one are sealed as a live store's would be.
  const store: Store = openStore({ path: tmp.file('console.db'), now: () => t, flushIntervalMs: 60_000 });
  const clock: Clock = { now: () => t, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const settings = createSettingsService(store.settings);
  const maintenance = new Map<number, Interval[]>();
  const maintenanceIntervals = (m: { id: number }, from: number, to: number) =>
    (maintenance.get(m.id) ?? [])
      .filter((i) => i.end > from && i.start < to)
      .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) }));
  const service = createDashboardHandlers({ store, settings, clock, maintenanceIntervals });
  const incidents = createIncidentStore(tableDbOf(store));
  const degraded = createDegradedStore(tableDbOf(store));
  const gaps = createGapStore(tableDbOf(store));
  return {
    store,
    settings,
    service,
    maintenance,
    maintenanceIntervals,
    clock,
    setNow: (v: number) => (t = v),
    monitor(over: Partial<MonitorDraftInput> = {}) {
      return store.monitors.create(
        MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' }, ...over }),
      );
    },
    /** A confirmed outage [start, end) (end null = still open). */
    incident(monitorId: number, start: number, end: number | null) {
      const id = incidents.open({
        monitorId,
        startedAt: start,
        errorCode: 'http_status',
        error: 'HTTP 503',
        failedProbes: 2,
        windowId: null,
      });
      if (end !== null)
        incidents.close(id, end, {
          lastErrorCode: 'http_status',
          lastError: 'HTTP 503',
          failedProbes: 2,
          windowId: null,
        });
      return id;
    },
    degraded(monitorId: number, start: number, end: number | null, worstLatencyMs = 3500) {
      const id = degraded.open({
        monitorId,
        startedAt: start,
        reasonCode: 'slow',
        reason: 'Slower than 3000 ms',
        worstLatencyMs,
        probes: 2,
      });
      if (end !== null) degraded.close(id, end, worstLatencyMs, 2);
      return id;
    },
    gap(start: number, end: number, reason: 'asleep' | 'offline' | 'stopped' = 'offline') {
      gaps.add(start, end, reason);
    },
    /** Monitoring paused [start, end) as the engine records it: one monitor's, or every monitor's (null). */
    pause(monitorId: number | null, start: number, end: number | null) {
      gaps.pauseStarted(monitorId, start);
      if (end !== null) gaps.pauseEnded(monitorId, end);
    },
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}
