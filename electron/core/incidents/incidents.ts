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

interface Progress {
  failedProbes: number;
  lastErrorCode: string | null;
  lastError: string | null;
  windowId: number | null;
}

interface Open extends Progress {
  id: number;
  monitorId: number;
  /** When an `updated` event last went out (at most one per `touchEveryMs`). */
  announcedAt: number;
}

/** A closed incident whose end is not written yet. */
interface Closing extends Progress {
  id: number;
  monitorId: number;
  endedAt: number;
}

export interface Incidents {
  openId(monitorId: number): number | null;
  open(monitorId: number, run: FailureRun): Incident;
  /** Another failing probe of an open incident; announced at most every `touchEveryMs`. */
  failure(monitorId: number, at: number, errorCode: string | null, error: string | null, windowId: number | null): void;
  close(monitorId: number, endedAt: number): Incident | undefined;
  /** Progress and closes not written yet: the held writes of the monitoring pipeline. */
  pending(): boolean;
  /** Writes them (inside the result writer's transaction, or on their own from `flush`). */
  write(): void;
  /** What `write` wrote was committed. */
  written(): void;
  /** Writes what is pending now (on shutdown; without a result writer to ride with). */
  flush(): void;
  /** The monitor was deleted (its incidents went with it). */
  forget(monitorId: number): void;
}

/**
 * Open incidents kept in memory (one per monitor at most) over the incidents table. Opening is
 * written at once (the incident's id is its reference in alerts and events); the failed-probe
 * count and last error of an outage, and its close, are held and written with the result writer's
 * next batch (store/results.ts `hold`): within a quarter of a second for a close (the recovering
 * result is a status change), within the steady hold for progress, and always before any read.
 * The writer's batch is one transaction: an autocommit per touch cost about 100 µs, most of
 * the incident's share of the scheduler bench.
 */
export function createIncidents(
  store: IncidentStore,
  now: () => number,
  emit: (e: IncidentEvent) => void,
  touchEveryMs = 5 * 60_000,
): Incidents {
  const open = new Map<number, Open>();
  const dirty = new Set<Open>();
  /** By monitor: opening writes a monitor's held close first, so it has at most one. */
  const closing = new Map<number, Closing>();
  for (const i of store.openIncidents(now())) {
    open.set(i.monitorId, {
      id: i.id,
      monitorId: i.monitorId,
      failedProbes: i.failedProbes,
      lastErrorCode: i.lastErrorCode,
      lastError: i.lastError,
      windowId: i.maintenanceWindowId,
      announcedAt: now(),
    });
  }

  const progress = (p: Progress) => ({
    lastErrorCode: p.lastErrorCode,
    lastError: p.lastError,
    failedProbes: p.failedProbes,
    windowId: p.windowId,
  });

  /** The stored incident with what is held in memory on top (the same as reading it after a write). */
  function current(id: number, p: Progress, endedAt?: number): Incident {
    const stored = store.get(id, now())!;
    const startedAt = stored.startedAt;
    const ended = endedAt === undefined ? stored.endedAt : Math.floor(endedAt);
    return {
      ...stored,
      endedAt: ended,
      durationMs: Math.max(0, (ended ?? now()) - startedAt),
      lastErrorCode: p.lastErrorCode,
      lastError: p.lastError,
      failedProbes: p.failedProbes,
      maintenanceWindowId: stored.maintenanceWindowId ?? p.windowId,
    };
  }

  function writeClose(c: Closing): void {
    store.close(c.id, c.endedAt, progress(c));
  }
  function write(): void {
    for (const o of dirty) store.touch(o.id, progress(o));
    for (const c of closing.values()) writeClose(c);
  }
  function written(): void {
    dirty.clear();
    closing.clear();
  }

  return {
    openId: (monitorId) => open.get(monitorId)?.id ?? null,
    open(monitorId, run) {
      const existing = open.get(monitorId);
      if (existing) return current(existing.id, existing);
      // An earlier incident of this monitor whose close is still held ends first: the file never
      // shows two open incidents for one monitor, even if the console stops between the two.
      const held = closing.get(monitorId);
      if (held) {
        writeClose(held);
        closing.delete(monitorId);
      }
      const startedAt = Math.floor(run.startedAt);
      const id = store.open({
        monitorId,
        startedAt,
        errorCode: run.firstErrorCode,
        error: run.firstError,
        failedProbes: run.count,
        windowId: run.windowId,
      });
      const o: Open = {
        id,
        monitorId,
        failedProbes: run.count,
        lastErrorCode: run.lastErrorCode,
        lastError: run.lastError,
        windowId: run.windowId,
        announcedAt: now(),
      };
      open.set(monitorId, o);
      if (run.lastError !== run.firstError || run.lastErrorCode !== run.firstErrorCode) dirty.add(o);
      // What store.get would answer for the row just inserted (a test keeps the two equal).
      const incident: Incident = {
        id,
        monitorId,
        startedAt,
        endedAt: null,
        durationMs: Math.max(0, now() - startedAt),
        firstErrorCode: run.firstErrorCode,
        firstError: run.firstError,
        lastErrorCode: run.lastErrorCode,
        lastError: run.lastError,
        failedProbes: run.count,
        acknowledgedBy: null,
        acknowledgedAt: null,
        maintenanceWindowId: run.windowId,
        notes: [],
      };
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
      dirty.add(o);
      if (newWindow || at - o.announcedAt >= touchEveryMs) {
        o.announcedAt = at;
        emit({ action: 'updated', incident: current(o.id, o) });
      }
    },
    close(monitorId, endedAt) {
      const o = open.get(monitorId);
      if (!o) return undefined;
      open.delete(monitorId);
      dirty.delete(o);
      const c: Closing = { ...progress(o), id: o.id, monitorId, endedAt };
      closing.set(monitorId, c);
      const incident = current(o.id, o, endedAt);
      emit({ action: 'closed', incident });
      return incident;
    },
    pending: () => dirty.size > 0 || closing.size > 0,
    write,
    written,
    flush() {
      if (dirty.size === 0 && closing.size === 0) return;
      write();
      written();
    },
    forget(monitorId) {
      const o = open.get(monitorId);
      if (o) dirty.delete(o);
      open.delete(monitorId);
      closing.delete(monitorId);
    },
  };
}
