import type { z } from 'zod';
import type { SmsConfig } from '../../../../shared/channels';
import { smsLimits } from '../../drafts/channels';
import type { AlertMessage } from '../message';
import { DeliveryError, type Delivered } from './delivery-error';
import { post } from './http';
import { sendToEach, type EachContext } from './recipients';
import { renderTemplate } from './template';

/**
 * The text of an SMS: title, then the first error, then the incident number, kept to one segment
 * by the same counter notice drafts show (drafts/channels.ts). What does not fit is cut from the
 * words (with "...", which GSM-7 has), never from the incident number: it is how the reader finds
 * the incident in the console. No link: the console has no address a phone can open.
 */
export function smsText(m: AlertMessage): string {
  if (m.notice) return m.notice.text;
  const ref = m.incidentId === null ? '' : ` (incident #${m.incidentId})`;
  const words = m.firstError ? `${m.title}: ${m.firstError}` : m.title;
  if (smsLimits(`${words}${ref}`).segments <= 1) return `${words}${ref}`;
  const chars = [...words];
  const cut = (n: number) => `${chars.slice(0, n).join('').trimEnd()}...${ref}`;
  let lo = 0;
  let hi = chars.length;
  // Longest prefix that fits one segment with the ellipsis and the reference.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (smsLimits(cut(mid)).segments <= 1) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

/**
 * One gateway request per recipient (Twilio's Messages resource takes one To), each recipient's
 * outcome told as it settles; those an earlier attempt reached are skipped (recipients.ts).
 */
export function sendSms(
  cfg: z.output<typeof SmsConfig>,
  m: AlertMessage,
  ctx: { timeoutMs: number } & EachContext,
): Promise<Delivered> {
  const opt = ctx.signal ? { signal: ctx.signal } : {};
  const text = smsText(m);
  const timeoutMs = ctx.timeoutMs;
  return sendToEach(cfg.to, ctx, async (to) => {
    if (cfg.mode === 'twilio') {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (cfg.accountSid || cfg.authToken)
        headers.authorization = `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`;
      const body = new URLSearchParams({ To: to, From: cfg.from, Body: text }).toString();
      return post(cfg.url, { headers, body, timeoutMs, ...opt });
    }
    const headers: Record<string, string> = { 'content-type': cfg.contentType };
    if (cfg.authToken) headers.authorization = `Bearer ${cfg.authToken}`;
    let body: string;
    try {
      body = renderTemplate(cfg.template || '{"to": {{ to | json }}, "text": {{ text | json }}}', {
        to,
        from: cfg.from,
        text,
      });
    } catch (err) {
      // The same template fails the same way for every recipient and every retry.
      throw new DeliveryError('template_error', `The body template did not render: ${(err as Error).message}`, false);
    }
    return post(cfg.url, { headers, body, timeoutMs, ...opt });
  });
}
