import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelDraft, type ChannelDraftInput, type OutboxEntry } from '../../shared/channels';
import { sealChannel } from '../../electron/core/alerts/channels/secrets';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { startReceiver, startSmtp } from '../support/alert-servers';
import { createTestCa } from '../support/test-ca';
import { alertingSession, down, type AlertingSession } from './alerting-session';
import { tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Session = AlertingSession;
const session = (dbPath: string, keyPath: string): Session => alertingSession(dbPath, keyPath, cleanups);

function addChannel(s: Session, keyPath: string, c: ChannelDraftInput) {
  return s.alerting.channels.create(sealChannel(ChannelDraft.parse(c), createKeyFileBox(keyPath)));
}

/** The session's next `delivery` event: an attempt settled, or a message was held back. */
function nextDelivery(s: Session): Promise<OutboxEntry> {
  return new Promise((resolve) => {
    const off = s.bus.on('delivery', (e) => {
      off();
      resolve(e);
    });
  });
}

/**
 * Runs the outbox until `done` answers: fires what is due on the fake clock, waits for a send in
 * flight to settle (its `delivery` event), then moves the clock on to the next retry that is due.
 */
async function deliverUntil<T>(s: Session, what: string, done: () => T | undefined | false): Promise<T> {
  for (let step = 0; step < 50; step++) {
    await s.clock.advance(0);
    const v = done();
    if (v !== undefined && v !== false) return v;
    if (s.alerting.outboxStore.counts().sending > 0) {
      await nextDelivery(s);
      continue;
    }
    const next = s.alerting.outboxStore.nextDueAt();
    if (next === null) break;
    // The pump re-arms at least 10 ms ahead (outbox.ts schedule).
    await s.clock.advance(Math.max(10, next - s.clock.now()));
  }
  throw new Error(`The outbox settled without ${what}`);
}

describe('outbox', () => {
  it('writes before sending, delivers once per dedupe key, and logs the server answer', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const rx = await startReceiver();
    cleanups.push(rx.close);
    const s = session(dir.file('a.db'), dir.file('k'));
    const ch = addChannel(s, dir.file('k'), {
      kind: 'webhook',
      name: 'Hook',
      config: { url: rx.url, signingSecret: 'sek' },
    });
    s.bus.emit('channels', { reason: 'created' });
    const m = down();
    expect(s.alerting.route(m)).toBe(1);
    // The same alert decided again (a restart, a second window): no second message.
    expect(s.alerting.route(m)).toBe(0);
    await s.clock.advance(0);
    await rx.waitFor(1);
    const [entry] = await deliverUntil(s, 'delivered', () => {
      const log = s.alerting.outboxStore.log({ failedOnly: false, limit: 10 });
      return log[0]?.status === 'delivered' && log;
    });
    expect(entry).toMatchObject({
      channelId: ch.id,
      channelName: 'Hook',
      kind: 'down',
      monitorId: 1,
      incidentId: 7,
      status: 'delivered',
    });
    expect(entry?.attempts).toEqual([expect.objectContaining({ ok: true, answer: 'HTTP 200 ok', code: null })]);
    // Idle: nothing in flight and nothing due, so a second message would have been sent by now.
    await s.alerting.outbox.idle();
    expect(rx.requests).toHaveLength(1);
    // The secret is sealed in the database, never stored in clear.
    const raw = connectionOf(s.store).prepare('SELECT body FROM alert_channels').pluck().get() as string;
    expect(raw).not.toContain('sek');
    expect(raw).not.toContain(rx.url);
  });

  it('retries a 503 with backoff, then delivers; every attempt is in the log', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const rx = await startReceiver();
    cleanups.push(rx.close);
    rx.reply.status = 503;
    rx.reply.body = 'busy';
    const s = session(dir.file('a.db'), dir.file('k'));
    s.alerting.channels.saveRules({
      ...s.alerting.rules(),
      delivery: { attempts: 5, backoffMs: 100, timeoutMs: 2000, bannerAfter: 3 },
    });
    addChannel(s, dir.file('k'), { kind: 'slack', name: 'Ops chat', config: { url: `${rx.url}/slack` } });
    s.bus.emit('channels', { reason: 'created' });
    s.alerting.route(down());
    await deliverUntil(
      s,
      'two failures',
      () => (s.alerting.outboxStore.log({ failedOnly: false, limit: 1 })[0]?.attempts.length ?? 0) >= 2,
    );
    rx.reply.status = 200;
    const entry = await deliverUntil(s, 'delivered', () => {
      const e = s.alerting.outboxStore.log({ failedOnly: false, limit: 1 })[0];
      return e?.status === 'delivered' && e;
    });
    const fails = entry.attempts.filter((a) => !a.ok);
    expect(fails.length).toBeGreaterThanOrEqual(2);
    expect(fails[0]).toMatchObject({ code: 'http_503', answer: expect.stringContaining('HTTP 503: busy') as unknown });
    // Backoff doubles: the second wait is at least the base.
    const gaps = entry.attempts.slice(1).map((a, i) => a.at - (entry.attempts[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    expect(rx.requests).toHaveLength(1);
  });

  it('a channel that keeps failing raises one problem with the error, gives up after the last attempt, and keeps the message', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const ca = createTestCa();
    const smtp = await startSmtp({ cert: ca.issue(), user: 'oncall', pass: 'right' });
    cleanups.push(smtp.close);
    const s = session(dir.file('a.db'), dir.file('k'));
    s.alerting.channels.saveRules({
      ...s.alerting.rules(),
      delivery: { attempts: 4, backoffMs: 100, timeoutMs: 2000, bannerAfter: 3 },
    });
    addChannel(s, dir.file('k'), {
      kind: 'email',
      name: 'Email to on-call',
      config: {
        host: '127.0.0.1',
        port: smtp.port,
        ca: ca.certPem,
        username: 'oncall',
        password: 'wrong',
        from: 'l@example.test',
        to: ['o@example.test'],
      },
    });
    s.bus.emit('channels', { reason: 'created' });
    s.alerting.route(down());
    const entry = await deliverUntil(s, 'failed', () => {
      const e = s.alerting.outboxStore.log({ failedOnly: true, limit: 1 })[0];
      return e?.status === 'failed' && e;
    });
    expect(entry.attempts).toHaveLength(4);
    expect(entry.reason).toMatch(/^Gave up after 4 attempts: SMTP 127\.0\.0\.1:\d+: 535/);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatchObject({ failing: true, failures: 3, channelName: 'Email to on-call' });
    expect(s.problems[0]?.error).toMatch(/^Email to on-call failed 3 times: SMTP .*535/);
    expect(s.alerting.outbox.problems()).toHaveLength(1);
    expect(smtp.mails).toHaveLength(0);
  });

  it('quiet hours hold back what may not bypass them, and say so in the log', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const rx = await startReceiver();
    cleanups.push(rx.close);
    const s = session(dir.file('a.db'), dir.file('k'));
    // Quiet all day except the minute before midnight: "now" is always inside.
    addChannel(s, dir.file('k'), {
      kind: 'webhook',
      name: 'Night',
      zone: 'Asia/Tokyo',
      quietHours: { start: '00:00', end: '23:59', downBypasses: true },
      config: { url: rx.url },
    });
    s.bus.emit('channels', { reason: 'created' });
    const now = Date.parse('2026-12-01T03:00:00Z');
    s.alerting.route(down({ at: now, incidentId: 1 }));
    s.alerting.route(down({ at: now, incidentId: 1, kind: 'recovered', title: 'API recovered' }));
    const log = await deliverUntil(s, 'two entries', () => {
      const l = s.alerting.outboxStore.log({ failedOnly: false, limit: 10 });
      return l.length === 2 && l.every((e) => e.status !== 'pending' && e.status !== 'sending') && l;
    });
    expect(log.find((e) => e.kind === 'recovered')).toMatchObject({
      status: 'suppressed',
      reason: 'Quiet hours 00:00–23:59 Asia/Tokyo',
    });
    expect(log.find((e) => e.kind === 'down')?.status).toBe('delivered');
  });
});

