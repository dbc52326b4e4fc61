import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelDraft, type ChannelDraftInput } from '../../shared/channels';
import { sendTo } from '../../electron/core/alerts/channels';
import { chatBody } from '../../electron/core/alerts/channels/chat';
import { DeliveryError } from '../../electron/core/alerts/channels/delivery-error';
import { smsText } from '../../electron/core/alerts/channels/sms';
import { signature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../electron/core/alerts/channels/webhook';
import type { AlertMessage } from '../../electron/core/alerts/message';
import { smsLimits } from '../../electron/core/drafts/channels';
import { startReceiver, startSilent, startSmtp, type TestReceiver, type TestSmtp } from '../support/alert-servers';
import { createTestCa, selfSignedCert, type TestCa } from '../support/test-ca';

const AT = Date.UTC(2026, 11, 1, 14, 2, 0);

function message(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    kind: 'down',
    monitorId: 7,
    monitorName: 'Live stream — Zürich',
    group: 'Live streaming',
    incidentId: 42,
    state: 'down',
    title: 'Live stream — Zürich is down',
    body: 'Confirmed down.',
    firstError: 'Connection refused by edge.example:443',
    at: AT,
    ...over,
  };
}

const ctx = (id = 'd1') => ({ timeoutMs: 2000, deliveryId: id, now: AT });
const channel = (c: ChannelDraftInput) => ChannelDraft.parse(c);

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected the delivery to fail');
}

let ca: TestCa;
let smtp: TestSmtp;
let receiver: TestReceiver;

beforeAll(async () => {
  ca = createTestCa('Lookout Alerts Test CA');
  smtp = await startSmtp({ cert: ca.issue(), user: 'oncall', pass: 's3cret' });
  receiver = await startReceiver();
});
afterAll(async () => {
  await smtp.close();
  await receiver.close();
});

const email = (over: Record<string, unknown> = {}) =>
  channel({
    kind: 'email',
    name: 'On-call email',
    zone: 'Europe/Zurich',
    config: {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'starttls',
      ca: ca.certPem,
      username: 'oncall',
      password: 's3cret',
      from: 'lookout@example.test',
      to: ['a@example.test', 'b@example.test'],
      ...over,
    },
  });

