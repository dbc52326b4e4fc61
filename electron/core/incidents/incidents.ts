import type { Incident, IncidentEvent } from '../../../shared/incidents';
import type { IncidentStore } from '../store/incidents';

/** The failing run that confirmed an outage, carried into the incident it opens. */
export interface FailureRun {
  startedAt: number;
  count: number;
  firstErrorCode: string | null;
  firstError: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  windowId: number | null;
}

interface Open {
  id: number;
  failedProbes: number;
  lastErrorCode: string | null;
  lastError: string | null;
  windowId: number | null;
  dirtySince: number | null;
}

export interface Incidents {
  openId(monitorId: number): number | null;
  open(monitorId: number, run: FailureRun): Incident;
  /** Another failing probe of an open incident; written at most every `touchEveryMs`. */
  failure(monitorId: number, at: number, errorCode: string | null, error: string | null, windowId: number | null): void;
  close(monitorId: number, endedAt: number): Incident | undefined;
  /** Writes pending progress (on shutdown). */
  flush(): void;
  /** The monitor was deleted (its incidents went with it). */
  forget(monitorId: number): void;
}

/**
 * Open incidents kept in memory (one per monitor at most) over the incidents table: opening and
 * closing are written at once, the failed-probe count and last error of a long outage in batches.
 */
export function createIncidents(
  store: IncidentStore,
  now: () => number,
  emit: (e: IncidentEvent) => void,
  touchEveryMs = 5 * 60_000,
): Incidents {
  const open = new Map<number, Open>();
  for (const i of store.openIncidents(now())) {
    open.set(i.monitorId, {
      id: i.id,
      failedProbes: i.failedProbes,
      lastErrorCode: i.lastErrorCode,
      lastError: i.lastError,
      windowId: i.maintenanceWindowId,
      dirtySince: null,
    });
  }

  function write(o: Open): void {
    store.touch(o.id, {
      lastErrorCode: o.lastErrorCode,
      lastError: o.lastError,
      failedProbes: o.failedProbes,
      windowId: o.windowId,
    });
    o.dirtySince = null;
  }

  return {
    openId: (monitorId) => open.get(monitorId)?.id ?? null,
    open(monitorId, run) {
      const existing = open.get(monitorId);
      if (existing) return store.get(existing.id, now())!;
      const id = store.open({
        monitorId,
        startedAt: run.startedAt,
        errorCode: run.firstErrorCode,
        error: run.firstError,
        failedProbes: run.count,
        windowId: run.windowId,
      });
      const o: Open = {
        id,
        failedProbes: run.count,
        lastErrorCode: run.lastErrorCode,
        lastError: run.lastError,
        windowId: run.windowId,
        dirtySince: null,
      };
      open.set(monitorId, o);
      if (run.lastError !== run.firstError || run.lastErrorCode !== run.firstErrorCode) write(o);
      const incident = store.get(id, now())!;
      emit({ action: 'opened', incident });
      return incident;
    },
    failure(monitorId, at, errorCode, error, windowId) {
      const o = open.get(monitorId);
      if (!o) return;
      o.failedProbes++;
      o.lastErrorCode = errorCode;
      o.lastError = error;
      const newWindow = o.windowId === null && windowId !== null;
      if (newWindow) o.windowId = windowId;
      o.dirtySince ??= at;
      if (newWindow || at - o.dirtySince >= touchEveryMs) {
        write(o);
        emit({ action: 'updated', incident: store.get(o.id, now())! });
      }
    },
    close(monitorId, endedAt) {
      const o = open.get(monitorId);
      if (!o) return undefined;
      open.delete(monitorId);
      store.close(o.id, endedAt, {
        lastErrorCode: o.lastErrorCode,
        lastError: o.lastError,
        failedProbes: o.failedProbes,
        windowId: o.windowId,
      });
      const incident = store.get(o.id, now())!;
      emit({ action: 'closed', incident });
      return incident;
    },
    flush() {
      for (const o of open.values()) if (o.dirtySince !== null) write(o);
    },
    forget(monitorId) {
      open.delete(monitorId);
    },
  };
}