describe('outbox across a kill', () => {
  let childJs: string;
  beforeAll(async () => {
    // Inside the project, so the bundle's packages resolve from node_modules.
    childJs = join(process.cwd(), 'test-artifacts', `alerts-outbox-child-${process.pid}.mjs`);
    cleanups.push(() => rmSync(childJs, { force: true }));
    await build({
      entryPoints: [join(import.meta.dirname, '../support/alerts-outbox.child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: childJs,
      logLevel: 'silent',
    });
  });

  it('SIGKILL during the SMTP send: delivered once after the restart, with the same Message-ID', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const ca = createTestCa();
    const smtp = await startSmtp({ cert: ca.issue(), user: 'oncall', pass: 'pw' });
    cleanups.push(smtp.close);
    smtp.faults.holdDataMs = 60_000;
    const db = dir.file('a.db');
    const key = dir.file('k');
    {
      const s = session(db, key);
      addChannel(s, key, {
        kind: 'email',
        name: 'On-call',
        config: {
          host: '127.0.0.1',
          port: smtp.port,
          ca: ca.certPem,
          username: 'oncall',
          password: 'pw',
          from: 'l@example.test',
          to: ['o@example.test'],
        },
      });
      await s.close();
    }
    const child = spawn(process.execPath, [childJs, db, key], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    // The child is inside DATA, waiting for the server's reply, when it dies.
    await smtp.dataBegun();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    smtp.faults.holdDataMs = 0;
    // The held transaction's client is gone, so the server never delivers it (like a real MTA).
    expect(smtp.mails).toHaveLength(0);

    const s = session(db, key);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.parsed.subject).toBe('[Lookout] API is down');
    const entry = await deliverUntil(s, 'delivered', () => {
      const e = s.alerting.outboxStore.log({ failedOnly: false, limit: 5 });
      return e.length === 1 && e[0]?.status === 'delivered' && e[0];
    });
    expect(entry.attempts.filter((a) => a.ok)).toHaveLength(1);
    // Another restart sends nothing more.
    await s.close();
    const again = session(db, key);
    // Idle after start: a message requeued by the restart would have been sent before this resolves.
    await again.alerting.outbox.idle();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.parsed.messageId).toMatch(/^<[0-9a-f]{32}@lookout\.local>$/);
  });
});

