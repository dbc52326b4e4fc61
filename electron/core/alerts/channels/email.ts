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

export async function sendEmail(cfg: Config, m: AlertMessage, zone: string, opts: EmailOptions): Promise<Delivered> {
  await assertNotLinkLocal(cfg.host).catch((err: unknown) => {
    throw err instanceof DeliveryError ? err : smtpError(err as SmtpError, cfg);
  });
  // nodemailer is loaded with the first e-mail, not at start (~6 MB a console without e-mail never needs).
  const { default: nodemailer } = await import('nodemailer');
  const transport = transportFor(nodemailer, cfg, opts.timeoutMs);
  try {
    const info = await transport.sendMail({
      from: cfg.from,
      to: opts.to ?? cfg.to,
      subject: subjectOf(m),
      text: textOf(m, zone),
      messageId: opts.messageId,
      headers: { 'X-Lookout-Kind': m.kind },
    });
    return { answer: String(info.response ?? 'accepted') };
  } catch (err) {
    throw smtpError(err as SmtpError, cfg);
  }
}
