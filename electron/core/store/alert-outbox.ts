import type {
  AlertLogQuery,
  ChannelKind,
  DeliveryAttempt,
  DeliveryStatus,
  OutboxEntry,
} from '../../../shared/channels';
import type { RecipientOutcome } from '../../../shared/alerts';
import type { AlertMessage } from '../alerts/message';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/**
 * The alert outbox: a message is a row before anything is sent, one per (subject, kind, channel)
 * dedupe key; every attempt is a row of alert_attempts. The same rows are the alert log.
 */
export interface NewOutboxRow {
  dedupeKey: string;
  channelId: number;
  channelName: string;
  channelKind: ChannelKind | 'console';
  message: AlertMessage;
  status: 'pending' | 'suppressed' | 'delivered';
  reason: string | null;
  nextAt: number;
  createdAt: number;
}

export interface DueRow {
  id: number;
  dedupeKey: string;
  channelId: number;
  channelName: string;
  tries: number;
  message: AlertMessage;
}

export interface OutboxReads {
  due(now: number, limit: number): DueRow[];
  /** Earliest next_at of a pending row. */
  nextDueAt(): number | null;
  get(id: number): OutboxEntry | undefined;
  log(q: AlertLogQuery): OutboxEntry[];
  counts(): Record<DeliveryStatus, number>;
  /** Recipients this message already reached (a retry or a restart skips them). */
  deliveredTo(id: number): string[];
}

export interface OutboxWrites {
  /** Inserts unless the dedupe key is already there; returns the new row's id, or undefined for a duplicate. */
  enqueue(row: NewOutboxRow): number | undefined;
  /** Claims a due row for sending (tries + 1); false when another sender has it. */
  claim(id: number): boolean;
  settle(
    id: number,
    attempt: DeliveryAttempt,
    next: { status: 'delivered' } | { status: 'pending'; nextAt: number } | { status: 'failed'; reason: string },
  ): void;
  /** After a crash or restart: what was being sent is sent again. */
  requeueSending(now: number): number;
  /** A failed message, put back to be tried again. */
  retry(id: number, now: number): boolean;
  /** Deletes settled messages (and their attempts) created before `before`; returns how many. */
  prune(before: number): number;
  /**
   * Records one recipient's outcome as soon as it is known (not at settle), so a kill between two
   * recipients still knows who has the message. A delivered recipient is never turned back into a failure.
   */
  recipient(id: number, outcome: RecipientOutcome): void;
}

export type OutboxStore = OutboxReads & OutboxWrites;

interface Raw {
  id: number;
  dedupe_key: string;
  channel_id: number;
  channel_name: string;
  channel_kind: ChannelKind | 'console';
  kind: string;
  monitor_id: number | null;
  monitor_name: string | null;
  incident_id: number | null;
  title: string;
  body: string;
  message: string;
  status: DeliveryStatus;
  reason: string | null;
  tries: number;
  next_at: number;
  created_at: number;
  delivered_at: number | null;
  ack_by: string | null;
  inc_open: number | null;
}

interface RawRecipient {
  outbox_id: number;
  recipient: string;
  ok: number;
  at: number;
  answer: string;
  code: string | null;
}

interface RawAttempt {
  outbox_id: number;
  at: number;
  ok: number;
  ms: number;
  answer: string;
  code: string | null;
}

const hasTable = (db: ReadableDB, name = 'alert_outbox') =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export function createOutboxStore(db: TableDb): OutboxStore {
  return joined(createOutboxReads(db.read), db.write && createOutboxWrites(db.write), 'change the alert outbox');
}

