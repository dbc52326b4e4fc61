import type { AddressInfo, Server as NetServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelDraft, type ChannelDraftInput, type OutboxEntry } from '../../shared/channels';
import { sealChannel } from '../../electron/core/alerts/channels/secrets';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { startReceiver, startSmtp, type TestReceiver } from '../support/alert-servers';
import { alertingSession, down, type AlertingSession } from './alerting-session';
import { tempDir } from './store-helpers';

/**
 * SMS goes to each number in its own gateway request; e-mail goes to all in one transaction, of
 * which the server may take only some addresses. When a recipient fails, the retry (also after a
 * restart) is owed to that recipient only: the others must not get the alert twice.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A = '+15550001';
const B = '+15550002';
const C = '+15550003';

type Session = AlertingSession;
const session = (dbPath: string, keyPath: string): Session => alertingSession(dbPath, keyPath, cleanups);

function addChannel(s: Session, keyPath: string, c: ChannelDraftInput) {
  const made = s.alerting.channels.create(sealChannel(ChannelDraft.parse(c), createKeyFileBox(keyPath)));
  s.bus.emit('channels', { reason: 'created' });
  return made;
}

const latest = (s: Session): OutboxEntry | undefined => s.alerting.outboxStore.log({ failedOnly: false, limit: 1 })[0];

/** Fires what is due on the fake clock and waits for sends in flight, until `done` holds. */
async function deliverUntil(s: Session, what: string, done: (e: OutboxEntry | undefined) => boolean) {
  for (let step = 0; step < 100; step++) {
    await s.clock.advance(0);
    const e = latest(s);
    if (done(e)) return e as OutboxEntry;
    if (s.alerting.outboxStore.counts().sending > 0) {
      await new Promise<void>((resolve) => {
        const off = s.bus.on('delivery', () => (off(), resolve()));
      });
      continue;
    }
    const next = s.alerting.outboxStore.nextDueAt();
    if (next === null) break;
    await s.clock.advance(Math.max(10, next - s.clock.now()));
  }
  throw new Error(`The outbox settled without ${what}`);
}

const numbers = (rx: TestReceiver) => rx.requests.map((r) => new URLSearchParams(r.body).get('To'));

function smsChannel(rx: TestReceiver): ChannelDraftInput {
  return {
    kind: 'sms',
    name: 'On-call SMS',
    config: { url: `${rx.url}/Messages.json`, accountSid: 'AC1', authToken: 'tok', from: '+15559999', to: [A, B, C] },
  };
}

describe('SMS to several recipients', () => {
  it('one number fails once: the retry after a restart goes to it alone; each number got the alert once', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const rx = await startReceiver();
    cleanups.push(rx.close);
    const db = dir.file('a.db');
    const key = dir.file('k');
    const s = session(db, key);
    s.alerting.channels.saveRules({
      ...s.alerting.rules(),
      delivery: { attempts: 4, backoffMs: 100, timeoutMs: 500, bannerAfter: 3 },
    });
    addChannel(s, key, smsChannel(rx));
    const first = rx.waitFor(1);
    const held = rx.nextHeld();
    expect(s.alerting.route(down())).toBe(1);
    const pumping = s.clock.advance(0);
    // A is answered; the gateway then holds B's request past the channel's timeout; C is answered.
    await first;
    rx.reply.hang = true;
    await held;
    rx.reply.hang = false;
    await pumping;
    const failedOnce = await deliverUntil(s, 'one failed attempt', (e) => e?.attempts.length === 1);
    expect(failedOnce.status).toBe('pending');
    expect(failedOnce.attempts[0]?.ok).toBe(false);
    expect(failedOnce.attempts[0]?.answer).toMatch(new RegExp(`^\\${B}: .*; delivered to \\${A}, \\${C}$`));
    expect(failedOnce.recipients).toEqual([
      expect.objectContaining({ recipient: A, ok: true, answer: expect.stringMatching(/^HTTP 200/) as unknown }),
      expect.objectContaining({ recipient: B, ok: false, code: 'timeout' }),
      expect.objectContaining({ recipient: C, ok: true }),
    ]);
    expect(numbers(rx)).toEqual([A, C]);
    await s.close();

    // After a restart the outbox still knows who has it: only B is sent to.
    const again = session(db, key);
    const done = await deliverUntil(again, 'delivered', (e) => e?.status === 'delivered');
    expect(numbers(rx)).toEqual([A, C, B]);
    expect(done.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(done.attempts[1]?.answer).toBe(`${B}: HTTP 200 ok (${A}, ${C} had it already)`);
    expect(done.recipients?.map((r) => [r.recipient, r.ok])).toEqual([
      [A, true],
      [B, true],
      [C, true],
    ]);
    // A delivered recipient keeps its first answer and time: the retry did not touch it.
    expect(done.recipients?.[0]).toEqual(failedOnce.recipients?.[0]);
  });

  it('a manual retry of a failed message goes only to the numbers never reached', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const rx = await startReceiver();
    cleanups.push(rx.close);
    const key = dir.file('k');
    const s = session(dir.file('a.db'), key);
    s.alerting.channels.saveRules({
      ...s.alerting.rules(),
      delivery: { attempts: 1, backoffMs: 100, timeoutMs: 500, bannerAfter: 3 },
    });
    addChannel(s, key, smsChannel(rx));
    const first = rx.waitFor(1);
    const held = rx.nextHeld();
    s.alerting.route(down());
    const pumping = s.clock.advance(0);
    await first;
    rx.reply.hang = true;
    await held;
    rx.reply.hang = false;
    await pumping;
    const failed = await deliverUntil(s, 'failed', (e) => e?.status === 'failed');
    expect(failed.reason).toContain(`${B}: `);
    expect(s.alerting.outboxStore.retry(failed.id, s.clock.now())).toBe(true);
    s.alerting.outbox.kick();
    await deliverUntil(s, 'delivered', (e) => e?.status === 'delivered');
    expect(numbers(rx)).toEqual([A, C, B]);
  });
});

