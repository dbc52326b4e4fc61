import { AlertRules, type AlertChannel, type ChannelDraft } from '../../../shared/channels';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/**
 * Alert channels (one row each, the validated channel as JSON with its secrets already sealed by
 * the caller) and the one alert-rules document. Reading validates again, so a row written by an
 * older version gets today's defaults.
 */
export interface ChannelReads {
  list(): AlertChannel[];
  get(id: number): AlertChannel | undefined;
  rules(): AlertRules;
}
export interface ChannelWrites {
  create(draft: ChannelDraft): AlertChannel;
  update(id: number, draft: ChannelDraft): AlertChannel | undefined;
  delete(id: number): boolean;
  saveRules(rules: AlertRules): AlertRules;
}
export type ChannelStore = ChannelReads & ChannelWrites;

interface Row {
  id: number;
  body: string;
  created_at: number;
  updated_at: number;
}

const hasTable = (db: ReadableDB, name: string) =>
  db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', name) !== undefined;

export function createChannelStore(db: TableDb, now: () => number): ChannelStore {
  const reads = createChannelReads(db.read);
  return joined(reads, db.write && createChannelWrites(db.write, reads, now), 'change alert channels or rules');
}

export function createChannelReads(db: ReadableDB): ChannelReads {
  // A database reviewed read-only may predate the alert tables: it then has no channels.
  if (!hasTable(db, 'alert_channels')) {
    return { list: () => [], get: () => undefined, rules: () => AlertRules.parse({}) };
  }
  const listStmt = db.prepare<[], Row>('SELECT id, body, created_at, updated_at FROM alert_channels ORDER BY id');
  const getStmt = db.prepare<[number], Row>('SELECT id, body, created_at, updated_at FROM alert_channels WHERE id = ?');
  const rulesStmt = db.prepare<[], string>('SELECT body FROM alert_rules WHERE id = 1').pluck();
  const fromRow = (r: Row | undefined): AlertChannel | undefined =>
    r && { ...(JSON.parse(r.body) as ChannelDraft), id: r.id, createdAt: r.created_at, updatedAt: r.updated_at };
  return {
    list: () => listStmt.all().map((r) => fromRow(r) as AlertChannel),
    get: (id) => fromRow(getStmt.get(id)),
    rules() {
      const body = rulesStmt.get();
      return AlertRules.parse(body === undefined ? {} : JSON.parse(body));
    },
  };
}

export function createChannelWrites(db: WritableDB, reads: ChannelReads, now: () => number): ChannelWrites {
  if (!hasTable(db, 'alert_channels')) {
    const none = () => {
      throw new Error('This database has no alert channels');
    };
    return { create: none, update: none, delete: () => false, saveRules: none };
  }
  const insertStmt = db.prepare<[string, string, number, number]>(
    'INSERT INTO alert_channels (kind, body, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const updateStmt = db.prepare<[string, string, number, number]>(
    'UPDATE alert_channels SET kind = ?, body = ?, updated_at = ? WHERE id = ?',
  );
  const deleteStmt = db.prepare<[number]>('DELETE FROM alert_channels WHERE id = ?');
  const saveRulesStmt = db.prepare<[string]>(
    'INSERT INTO alert_rules (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );
  return {
    create(draft) {
      const t = now();
      const id = Number(insertStmt.run(draft.kind, JSON.stringify(draft), t, t).lastInsertRowid);
      return { ...draft, id, createdAt: t, updatedAt: t };
    },
    update(id, draft) {
      if (updateStmt.run(draft.kind, JSON.stringify(draft), now(), id).changes === 0) return undefined;
      return reads.get(id);
    },
    delete: (id) => deleteStmt.run(id).changes > 0,
    saveRules(rules) {
      saveRulesStmt.run(JSON.stringify(rules));
      return rules;
    },
  };
}