export function createOutboxReads(db: ReadableDB): OutboxReads {
  if (!hasTable(db)) {
    return {
      due: () => [],
      nextDueAt: () => null,
      get: () => undefined,
      log: () => [],
      counts: () => ({ pending: 0, sending: 0, delivered: 0, failed: 0, suppressed: 0 }),
      deliveredTo: () => [],
    };
  }
  const dueStmt = db.prepare<[number, number], Raw>(
    `SELECT * FROM alert_outbox WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?`,
  );
  const nextStmt = db
    .prepare<[], number | null>(`SELECT min(next_at) FROM alert_outbox WHERE status IN ('pending', 'sending')`)
    .pluck();
  // The incident's acknowledgement as it is now, for "Acknowledge" buttons next to old alerts.
  const SELECT = `SELECT o.*, i.acknowledged_by AS ack_by, (i.id IS NOT NULL AND i.ended_at IS NULL) AS inc_open FROM alert_outbox o LEFT JOIN incidents i ON i.id = o.incident_id`;
  const getStmt = db.prepare<[number], Raw>(`${SELECT} WHERE o.id = ?`);
  const attemptsStmt = db.prepare<[string], RawAttempt>(
    'SELECT a.* FROM alert_attempts a JOIN json_each(?) j ON a.outbox_id = j.value ORDER BY a.outbox_id, a.at',
  );
  // A database reviewed read-only from before per-recipient delivery has no such table: no recipients.
  const recipientsStmt = hasTable(db, 'alert_recipients')
    ? db.prepare<[string], RawRecipient>(
        'SELECT r.* FROM alert_recipients r JOIN json_each(?) j ON r.outbox_id = j.value ORDER BY r.outbox_id, r.recipient',
      )
    : undefined;
  const deliveredStmt = hasTable(db, 'alert_recipients')
    ? db.prepare<[number], string>('SELECT recipient FROM alert_recipients WHERE outbox_id = ? AND ok = 1').pluck()
    : undefined;
  const countsStmt = db.prepare<[], { status: DeliveryStatus; n: number }>(
    'SELECT status, count(*) AS n FROM alert_outbox GROUP BY status',
  );
  // Filters are optional; `? IS NULL OR …` keeps one prepared statement per shape of index use.
  const logStmt = db.prepare<
    [{ monitor: number | null; channel: number | null; failed: number; before: number | null; limit: number }],
    Raw
  >(
    `${SELECT}
      WHERE (@monitor IS NULL OR o.monitor_id = @monitor) AND (@channel IS NULL OR o.channel_id = @channel) AND (@failed = 0 OR o.status = 'failed') AND (@before IS NULL OR o.id < @before)
      ORDER BY o.id DESC LIMIT @limit`,
  );

  const withAttempts = (rows: Raw[]): OutboxEntry[] => {
    if (rows.length === 0) return [];
    const by = new Map<number, DeliveryAttempt[]>();
    for (const a of attemptsStmt.all(JSON.stringify(rows.map((r) => r.id)))) {
      let list = by.get(a.outbox_id);
      if (!list) by.set(a.outbox_id, (list = []));
      list.push({ at: a.at, ok: a.ok === 1, ms: a.ms, answer: a.answer, code: a.code });
    }
    const recipients = new Map<number, RecipientOutcome[]>();
    for (const r of recipientsStmt?.all(JSON.stringify(rows.map((x) => x.id))) ?? []) {
      let list = recipients.get(r.outbox_id);
      if (!list) recipients.set(r.outbox_id, (list = []));
      list.push({ recipient: r.recipient, ok: r.ok === 1, at: r.at, answer: r.answer, code: r.code });
    }
    return rows.map((r) => ({
      id: r.id,
      channelId: r.channel_id,
      channelName: r.channel_name,
      channelKind: r.channel_kind,
      kind: r.kind,
      monitorId: r.monitor_id,
      monitorName: r.monitor_name,
      incidentId: r.incident_id,
      acknowledgedBy: r.ack_by,
      incidentOpen: r.inc_open === 1,
      title: r.title,
      body: r.body,
      status: r.status,
      reason: r.reason,
      createdAt: r.created_at,
      deliveredAt: r.delivered_at,
      attempts: by.get(r.id) ?? [],
      ...(recipients.has(r.id) ? { recipients: recipients.get(r.id) } : {}),
    }));
  };

  return {
    due: (now, limit) =>
      dueStmt.all(now, limit).map((r) => ({
        id: r.id,
        dedupeKey: r.dedupe_key,
        channelId: r.channel_id,
        channelName: r.channel_name,
        tries: r.tries,
        message: JSON.parse(r.message) as AlertMessage,
      })),
    nextDueAt: () => nextStmt.get() ?? null,
    get: (id) => {
      const r = getStmt.get(id);
      return r ? withAttempts([r])[0] : undefined;
    },
    log: (q) =>
      withAttempts(
        logStmt.all({
          monitor: q.monitorId ?? null,
          channel: q.channelId ?? null,
          failed: q.failedOnly ? 1 : 0,
          before: q.before ?? null,
          limit: q.limit,
        }),
      ),
    counts() {
      const c: Record<DeliveryStatus, number> = { pending: 0, sending: 0, delivered: 0, failed: 0, suppressed: 0 };
      for (const r of countsStmt.all()) c[r.status] = r.n;
      return c;
    },
    deliveredTo: (id) => deliveredStmt?.all(id) ?? [],
  };
}

