import type { ChannelKind, NoticeSend } from '../../../shared/channels';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** Sent copies of notice drafts (one row per send through a channel), kept with the draft. */
export interface DraftSendReads {
  list(draftId: number): NoticeSend[];
}
export interface DraftSendWrites {
  add(s: Omit<NoticeSend, 'id'>): NoticeSend;
}
export type DraftSendStore = DraftSendReads & DraftSendWrites;

interface Raw {
  id: number;
  draft_id: number;
  at: number;
  channel_id: number;
  channel_name: string;
  channel_kind: ChannelKind;
  recipients: string;
  subject: string;
  text: string;
  ok: number;
  answer: string;
}

export function createDraftSendStore(db: TableDb): DraftSendStore {
  return joined(createDraftSendReads(db.read), db.write && createDraftSendWrites(db.write), 'record a sent notice');
}

// A database from before sent notices has no table: none are listed, and none can be recorded.
const hasTable = (db: ReadableDB) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'draft_sends'").get() !== undefined;

export function createDraftSendReads(db: ReadableDB): DraftSendReads {
  if (!hasTable(db)) return { list: () => [] };
  const list = db.prepare<[number], Raw>('SELECT * FROM draft_sends WHERE draft_id = ? ORDER BY at DESC, id DESC');
  return {
    list: (draftId) =>
      list.all(draftId).map((r) => ({
        id: r.id,
        draftId: r.draft_id,
        at: r.at,
        channelId: r.channel_id,
        channelName: r.channel_name,
        channelKind: r.channel_kind,
        recipients: JSON.parse(r.recipients) as string[],
        subject: r.subject,
        text: r.text,
        ok: r.ok === 1,
        answer: r.answer,
      })),
  };
}

export function createDraftSendWrites(db: WritableDB): DraftSendWrites {
  if (!hasTable(db)) {
    return {
      add: () => {
        throw new Error('This database cannot record sent notices');
      },
    };
  }
  const insert = db.prepare(
    'INSERT INTO draft_sends (draft_id, at, channel_id, channel_name, channel_kind, recipients, subject, text, ok, answer) VALUES (@draftId, @at, @channelId, @channelName, @channelKind, @recipients, @subject, @text, @ok, @answer)',
  );
  return {
    add(s) {
      const id = Number(
        insert.run({ ...s, recipients: JSON.stringify(s.recipients), ok: s.ok ? 1 : 0 }).lastInsertRowid,
      );
      return { ...s, id };
    },
  };
}