describe('email over SMTP (STARTTLS, AUTH) to a loopback smtp-server', () => {
  it('delivers subject, UTF-8 body, recipients and a stable Message-ID; the answer is the server reply', async () => {
    const before = smtp.mails.length;
    const done = await sendTo(email(), message(), ctx('abc123'));
    expect(done.answer).toMatch(/^250 .*queued as M\d+/);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail?.envelope.to).toEqual(['a@example.test', 'b@example.test']);
    expect(mail?.parsed.subject).toBe('[Lookout] Live stream — Zürich is down');
    expect(mail?.parsed.text).toContain('First error: Connection refused by edge.example:443');
    // 14:02 UTC is 15:02 in Zurich in December: both times are in the message.
    expect(mail?.parsed.text).toContain('2026-12-01 14:02:00 UTC (15:02:00');
    expect(mail?.parsed.messageId).toBe('<abc123@lookout.local>');
    expect(mail?.raw).toMatch(/charset=utf-8/i);
  });

  it('auth refused: the 535 reply is the error', async () => {
    const e = await failure(sendTo(email({ password: 'wrong' }), message(), ctx()));
    expect(e.code).toBe('smtp_auth');
    expect(e.message).toMatch(/535/);
    expect(e.message).toContain(`127.0.0.1:${smtp.port}`);
  });

  it('a 4xx / 5xx reply to DATA is an error naming the reply', async () => {
    smtp.faults.dataReply = { code: 451, message: 'Temporary local problem' };
    try {
      const e = await failure(sendTo(email(), message(), ctx()));
      expect(e.message).toMatch(/451 Temporary local problem/);
    } finally {
      delete smtp.faults.dataReply;
    }
  });

  it('a certificate the channel does not trust is refused, with TLS named', async () => {
    const other = await startSmtp({ cert: selfSignedCert(), user: 'oncall', pass: 's3cret' });
    try {
      const e = await failure(sendTo(email({ port: other.port }), message(), ctx()));
      expect(e.code).toBe('smtp_tls');
      expect(e.message).toMatch(/self[- ]signed|certificate/i);
      expect(other.mails).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('a server that accepts and never answers times out', async () => {
    const silent = await startSilent();
    try {
      const t0 = Date.now();
      const e = await failure(sendTo(email({ port: silent.port }), message(), { ...ctx(), timeoutMs: 600 }));
      expect(e.code).toBe('timeout');
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });

  it('a slow server that answers within the timeout is a delivery, not a failure', async () => {
    smtp.faults.holdDataMs = 700;
    try {
      const done = await sendTo(email(), message(), { ...ctx('slow'), timeoutMs: 3000 });
      expect(done.answer).toMatch(/^250 /);
    } finally {
      delete smtp.faults.holdDataMs;
    }
  });

  it('a connection reset in the middle of DATA is an error, not a delivery', async () => {
    smtp.faults.resetMidData = true;
    const before = smtp.mails.length;
    try {
      const e = await failure(sendTo(email(), message({ body: 'x'.repeat(200_000) }), ctx()));
      expect(e.code).toMatch(/^smtp_/);
    } finally {
      smtp.faults.resetMidData = false;
    }
    expect(smtp.mails.length).toBe(before);
  });

  it('a link-local SMTP host is refused by the schema and at send time', async () => {
    expect(
      ChannelDraft.safeParse({
        kind: 'email',
        name: 'x',
        config: { host: '169.254.169.254', from: 'a@b.c', to: ['a@b.c'] },
      }).success,
    ).toBe(false);
    const cfg = { ...email(), config: { ...email().config, host: '169.254.169.254' } } as ChannelDraft;
    const e = await failure(sendTo(cfg, message(), ctx()));
    expect(e.code).toBe('link_local');
    expect(e.retryable).toBe(false);
  });
});

describe('webhook', () => {
  it('POSTs the documented payload with an HMAC-SHA256 signature the receiver can check', async () => {
    receiver.reply.status = 200;
    const before = receiver.requests.length;
    const ch = channel({
      kind: 'webhook',
      name: 'Hook',
      zone: 'America/New_York',
      config: { url: `${receiver.url}/hook`, signingSecret: 'k3y' },
    });
    const done = await sendTo(ch, message(), ctx('del-1'));
    expect(done.answer).toBe('HTTP 200 ok');
    const req = receiver.requests[before];
    const body = req?.body ?? '';
    expect(req?.headers[SIGNATURE_HEADER]).toBe(signature('k3y', String(req?.headers[TIMESTAMP_HEADER]), body));
    expect(req?.headers['x-lookout-delivery']).toBe('del-1');
    const p = JSON.parse(body) as Record<string, unknown>;
    expect(p).toMatchObject({
      version: 1,
      kind: 'down',
      monitor: { id: 7, name: 'Live stream — Zürich', group: 'Live streaming' },
      state: 'down',
      incident: { id: 42 },
      firstError: 'Connection refused by edge.example:443',
      at: '2026-12-01T14:02:00.000Z',
      zone: 'America/New_York',
    });
    expect(p.atLocal).toBe('2026-12-01T09:02:00.000-05:00');
  });

  it('renders a Liquid body template; an unknown variable is refused when the channel is checked', async () => {
    const before = receiver.requests.length;
    const ch = channel({
      kind: 'webhook',
      name: 'Status page',
      config: { url: receiver.url, template: '{"name": {{ monitor.name | json }}, "state": "{{ state }}"}' },
    });
    await sendTo(ch, message(), ctx());
    expect(JSON.parse(receiver.requests[before]?.body ?? '')).toEqual({ name: 'Live stream — Zürich', state: 'down' });
    const { templateIssue } = await import('../../electron/core/alerts/channels/template');
    expect(templateIssue('config.template', '{{ monitr.name }}', { monitor: {} })?.message).toMatch(
      /monitr.*line 1, column 4/,
    );
  });

  it('a 5xx is retryable, a 4xx is not, and the server answer is in the error', async () => {
    const ch = channel({ kind: 'webhook', name: 'Hook', config: { url: receiver.url } });
    receiver.reply.status = 503;
    receiver.reply.body = 'upstream busy';
    try {
      const e5 = await failure(sendTo(ch, message(), ctx()));
      expect(e5).toMatchObject({ code: 'http_503', retryable: true });
      expect(e5.message).toBe(`${new URL(receiver.url).host} answered HTTP 503: upstream busy`);
      receiver.reply.status = 404;
      receiver.reply.body = 'no such hook';
      expect(await failure(sendTo(ch, message(), ctx()))).toMatchObject({ code: 'http_404', retryable: false });
    } finally {
      receiver.reply.status = 200;
      receiver.reply.body = 'ok';
    }
  });

  it('a receiver that never answers times out within the channel timeout', async () => {
    receiver.reply.hang = true;
    try {
      const ch = channel({ kind: 'webhook', name: 'Hook', config: { url: receiver.url } });
      const e = await failure(sendTo(ch, message(), { ...ctx(), timeoutMs: 500 }));
      expect(e.code).toBe('timeout');
    } finally {
      receiver.reply.hang = false;
    }
  });

  it('refuses link-local URLs in the schema, including IPv6', () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/x']) {
      const r = ChannelDraft.safeParse({ kind: 'slack', name: 'x', config: { url } });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/link-local/);
    }
  });
});