export function createOutboxWrites(db: WritableDB): OutboxWrites {
  if (!hasTable(db)) {
    const none = () => {
      throw new Error('This database has no alert outbox');
    };
    return {
      enqueue: none,
      claim: () => false,
      settle: none,
      requeueSending: () => 0,
      retry: () => false,
      prune: () => 0,
      recipient: none,
    };
  }
  const insert = db.prepare(
    `INSERT INTO alert_outbox (dedupe_key, channel_id, channel_name, channel_kind, kind, monitor_id, monitor_name, incident_id, title, body, message, status, reason, next_at, created_at, delivered_at)
     VALUES (@dedupe_key, @channel_id, @channel_name, @channel_kind, @kind, @monitor_id, @monitor_name, @incident_id, @title, @body, @message, @status, @reason, @next_at, @created_at, @delivered_at)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const claimStmt = db.prepare<[number]>(
    `UPDATE alert_outbox SET status = 'sending', tries = tries + 1 WHERE id = ? AND status = 'pending'`,
  );
  const attemptStmt = db.prepare<[number, number, number, number, string, string | null]>(
    'INSERT INTO alert_attempts (outbox_id, at, ok, ms, answer, code) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const settleStmt = db.prepare<[DeliveryStatus, string | null, number, number | null, number]>(
    'UPDATE alert_outbox SET status = ?, reason = ?, next_at = ?, delivered_at = ? WHERE id = ?',
  );
  const requeueStmt = db.prepare<[number]>(
    `UPDATE alert_outbox SET status = 'pending', next_at = ? WHERE status = 'sending'`,
  );
  const retryStmt = db.prepare<[number, number]>(
    `UPDATE alert_outbox SET status = 'pending', tries = 0, reason = NULL, next_at = ? WHERE id = ? AND status = 'failed'`,
  );
  const pruneStmt = db.prepare<[number]>(
    `DELETE FROM alert_outbox WHERE created_at < ? AND status IN ('delivered', 'failed', 'suppressed')`,
  );

  const recipientStmt = db.prepare<[number, string, number, number, string, string | null]>(
    `INSERT INTO alert_recipients (outbox_id, recipient, ok, at, answer, code) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (outbox_id, recipient) DO UPDATE SET ok = excluded.ok, at = excluded.at, answer = excluded.answer, code = excluded.code
     WHERE alert_recipients.ok = 0`,
  );

  const settle = db.transaction((id: number, a: DeliveryAttempt, next: Parameters<OutboxWrites['settle']>[2]) => {
    attemptStmt.run(id, a.at, a.ok ? 1 : 0, Math.round(a.ms), a.answer, a.code);
    if (next.status === 'delivered') settleStmt.run('delivered', null, a.at, a.at, id);
    else if (next.status === 'pending') settleStmt.run('pending', a.answer, next.nextAt, null, id);
    else settleStmt.run('failed', next.reason, a.at, null, id);
  });

  return {
    enqueue(row) {
      const m = row.message;
      const info = insert.run({
        dedupe_key: row.dedupeKey,
        channel_id: row.channelId,
        channel_name: row.channelName,
        channel_kind: row.channelKind,
        kind: m.kind,
        monitor_id: m.monitorId,
        monitor_name: m.monitorName,
        incident_id: m.incidentId,
        title: m.title,
        body: m.body,
        message: JSON.stringify(m),
        status: row.status,
        reason: row.reason,
        next_at: row.nextAt,
        created_at: row.createdAt,
        delivered_at: row.status === 'delivered' ? row.createdAt : null,
      });
      return info.changes === 0 ? undefined : Number(info.lastInsertRowid);
    },
    claim: (id) => claimStmt.run(id).changes === 1,
    settle: (id, attempt, next) => settle.immediate(id, attempt, next),
    requeueSending: (now) => requeueStmt.run(now).changes,
    retry: (id, now) => retryStmt.run(now, id).changes === 1,
    prune: (before) => pruneStmt.run(before).changes,
    recipient(id, o) {
      recipientStmt.run(id, o.recipient, o.ok ? 1 : 0, o.at, o.answer, o.code);
    },
  };
}