/** A plain SMTP server that refuses RCPT TO as `refuse` says, recording each accepted transaction's recipients. */
async function refusingSmtp(refuse: (to: string, seen: number) => { code: number; message: string } | undefined) {
  const envelopes: string[][] = [];
  const seen = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(addr, _session, cb) {
      const n = (seen.get(addr.address) ?? 0) + 1;
      seen.set(addr.address, n);
      const no = refuse(addr.address, n);
      if (no) cb(Object.assign(new Error(no.message), { responseCode: no.code }));
      else cb();
    },
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => {
        envelopes.push(session.envelope.rcptTo.map((r) => r.address));
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = ((server as unknown as { server: NetServer }).server.address() as AddressInfo).port;
  return { port, envelopes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A console session with one e-mail channel to `to` through the loopback SMTP server on `port`, retried quickly. */
function emailSession(dir: ReturnType<typeof tempDir>, port: number, to: string[]) {
  const key = dir.file('k');
  const s = session(dir.file('a.db'), key);
  s.alerting.channels.saveRules({
    ...s.alerting.rules(),
    delivery: { attempts: 3, backoffMs: 100, timeoutMs: 2000, bannerAfter: 3 },
  });
  addChannel(s, key, {
    kind: 'email',
    name: 'On-call email',
    config: { host: '127.0.0.1', port, security: 'none', from: 'l@example.test', to },
  });
  return s;
}

describe('email to several recipients', () => {
  it('the server defers one address (451) and refuses another (550): the retry goes to the owed ones only', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const smtp = await refusingSmtp((to, n) =>
      to === 'b@example.test' && n === 1
        ? { code: 451, message: 'Mailbox busy, try later' }
        : to === 'c@example.test'
          ? { code: 550, message: 'No such user' }
          : undefined,
    );
    cleanups.push(smtp.close);
    const s = emailSession(dir, smtp.port, ['a@example.test', 'b@example.test', 'c@example.test']);
    s.alerting.route(down());
    const first = await deliverUntil(s, 'one failed attempt', (e) => e?.attempts.length === 1);
    expect(first.status).toBe('pending');
    expect(first.attempts[0]?.answer).toMatch(
      /refused b@example\.test: 451 .*; c@example\.test: 550 .*; delivered to a@example\.test$/,
    );
    const done = await deliverUntil(s, 'delivered', (e) => e?.status === 'delivered');
    // a got it in the first transaction, b in the second; c was refused both times and got nothing.
    expect(smtp.envelopes).toEqual([['a@example.test'], ['b@example.test']]);
    expect(done.attempts[1]?.answer).toMatch(
      /^250 .*; refused c@example\.test: 550 .*\(a@example\.test had it already\)$/,
    );
    expect(done.recipients?.map((r) => [r.recipient, r.ok, r.code])).toEqual([
      ['a@example.test', true, null],
      ['b@example.test', true, null],
      ['c@example.test', false, 'smtp_550'],
    ]);
  });

  it('email to two addresses is one SMTP transaction: after a 451 the retry is one message to both', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const s = emailSession(dir, smtp.port, ['a@example.test', 'b@example.test']);
    smtp.faults.dataReply = { code: 451, message: 'Try again later' };
    s.alerting.route(down());
    await deliverUntil(s, 'one failed attempt', (e) => e?.attempts.length === 1);
    delete smtp.faults.dataReply;
    const done = await deliverUntil(s, 'delivered', (e) => e?.status === 'delivered');
    expect(smtp.mails.map((m) => m.envelope.to)).toEqual([['a@example.test', 'b@example.test']]);
    expect(done.recipients).toBeUndefined();
  });
});
