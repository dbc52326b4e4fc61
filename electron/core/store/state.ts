import type { MonitorStateName } from '../../../shared/state';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** The part of a monitor's confirmed state that must survive a restart (so it is not re-alerted). */
export interface PersistedState {
  monitorId: number;
  state: MonitorStateName;
  since: number | null;
  changes: number[];
  /** A bad-state alert went out for the current state (so its recovery is announced). */
  alerted: boolean;
  lastAlertAt: number | null;
  snoozedUntil: number | null;
}

export interface StateReads {
  all(): PersistedState[];
}
export interface StateWrites {
  save(s: PersistedState): void;
}
export type StateStore = StateReads & StateWrites;

interface Row {
  monitor_id: number;
  state: string;
  since: number | null;
  changes: string;
  alerted: number;
  last_alert_at: number | null;
  snoozed_until: number | null;
}

export function createStateStore(db: TableDb): StateStore {
  return joined(createStateReads(db.read), db.write && createStateWrites(db.write), 'save a monitor state');
}

export function createStateReads(db: ReadableDB): StateReads {
  const allStmt = db.prepare<[], Row>(
    'SELECT monitor_id, state, since, changes, alerted, last_alert_at, snoozed_until FROM monitor_states',
  );
  return {
    all: () =>
      allStmt.all().map((r) => ({
        monitorId: r.monitor_id,
        state: r.state as MonitorStateName,
        since: r.since,
        changes: JSON.parse(r.changes) as number[],
        alerted: r.alerted === 1,
        lastAlertAt: r.last_alert_at,
        snoozedUntil: r.snoozed_until,
      })),
  };
}

export function createStateWrites(db: WritableDB): StateWrites {
  // Only for monitors that still exist: a late save for a deleted monitor is simply dropped.
  const upsert = db.prepare(
    `INSERT INTO monitor_states (monitor_id, state, since, changes, alerted, last_alert_at, snoozed_until)
     SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM monitors WHERE id = ?)
     ON CONFLICT (monitor_id) DO UPDATE SET state = excluded.state, since = excluded.since, changes = excluded.changes,
       alerted = excluded.alerted, last_alert_at = excluded.last_alert_at, snoozed_until = excluded.snoozed_until`,
  );
  return {
    save(s) {
      upsert.run(
        s.monitorId,
        s.state,
        s.since,
        JSON.stringify(s.changes),
        s.alerted ? 1 : 0,
        s.lastAlertAt,
        s.snoozedUntil,
        s.monitorId,
      );
    },
  };
}
