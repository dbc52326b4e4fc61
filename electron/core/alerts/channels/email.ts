import { rootCertificates } from 'node:tls';
import type NodeMailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { EmailConfig } from '../../../../shared/channels';
import type { z } from 'zod';
import type { AlertMessage } from '../message';
import { DeliveryError, type Delivered } from './delivery-error';
import { subjectOf, textOf } from './format';
import { assertNotLinkLocal } from './guard';
import type { EachContext } from './recipients';

type Config = z.output<typeof EmailConfig>;

interface SmtpError extends Error {
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** nodemailer's error as one line: the server's own reply when it gave one ("535 5.7.8 Authentication failed"). */
function smtpError(err: SmtpError, cfg: Config): DeliveryError {
  const where = `SMTP ${cfg.host}:${cfg.port}`;
  if (err instanceof DeliveryError) return err;
  const code = err.code ?? 'smtp_failed';
  if (err.response)
    return new DeliveryError(
      code === 'EAUTH' ? 'smtp_auth' : `smtp_${err.responseCode ?? 'error'}`,
      `${where}: ${err.response}`.slice(0, 400),
    );
  const tls = /certificate|self[- ]signed|CERT_|unable to verify|SSL|TLS/i.test(`${err.message} ${code}`);
  const kind =
    code === 'ETIMEDOUT'
      ? 'timeout'
      : tls
        ? 'smtp_tls'
        : code === 'ECONNECTION' || code === 'ESOCKET'
          ? 'smtp_connection'
          : `smtp_${code.toLowerCase()}`;
  return new DeliveryError(kind, `${where}: ${err.message}`.slice(0, 400));
}

export interface EmailOptions {
  timeoutMs: number;
  /** Stable per dedupe key, so a message re-sent after a crash is recognisably the same one. */
  messageId: string;
  /** Recipients other than the channel's (a notice sent to its own list). */
  to?: string[];
}

type Transport = Transporter<SMTPPool.SentMessageInfo>;

/**
 * Pooled connections per server and credentials: a burst of alerts reuses a few SMTP sessions
 * instead of a TCP + TLS + AUTH handshake per message. A pool unused for a minute is closed.
 */
const pools = new Map<string, { transport: Transport; timer: ReturnType<typeof setTimeout> }>();
const POOL_IDLE_MS = 60_000;

function transportFor(nodemailer: typeof NodeMailer, cfg: Config, timeoutMs: number): Transport {
  const key = JSON.stringify([cfg.host, cfg.port, cfg.security, cfg.ca, cfg.username, cfg.password, timeoutMs]);
  const found = pools.get(key);
  const closeLater = () => {
    const t = setTimeout(() => {
      pools.get(key)?.transport.close();
      pools.delete(key);
    }, POOL_IDLE_MS);
    t.unref();
    return t;
  };
  if (found) {
    clearTimeout(found.timer);
    found.timer = closeLater();
    return found.transport;
  }
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 4,
    maxMessages: 100,
    host: cfg.host,
    port: cfg.port,
    secure: cfg.security === 'tls',
    requireTLS: cfg.security === 'starttls',
    ignoreTLS: cfg.security === 'none',
    auth: cfg.username ? { user: cfg.username, pass: cfg.password } : undefined,
    // An extra CA is added to the system roots, not put in their place.
    tls: cfg.ca ? { ca: [...rootCertificates, cfg.ca] } : {},
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  pools.set(key, { transport, timer: closeLater() });
  return transport;
}

/** Closes every pooled SMTP connection (the session is stopping). */
export function closeEmailPools(): void {
  for (const p of pools.values()) {
    clearTimeout(p.timer);
    p.transport.close();
  }
  pools.clear();
}

interface RejectedError {
  recipient?: string;
  response?: string;
  responseCode?: number;
}

/**
 * One message to every owed recipient in one SMTP transaction, so most alerts are one delivery.
 * The server may refuse some RCPTs and take the rest: each recipient's outcome is told; a refusal
 * that may pass (4xx) fails the attempt, and the retry goes to those recipients alone, so the
 * others do not get the alert twice. A 5xx refusal will not change: the message counts as
 * delivered and the answer names who was refused.
 */
export async function sendEmail(
  cfg: Config,
  m: AlertMessage,
  zone: string,
  opts: EmailOptions & EachContext,
): Promise<Delivered> {
  const all = opts.to ?? cfg.to;
  const had = new Set([...(opts.delivered ?? [])].map((a) => a.toLowerCase()));
  const owed = all.filter((a) => !had.has(a.toLowerCase()));
  const earlier = all.filter((a) => had.has(a.toLowerCase()));
  const also = earlier.length > 0 ? ` (${earlier.join(', ')} had it already)` : '';
  if (owed.length === 0) return { answer: `Already delivered to ${all.join(', ')}` };
  await assertNotLinkLocal(cfg.host).catch((err: unknown) => {
    throw err instanceof DeliveryError ? err : smtpError(err as SmtpError, cfg);
  });
  // nodemailer is loaded with the first e-mail, not at start (~6 MB a console without e-mail never needs).
  const { default: nodemailer } = await import('nodemailer');
  const transport = transportFor(nodemailer, cfg, opts.timeoutMs);
  let info: SMTPPool.SentMessageInfo & { rejectedErrors?: RejectedError[] };
  try {
    info = await transport.sendMail({
      from: cfg.from,
      to: owed,
      subject: subjectOf(m),
      text: textOf(m, zone),
      messageId: opts.messageId,
      headers: { 'X-Lookout-Kind': m.kind },
    });
  } catch (err) {
    throw smtpError(err as SmtpError, cfg);
  }
  const answer = String(info.response ?? 'accepted');
  const refused = (info.rejectedErrors ?? []).map((e, i) => ({
    to: e.recipient ?? String(info.rejected[i] ?? ''),
    said: e.response ?? 'refused',
    code: `smtp_${e.responseCode ?? 'error'}`,
    passes: (e.responseCode ?? 500) < 500,
  }));
  const refusedSet = new Set(refused.map((r) => r.to.toLowerCase()));
  // Recipients the server took: the whole list when it refused none (no per-address answer needed then).
  const took = owed.filter((a) => !refusedSet.has(a.toLowerCase()));
  if (refused.length === 0) {
    if (earlier.length > 0) for (const a of took) opts.onRecipient?.({ recipient: a, ok: true, answer, code: null });
    return { answer: `${answer}${also}` };
  }
  for (const a of took) opts.onRecipient?.({ recipient: a, ok: true, answer, code: null });
  for (const r of refused) opts.onRecipient?.({ recipient: r.to, ok: false, answer: r.said, code: r.code });
  const words = refused.map((r) => `${r.to}: ${r.said}`).join('; ');
  const first = refused.find((r) => r.passes);
  if (first)
    throw new DeliveryError(
      first.code,
      `SMTP ${cfg.host}:${cfg.port} refused ${words}; delivered to ${took.join(', ')}${also}`,
    );
  return { answer: `${answer}; refused ${words}${also}` };
}
