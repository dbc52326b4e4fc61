import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { WebhookConfig } from '../../../../shared/channels';
import type { AlertMessage } from '../message';
import type { Delivered } from './delivery-error';
import { DeliveryError } from './delivery-error';
import { webhookPayload, type WebhookPayload } from './format';
import { post } from './http';
import { renderTemplate } from './template';

export const SIGNATURE_HEADER = 'x-lookout-signature';
export const TIMESTAMP_HEADER = 'x-lookout-timestamp';
export const DELIVERY_HEADER = 'x-lookout-delivery';

/** HMAC-SHA256 over `<timestamp>.<body>`, hex: a receiver recomputes it and compares in constant time. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a body template sees: the payload, with `monitor` and `incident` always objects (a storm has neither). */
export function templateScope(payload: WebhookPayload): object {
  return {
    ...payload,
    monitor: payload.monitor ?? { id: null, name: null, group: null },
    incident: payload.incident ?? { id: null, link: null },
  };
}

export function webhookBody(
  cfg: z.output<typeof WebhookConfig>,
  m: AlertMessage,
  zone: string,
  deliveryId: string,
): string {
  const payload = webhookPayload(m, zone, deliveryId);
  if (!cfg.template) return JSON.stringify(payload);
  try {
    return renderTemplate(cfg.template, templateScope(payload));
  } catch (err) {
    // The same template will fail the same way: no retries, the error in the log.
    throw new DeliveryError('template_error', `The body template did not render: ${(err as Error).message}`, false);
  }
}

export function sendWebhook(
  cfg: z.output<typeof WebhookConfig>,
  m: AlertMessage,
  zone: string,
  opts: { timeoutMs: number; deliveryId: string; now: number; signal?: AbortSignal },
): Promise<Delivered> {
  const body = webhookBody(cfg, m, zone, opts.deliveryId);
  const ts = String(Math.floor(opts.now / 1000));
  const headers: Record<string, string> = {
    'content-type': cfg.contentType,
    [TIMESTAMP_HEADER]: ts,
    // The same id on a re-send after a crash: receivers can drop a duplicate.
    [DELIVERY_HEADER]: opts.deliveryId,
    'idempotency-key': opts.deliveryId,
  };
  if (cfg.signingSecret) headers[SIGNATURE_HEADER] = signature(cfg.signingSecret, ts, body);
  return post(cfg.url, { headers, body, timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });
}