describe('chat payloads follow each service’s format', () => {
  const m = message();
  it('Slack: text + header and mrkdwn section blocks, & < > escaped', () => {
    const b = chatBody('slack', { ...m, firstError: 'a < b & c' }, 'UTC') as {
      text: string;
      blocks: { type: string; text: { type: string; text: string } }[];
    };
    expect(b.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: m.title } });
    expect(b.blocks[1]?.text.type).toBe('mrkdwn');
    expect(b.text).toContain('a &lt; b &amp; c');
  });
  it('Teams: a MessageCard with summary, title and colour', () => {
    expect(chatBody('teams', m, 'UTC')).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      title: m.title,
      themeColor: 'c62828',
    });
  });
  it('Discord: content ≤ 2000 and one embed with a colour; mentions disabled', () => {
    const b = chatBody('discord', { ...m, title: 'x'.repeat(3000) }, 'UTC') as {
      content: string;
      embeds: { color: number }[];
      allowed_mentions: unknown;
    };
    expect(b.content.length).toBeLessThanOrEqual(2000);
    expect(b.embeds[0]?.color).toBe(0xc62828);
    expect(b.allowed_mentions).toEqual({ parse: [] });
  });
  it('Mattermost: Markdown text with a heading and the Lookout username', () => {
    expect(chatBody('mattermost', m, 'UTC')).toMatchObject({
      username: 'Lookout',
      text: expect.stringMatching(/^#### Live stream/),
    });
  });
  it('each is POSTed as JSON to its incoming-webhook URL', async () => {
    const before = receiver.requests.length;
    for (const kind of ['slack', 'teams', 'discord', 'mattermost'] as const)
      await sendTo(channel({ kind, name: kind, config: { url: `${receiver.url}/${kind}` } }), m, ctx());
    const got = receiver.requests.slice(before);
    expect(got.map((r) => r.url)).toEqual(['/slack', '/teams', '/discord', '/mattermost']);
    expect(got.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);
  });
});

describe('push and SMS', () => {
  it('ntfy: text body with an encoded Title, priority 5 for down, bearer token', async () => {
    const before = receiver.requests.length;
    await sendTo(
      channel({ kind: 'ntfy', name: 'ntfy', config: { server: receiver.url, topic: 'oncall', token: 'tk' } }),
      message(),
      ctx(),
    );
    const r = receiver.requests[before];
    expect(r?.url).toBe('/oncall');
    expect(r?.headers.priority).toBe('5');
    expect(r?.headers.authorization).toBe('Bearer tk');
    expect(r?.body).toContain('First error');
  });
  it('Gotify: JSON title / message / priority with the app token header', async () => {
    const before = receiver.requests.length;
    await sendTo(
      channel({ kind: 'gotify', name: 'gotify', config: { server: receiver.url, token: 'app-token', priority: 9 } }),
      message(),
      ctx(),
    );
    const r = receiver.requests[before];
    expect(r?.url).toBe('/message');
    expect(r?.headers['x-gotify-key']).toBe('app-token');
    expect(JSON.parse(r?.body ?? '')).toMatchObject({ title: '[Lookout] Live stream — Zürich is down', priority: 9 });
  });
  it('Twilio-compatible: one form POST per recipient with basic auth, the text in one segment', async () => {
    const before = receiver.requests.length;
    const long = message({
      firstError:
        'Connection refused by edge-01.stream.example.com:443 after 3 attempts in the last 2 minutes; the origin is not answering',
    });
    await sendTo(
      channel({
        kind: 'sms',
        name: 'sms',
        config: {
          url: `${receiver.url}/Messages.json`,
          accountSid: 'AC1',
          authToken: 'tok',
          from: '+15550001',
          to: ['+15550002', '+15550003'],
        },
      }),
      long,
      ctx(),
    );
    const got = receiver.requests.slice(before);
    expect(got).toHaveLength(2);
    const form = new URLSearchParams(got[0]?.body);
    expect(form.get('To')).toBe('+15550002');
    expect(got[0]?.headers.authorization).toBe(`Basic ${Buffer.from('AC1:tok').toString('base64')}`);
    expect(smsLimits(form.get('Body') ?? '').segments).toBe(1);
    // Cut before the incident number, which stays (how the reader finds the incident).
    expect(form.get('Body')).toMatch(/\.\.\. \(incident #42\)$/);
  });
  it('SMS text: UCS-2 (an emoji or Zürich) still fits one segment of 70', () => {
    const t = smsText(message({ title: '🚨 Live stream — Zürich is down', firstError: 'x'.repeat(200) }));
    expect(smsLimits(t)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
  });
  it('generic gateway: the Liquid template with to and text', async () => {
    const before = receiver.requests.length;
    await sendTo(
      channel({
        kind: 'sms',
        name: 'gw',
        config: {
          mode: 'template',
          url: receiver.url,
          to: ['+15550002'],
          template: '{"msisdn": {{ to | json }}, "msg": {{ text | json }}}',
        },
      }),
      message(),
      ctx(),
    );
    expect(JSON.parse(receiver.requests[before]?.body ?? '')).toMatchObject({
      msisdn: '+15550002',
      msg: expect.stringContaining('is down'),
    });
  });
});
