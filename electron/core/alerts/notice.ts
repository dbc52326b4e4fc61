import { createHash } from 'node:crypto';
import type { Service } from '../../../shared/api';
import type { AlertChannel, NoticePreview } from '../../../shared/channels';
import type { DraftContent } from '../../../shared/drafts';
import { ApiError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { SecretBox } from '../secrets/box';
import type { DraftSendStore } from '../store/draft-sends';
import type { Alerting } from './alerting';
import { sendTo } from './channels';
import { DeliveryError } from './channels/delivery-error';
import { openChannel } from './channels/secrets';
import type { AlertMessage } from './message';

/**
 * A notice draft sent through a channel, on purpose: `drafts.sendPreview` shows the recipients and
 * the exact text and hands out a confirmation; `drafts.send` sends only with that confirmation, and
 * only while neither the draft nor the channel changed since. The sent copy, its recipients and
 * the server's answer are kept with the draft.
 */
type Handlers = Pick<Service, 'drafts.sendPreview' | 'drafts.send' | 'drafts.sends'>;

export interface NoticeDeps {
  alerting: Alerting;
  secrets: SecretBox;
  clock: Clock;
  sends: DraftSendStore;
  draft(id: number): { content: DraftContent; updatedAt: number } | undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured server';
  }
}

/** Which part of the draft each kind of channel carries, and who it reaches. */
function noticeFor(
  channel: AlertChannel,
  opened: AlertChannel,
  c: DraftContent,
): { recipients: string[]; subject: string; text: string } {
  switch (opened.kind) {
    case 'email':
      return { recipients: opened.config.to, subject: c.subject, text: c.body };
    case 'sms':
      return { recipients: opened.config.to, subject: '', text: c.sms };
    case 'slack':
    case 'teams':
    case 'discord':
    case 'mattermost':
      return {
        recipients: [`${channel.name} (${opened.kind} at ${hostOf(opened.config.url)})`],
        subject: c.subject,
        text: c.chat,
      };
    case 'webhook':
      return {
        recipients: [`${channel.name} (webhook at ${hostOf(opened.config.url)})`],
        subject: c.subject,
        text: c.body,
      };
    case 'ntfy':
      return {
        recipients: [`${opened.config.server.replace(/\/+$/, '')}/${opened.config.topic}`],
        subject: c.subject,
        text: c.body,
      };
    case 'gotify':
      return { recipients: [`Gotify at ${hostOf(opened.config.server)}`], subject: c.subject, text: c.body };
  }
}

export function createNoticeHandlers(deps: NoticeDeps): Handlers {
  function prepare(id: number, channelId: number) {
    const draft = deps.draft(id);
    if (!draft) throw new ApiError('not_found', `Draft ${id} does not exist`);
    const channel = deps.alerting.channels.get(channelId);
    if (!channel) throw new ApiError('not_found', `Alert channel ${channelId} does not exist`);
    let opened: AlertChannel;
    try {
      opened = openChannel(channel, deps.secrets);
    } catch (err) {
      throw new ApiError(
        'conflict',
        `A secret of ${channel.name} cannot be opened on this machine (${(err as Error).message}); enter it again in Settings`,
      );
    }
    const n = noticeFor(channel, opened, draft.content);
    if (!n.text.trim())
      throw new ApiError('invalid_input', `The draft has no text for a ${channel.kind} channel`, [
        { path: 'channelId', message: 'Nothing to send on this channel: its part of the draft is empty' },
      ]);
    const confirm = createHash('sha256')
      .update(JSON.stringify([id, draft.updatedAt, channelId, channel.updatedAt, n.recipients, n.subject, n.text]))
      .digest('hex');
    const preview: NoticePreview = {
      draftId: id,
      channelId,
      channelName: channel.name,
      channelKind: channel.kind,
      ...n,
      confirm,
    };
    return { preview, opened };
  }

  return {
    'drafts.sendPreview': ({ id, channelId }) => prepare(id, channelId).preview,
    'drafts.send': async ({ id, channelId, confirm }) => {
      const { preview, opened } = prepare(id, channelId);
      if (confirm !== preview.confirm)
        throw new ApiError(
          'conflict',
          'The draft or the channel changed after it was confirmed: review the recipients and the text again, then send.',
        );
      const at = deps.clock.now();
      const m: AlertMessage = {
        kind: 'notice',
        monitorId: null,
        monitorName: null,
        group: null,
        incidentId: null,
        state: null,
        title: preview.subject || preview.text.slice(0, 80),
        body: preview.text,
        firstError: null,
        at,
        notice: { subject: preview.subject, text: preview.text },
      };
      let ok = true;
      let answer: string;
      try {
        answer = (
          await sendTo(opened, m, {
            timeoutMs: deps.alerting.rules().delivery.timeoutMs,
            deliveryId: `notice-${id}-${at}`,
            now: at,
          })
        ).answer;
      } catch (err) {
        ok = false;
        answer = err instanceof DeliveryError ? err.message : err instanceof Error ? err.message : String(err);
      }
      const { confirm: _c, ...copy } = preview;
      return deps.sends.add({ ...copy, at, ok, answer });
    },
    'drafts.sends': ({ id }) => deps.sends.list(id),
  };
}
