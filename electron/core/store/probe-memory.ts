import type { WritableDB } from './db';

/**
 * What probes remember between runs of one monitor (an HLS stream's media sequences and since when
 * they stand still), kept so a restart in the middle of a stale-stream incident reads the stream as
 * still stale instead of closing the incident and opening a new one. One small JSON value per
 * monitor and key, rewritten by each probe that changes it.
 */
export interface ProbeMemoryStore {
  all(): { monitorId: number; key: string; value: unknown }[];
  save(monitorId: number, key: string, value: unknown, at: number): void;
  /** Drops every monitor's memory except these. */
  retainOnly(monitorIds: readonly number[]): void;
}

interface Row {
  monitor_id: number;
  key: string;
  value: string;
}

export function createProbeMemoryStore(db: WritableDB): ProbeMemoryStore {
  const allStmt = db.prepare<[], Row>('SELECT monitor_id, key, value FROM probe_memory');
  // A late save for a monitor deleted meanwhile is dropped, like monitor states.
  const upsert = db.prepare<[number, string, string, number, number]>(
    `INSERT INTO probe_memory (monitor_id, key, value, updated_at)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM monitors WHERE id = ?)
     ON CONFLICT (monitor_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const idsStmt = db.prepare<[], { monitor_id: number }>('SELECT DISTINCT monitor_id FROM probe_memory');
  const forget = db.prepare<[number]>('DELETE FROM probe_memory WHERE monitor_id = ?');
  const retain = db.transaction((keep: Set<number>) => {
    for (const { monitor_id } of idsStmt.all()) if (!keep.has(monitor_id)) forget.run(monitor_id);
  });
  return {
    all() {
      const out: { monitorId: number; key: string; value: unknown }[] = [];
      for (const r of allStmt.all()) {
        try {
          out.push({ monitorId: r.monitor_id, key: r.key, value: JSON.parse(r.value) as unknown });
        } catch {
          // A damaged value only costs that monitor its memory: the next probe starts fresh.
        }
      }
      return out;
    },
    save(monitorId, key, value, at) {
      upsert.run(monitorId, key, JSON.stringify(value), at, monitorId);
    },
    retainOnly(ids) {
      retain(new Set(ids));
    },
  };
}
