import type { AlertMessage } from '../alerts/message';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** Escalation tiers waiting for an acknowledgement: one row per (incident, route, tier). */
export interface EscalationRow {
  incidentId: number;
  route: number;
  tier: number;
  dueAt: number;
  message: AlertMessage;
}

export interface EscalationReads {
  due(now: number): EscalationRow[];
  nextDueAt(): number | null;
  pending(): EscalationRow[];
}
export interface EscalationWrites {
  add(row: EscalationRow): void;
  remove(incidentId: number, route: number, tier: number): void;
  /** Acknowledged or closed: nothing more escalates. */
  removeIncident(incidentId: number): number;
}
export type EscalationStore = EscalationReads & EscalationWrites;

type Row = { incident_id: number; route: number; tier: number; due_at: number; message: string };

export function createEscalationStore(db: TableDb): EscalationStore {
  return joined(
    createEscalationReads(db.read),
    db.write && createEscalationWrites(db.write),
    'change alert escalations',
  );
}

// A database from before alert escalations has no table: nothing is pending, nothing is kept.
const hasTable = (db: ReadableDB) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alert_escalations'").get() !== undefined;

export function createEscalationReads(db: ReadableDB): EscalationReads {
  if (!hasTable(db)) return { due: () => [], nextDueAt: () => null, pending: () => [] };
  const due = db.prepare<[number], Row>('SELECT * FROM alert_escalations WHERE due_at <= ? ORDER BY due_at');
  const all = db.prepare<[], Row>('SELECT * FROM alert_escalations ORDER BY due_at');
  const next = db.prepare<[], number | null>('SELECT min(due_at) FROM alert_escalations').pluck();
  const row = (r: Row): EscalationRow => ({
    incidentId: r.incident_id,
    route: r.route,
    tier: r.tier,
    dueAt: r.due_at,
    message: JSON.parse(r.message) as AlertMessage,
  });
  return {
    due: (now) => due.all(now).map(row),
    nextDueAt: () => next.get() ?? null,
    pending: () => all.all().map(row),
  };
}

export function createEscalationWrites(db: WritableDB): EscalationWrites {
  if (!hasTable(db)) return { add: () => undefined, remove: () => undefined, removeIncident: () => 0 };
  const add = db.prepare(
    'INSERT OR IGNORE INTO alert_escalations (incident_id, route, tier, due_at, message) VALUES (?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM alert_escalations WHERE incident_id = ? AND route = ? AND tier = ?');
  const removeIncident = db.prepare('DELETE FROM alert_escalations WHERE incident_id = ?');
  return {
    add: (r) => void add.run(r.incidentId, r.route, r.tier, r.dueAt, JSON.stringify(r.message)),
    remove: (i, r, t) => void remove.run(i, r, t),
    removeIncident: (i) => removeIncident.run(i).changes,
  };
}
