import type { ChannelDraft } from '../../../../shared/channels';
import type { AlertMessage } from '../message';
import { chatBody } from './chat';
import type { Delivered } from './delivery-error';
import type { RecipientResult } from './recipients';
import { sendEmail } from './email';
import { post } from './http';
import { sendGotify, sendNtfy } from './push';
import { sendSms } from './sms';
import { sendWebhook } from './webhook';

export interface SendContext {
  timeoutMs: number;
  /** Stable per outbox row (its dedupe key, hashed): Message-ID, webhook delivery id. */
  deliveryId: string;
  now: number;
  /** Email recipients other than the channel's own (a notice to its list). */
  to?: string[];
  /** Aborts an HTTP delivery (the session is closing); SMTP ones end when their pool closes. */
  signal?: AbortSignal;
  /** Recipients an earlier attempt already reached: a channel that sends to each apart (SMS) skips them. */
  delivered?: ReadonlySet<string>;
  /** Told as each recipient's send settles, before the next one is tried (the outbox stores it at once). */
  onRecipient?(outcome: RecipientResult): void;
}

/** Hands one message to one channel (secrets already opened); resolves with the server's answer or throws a DeliveryError. */
export function sendTo(channel: ChannelDraft, m: AlertMessage, ctx: SendContext): Promise<Delivered> {
  const zone = channel.zone;
  switch (channel.kind) {
    case 'email':
      return sendEmail(channel.config, m, zone, {
        timeoutMs: ctx.timeoutMs,
        messageId: `<${ctx.deliveryId}@lookout.local>`,
        ...(ctx.to ? { to: ctx.to } : {}),
        delivered: ctx.delivered,
        onRecipient: ctx.onRecipient,
      });
    case 'webhook':
      return sendWebhook(channel.config, m, zone, ctx);
    case 'slack':
    case 'teams':
    case 'discord':
    case 'mattermost':
      return post(channel.config.url, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chatBody(channel.kind, m, zone)),
        timeoutMs: ctx.timeoutMs,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    case 'ntfy':
      return sendNtfy(channel.config, m, zone, ctx.timeoutMs, ctx.signal);
    case 'gotify':
      return sendGotify(channel.config, m, zone, ctx.timeoutMs, ctx.signal);
    case 'sms':
      return sendSms(channel.config, m, ctx);
  }
}
