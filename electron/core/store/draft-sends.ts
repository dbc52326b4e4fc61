import type { ChannelKind, NoticeSend } from '../../../shared/channels';
import { assertWritable, type Db } from './db';

/** Sent copies of notice drafts (one row per send through a channel), kept with the draft. */
export interface DraftSendStore {
  add(s: Omit<NoticeSend, 'id'>): NoticeSend;
  list(draftId: number): NoticeSend[];
}

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

export function createDraftSendStore(db: Db, readOnly: boolean): DraftSendStore {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'draft_sends'").get() === undefined) {
    return {
      add: () => {
        throw new Error('This database cannot record sent notices');
      },
      list: () => [],
    };
  }
  const insert = db.prepare(
    'INSERT INTO draft_sends (draft_id, at, channel_id, channel_name, channel_kind, recipients, subject, text, ok, answer) VALUES (@draftId, @at, @channelId, @channelName, @channelKind, @recipients, @subject, @text, @ok, @answer)',
  );
  const list = db.prepare<[number], Raw>('SELECT * FROM draft_sends WHERE draft_id = ? ORDER BY at DESC, id DESC');
  return {
    add(s) {
      assertWritable(readOnly, 'record a sent notice');
      const id = Number(
        insert.run({ ...s, recipients: JSON.stringify(s.recipients), ok: s.ok ? 1 : 0 }).lastInsertRowid,
      );
      return { ...s, id };
    },
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
