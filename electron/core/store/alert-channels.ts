import { AlertRules, type AlertChannel, type ChannelDraft } from '../../../shared/channels';
import { assertWritable, type Db } from './db';

/**
 * Alert channels (one row each, the validated channel as JSON with its secrets already sealed by
 * the caller) and the one alert-rules document. Reading validates again, so a row written by an
 * older version gets today's defaults.
 */
export interface ChannelStore {
  list(): AlertChannel[];
  get(id: number): AlertChannel | undefined;
  create(draft: ChannelDraft): AlertChannel;
  update(id: number, draft: ChannelDraft): AlertChannel | undefined;
  delete(id: number): boolean;
  rules(): AlertRules;
  saveRules(rules: AlertRules): AlertRules;
}

interface Row {
  id: number;
  body: string;
  created_at: number;
  updated_at: number;
}

const hasTable = (db: Db, name: string) =>
  db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', name) !== undefined;

export function createChannelStore(db: Db, readOnly: boolean, now: () => number): ChannelStore {
  // A database reviewed read-only may predate the alert tables: it then has no channels.
  if (!hasTable(db, 'alert_channels')) {
    const none = () => {
      throw new Error('This database has no alert channels');
    };
    return {
      list: () => [],
      get: () => undefined,
      create: none,
      update: none,
      delete: () => false,
      rules: () => AlertRules.parse({}),
      saveRules: none,
    };
  }
  const listStmt = db.prepare<[], Row>('SELECT id, body, created_at, updated_at FROM alert_channels ORDER BY id');
  const getStmt = db.prepare<[number], Row>('SELECT id, body, created_at, updated_at FROM alert_channels WHERE id = ?');
  const insertStmt = db.prepare<[string, string, number, number]>(
    'INSERT INTO alert_channels (kind, body, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const updateStmt = db.prepare<[string, string, number, number]>(
    'UPDATE alert_channels SET kind = ?, body = ?, updated_at = ? WHERE id = ?',
  );
  const deleteStmt = db.prepare<[number]>('DELETE FROM alert_channels WHERE id = ?');
  const rulesStmt = db.prepare<[], string>('SELECT body FROM alert_rules WHERE id = 1').pluck();
  const saveRulesStmt = db.prepare<[string]>(
    'INSERT INTO alert_rules (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );

  const fromRow = (r: Row | undefined): AlertChannel | undefined =>
    r && { ...(JSON.parse(r.body) as ChannelDraft), id: r.id, createdAt: r.created_at, updatedAt: r.updated_at };

  return {
    list: () => listStmt.all().map((r) => fromRow(r) as AlertChannel),
    get: (id) => fromRow(getStmt.get(id)),
    create(draft) {
      assertWritable(readOnly, 'add an alert channel');
      const t = now();
      const id = Number(insertStmt.run(draft.kind, JSON.stringify(draft), t, t).lastInsertRowid);
      return { ...draft, id, createdAt: t, updatedAt: t };
    },
    update(id, draft) {
      assertWritable(readOnly, 'change an alert channel');
      if (updateStmt.run(draft.kind, JSON.stringify(draft), now(), id).changes === 0) return undefined;
      return fromRow(getStmt.get(id));
    },
    delete(id) {
      assertWritable(readOnly, 'delete an alert channel');
      return deleteStmt.run(id).changes > 0;
    },
    rules() {
      const body = rulesStmt.get();
      return AlertRules.parse(body === undefined ? {} : JSON.parse(body));
    },
    saveRules(rules) {
      assertWritable(readOnly, 'change the alert rules');
      saveRulesStmt.run(JSON.stringify(rules));
      return rules;
    },
  };
}
