import type { AlertMessage } from '../alerts/message';
import type { Db } from './db';

/** Escalation tiers waiting for an acknowledgement: one row per (incident, route, tier). */
export interface EscalationRow {
  incidentId: number;
  route: number;
  tier: number;
  dueAt: number;
  message: AlertMessage;
}

export interface EscalationStore {
  add(row: EscalationRow): void;
  due(now: number): EscalationRow[];
  nextDueAt(): number | null;
  remove(incidentId: number, route: number, tier: number): void;
  /** Acknowledged or closed: nothing more escalates. */
  removeIncident(incidentId: number): number;
  pending(): EscalationRow[];
}

export function createEscalationStore(db: Db): EscalationStore {
  if (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alert_escalations'").get() === undefined
  ) {
    return {
      add: () => undefined,
      due: () => [],
      nextDueAt: () => null,
      remove: () => undefined,
      removeIncident: () => 0,
      pending: () => [],
    };
  }
  const add = db.prepare(
    'INSERT OR IGNORE INTO alert_escalations (incident_id, route, tier, due_at, message) VALUES (?, ?, ?, ?, ?)',
  );
  const due = db.prepare<
    [number],
    { incident_id: number; route: number; tier: number; due_at: number; message: string }
  >('SELECT * FROM alert_escalations WHERE due_at <= ? ORDER BY due_at');
  const all = db.prepare<[], { incident_id: number; route: number; tier: number; due_at: number; message: string }>(
    'SELECT * FROM alert_escalations ORDER BY due_at',
  );
  const next = db.prepare<[], number | null>('SELECT min(due_at) FROM alert_escalations').pluck();
  const remove = db.prepare('DELETE FROM alert_escalations WHERE incident_id = ? AND route = ? AND tier = ?');
  const removeIncident = db.prepare('DELETE FROM alert_escalations WHERE incident_id = ?');
  const row = (r: {
    incident_id: number;
    route: number;
    tier: number;
    due_at: number;
    message: string;
  }): EscalationRow => ({
    incidentId: r.incident_id,
    route: r.route,
    tier: r.tier,
    dueAt: r.due_at,
    message: JSON.parse(r.message) as AlertMessage,
  });
  return {
    add: (r) => void add.run(r.incidentId, r.route, r.tier, r.dueAt, JSON.stringify(r.message)),
    due: (now) => due.all(now).map(row),
    nextDueAt: () => next.get() ?? null,
    remove: (i, r, t) => void remove.run(i, r, t),
    removeIncident: (i) => removeIncident.run(i).changes,
    pending: () => all.all().map(row),
  };
}