describe('outbox on close', () => {
  it('closing mid-send does not wait for a hanging server; the message goes out after the next start', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const rx = await startReceiver();
    cleanups.push(rx.close);
    rx.reply.hang = true;
    const db = dir.file('a.db');
    const key = dir.file('k');
    const s = session(db, key);
    // The longest timeout a channel may have, far past the test's: a close that waited for the
    // hanging send, or for its timeout, would fail the test by timing out.
    s.alerting.channels.saveRules({
      ...s.alerting.rules(),
      delivery: { ...s.alerting.rules().delivery, timeoutMs: 120_000 },
    });
    addChannel(s, key, { kind: 'webhook', name: 'Hook', config: { url: rx.url } });
    s.bus.emit('channels', { reason: 'created' });
    const held = rx.nextHeld();
    s.alerting.route(down());
    await s.clock.advance(0);
    await held;
    expect(s.alerting.outboxStore.counts().sending).toBe(1);
    await s.alerting.stop();
    // The aborted attempt is no failure: nothing settled, the row stays `sending` for the next start.
    expect(s.deliveries).toEqual([]);
    expect(s.alerting.outboxStore.counts()).toMatchObject({ sending: 1, failed: 0, delivered: 0 });
    await s.close();
    rx.reply.hang = false;
    const again = session(db, key);
    await rx.waitFor(1);
    const e = await deliverUntil(again, 'delivered', () => {
      const x = again.alerting.outboxStore.log({ failedOnly: false, limit: 1 })[0];
      return x?.status === 'delivered' && x;
    });
    expect(e.attempts.filter((a) => a.ok)).toHaveLength(1);
  });
});
