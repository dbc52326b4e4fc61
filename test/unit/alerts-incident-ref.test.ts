import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts';
import { AlertRules, ChannelDraft } from '../../shared/channels';
import type { Incident } from '../../shared/incidents';
import { createAlerting } from '../../electron/core/alerts/alerting';
import { smsText } from '../../electron/core/alerts/channels/sms';
import type { AlertMessage } from '../../electron/core/alerts/message';
import { smsLimits } from '../../electron/core/drafts/channels';
import { createEventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { openStore } from '../../electron/core/store';
import { startReceiver, startSmtp } from '../support/alert-servers';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from './store-helpers';
import { openIncident } from '../support/incidents';

/**
 * Whoever gets an alert about an incident can find that incident: every outgoing message names its
 * number (the SMS within its one segment), the webhook payload carries its id. No message carries
 * a link: the desktop app has no address, and serve mode answers only on 127.0.0.1 with a token.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.parse('2026-12-01T12:00:00Z');

const incident = (id: number, over: Partial<Incident> = {}): Incident => openIncident(id, { startedAt: T0, ...over });

function alert(kind: Alert['kind'], at: number, over: Partial<Alert> = {}): Alert {
  return {
    id: `7-${kind}-${at}`,
    kind,
    monitorId: 7,
    monitorName: 'Live stream',
    incidentId: 42,
    at,
    title: `Live stream is ${kind}`,
    body: '',
    sound: false,
    downCount: 1,
    ...over,
  };
}

describe('down, escalation and recovered through SMS, webhook and email name the incident', () => {
  it('each channel gets three messages, each with incident #42; the webhook payload has its id', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const sms = await startReceiver();
    const hook = await startReceiver();
    const smtp = await startSmtp();
    cleanups.push(sms.close, hook.close, smtp.close);
    const clock = new FakeClock(T0);
    const store = openStore({ path: dir.file('a.db'), now: () => clock.now(), timers: clock });
    const bus = createEventBus();
    const incidents = new Map([[42, incident(42)]]);
    const alerting = createAlerting({
      tables: store.tables,
      readOnly: false,
      clock,
      bus,
      secrets: createKeyFileBox(dir.file('k')),
      monitor: () => ({ name: 'Live stream', group: 'Live streaming' }),
      incident: (id) => incidents.get(id),
      online: () => true,
      escalationTickMs: 10,
    });
    cleanups.push(async () => {
      await alerting.stop();
      store.close();
    });
    const ids = [
      { kind: 'sms', name: 'SMS', config: { url: `${sms.url}/Messages.json`, from: '+15559999', to: ['+15550001'] } },
      { kind: 'webhook', name: 'Hook', config: { url: hook.url } },
      {
        kind: 'email',
        name: 'Mail',
        config: {
          host: '127.0.0.1',
          port: smtp.port,
          security: 'none',
          from: 'l@example.test',
          to: ['o@example.test'],
        },
      },
    ].map((c) => alerting.channels.create(ChannelDraft.parse(c)).id);
    alerting.channels.saveRules(
      AlertRules.parse({
        routes: [
          {
            name: 'Pager',
            kinds: ['down', 'recovered'],
            channelIds: ids,
            escalation: [{ afterMinutes: 5, channelIds: ids }],
          },
        ],
      }),
    );
    bus.emit('channels', { reason: 'rules' });

    bus.emit('alert', alert('down', T0));
    await clock.advance(0);
    await Promise.all([sms.waitFor(1), hook.waitFor(1), smtp.waitFor(1)]);
    // Not acknowledged within 5 minutes: the escalation goes out.
    await clock.advance(5 * 60_000 + 1000);
    await Promise.all([sms.waitFor(2), hook.waitFor(2), smtp.waitFor(2)]);
    incidents.set(42, incident(42, { endedAt: clock.now() }));
    bus.emit('alert', alert('recovered', clock.now()));
    await clock.advance(0);
    await Promise.all([sms.waitFor(3), hook.waitFor(3), smtp.waitFor(3)]);

    const texts = sms.requests.map((r) => new URLSearchParams(r.body).get('Body') ?? '');
    expect(texts).toEqual([
      'Live stream is down: HTTP 500 (incident #42)',
      'Not acknowledged: Live stream is down (escalation 1): HTTP 500 (incident #42)',
      'Live stream is recovered: HTTP 500 (incident #42)',
    ]);
    const payloads = hook.requests.map(
      (r) => JSON.parse(r.body) as { kind: string; incident: { id: number; link: null } | null },
    );
    expect(payloads.map((p) => [p.kind, p.incident])).toEqual([
      ['down', { id: 42, link: null }],
      ['escalation', { id: 42, link: null }],
      ['recovered', { id: 42, link: null }],
    ]);
    const mails = smtp.mails.map((m) => m.parsed.text ?? '');
    expect(mails).toHaveLength(3);
    for (const text of mails) expect(text).toMatch(/^Incident #42$/m);
    // Nothing pretends to be an address the recipient could open.
    for (const body of [...texts, ...mails, ...hook.requests.map((r) => r.body)])
      expect(body).not.toMatch(/https?:\/\/|lookout:\/\//);
  });

  it('a storm names each monitor’s incident, in the text and in the webhook items', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const hook = await startReceiver();
    cleanups.push(hook.close);
    const clock = new FakeClock(T0);
    const store = openStore({ path: dir.file('a.db'), now: () => clock.now(), timers: clock });
    const bus = createEventBus();
    const alerting = createAlerting({
      tables: store.tables,
      readOnly: false,
      clock,
      bus,
      secrets: createKeyFileBox(dir.file('k')),
      monitor: (id) => ({ name: `M${id}`, group: 'Web' }),
      incident: () => undefined,
      online: () => true,
      stormCollectMs: 100,
    });
    cleanups.push(async () => {
      await alerting.stop();
      store.close();
    });
    alerting.channels.create(ChannelDraft.parse({ kind: 'webhook', name: 'Hook', config: { url: hook.url } }));
    alerting.channels.saveRules(AlertRules.parse({ storm: { downs: 1 } }));
    bus.emit('channels', { reason: 'rules' });
    for (const n of [1, 2, 3])
      bus.emit(
        'alert',
        alert('down', T0 + n, {
          id: `m${n}`,
          monitorId: n,
          monitorName: `M${n}`,
          incidentId: 100 + n,
          title: `M${n} is down`,
        }),
      );
    await clock.advance(100);
    await clock.advance(0);
    // M1 alone (the storm threshold), then M2 and M3 in one grouped message.
    await hook.waitFor(2);
    const storm = hook.requests
      .map((r) => JSON.parse(r.body) as { kind: string; text: string; items: { incidentId: number }[] })
      .find((p) => p.kind === 'storm');
    expect(storm?.items.map((i) => i.incidentId)).toEqual([102, 103]);
    expect(storm?.text).toContain('- M2 (Web): down (incident #102)');
  });
});

describe('the SMS keeps the incident number within its one segment', () => {
  const message = (title: string, firstError: string | null, incidentId: number | null): AlertMessage => ({
    kind: 'down',
    monitorId: 7,
    monitorName: 'x',
    group: null,
    incidentId,
    state: 'down',
    title,
    body: '',
    firstError,
    at: T0,
  });

  it('a long GSM-7 error and a UCS-2 title are cut before the reference, never through it', () => {
    const gsm = smsText(message('API is down', `Connection refused ${'by edge '.repeat(30)}`, 42));
    expect(smsLimits(gsm)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(gsm).toMatch(/^API is down: Connection refused by edge .*\.\.\. \(incident #42\)$/);
    const ucs = smsText(message('🚨 Live stream — Zürich is down', 'x'.repeat(200), 987654));
    expect(smsLimits(ucs)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(ucs.endsWith('... (incident #987654)')).toBe(true);
  });

  it('whatever the words: one segment, ending with the incident number (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: 'grapheme' }),
        fc.option(fc.string({ maxLength: 300, unit: 'grapheme' })),
        fc.integer({ min: 1, max: 999_999_999 }),
        (title, error, id) => {
          const t = smsText(message(title, error, id));
          expect(smsLimits(t).segments).toBeLessThanOrEqual(1);
          expect(t.endsWith(` (incident #${id})`)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no incident (a maintenance notice, a storm): no reference', () => {
    expect(smsText(message('Maintenance started: HLS packager', null, null))).toBe('Maintenance started: HLS packager');
  });
});
