import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import { decideAlert } from '../../electron/core/alerts/decide';
import { probeTls } from '../../electron/core/probes/tls/probe';
import { Settings } from '../../shared/settings';
import { TlsConfig } from '../../shared/probes/tls';
import { createTestCa, type TestCa } from '../support/test-ca';

/** Messages a person can read (issue 18): through the real dispatcher, on a real database. */
let dir: string;
let core: Core;
let ca: TestCa;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-messages-'));
  core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
  ca = createTestCa();
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(method: string, input: unknown) {
  const out = await core.dispatch(method, input);
  if (out.ok) throw new Error(`${method} was accepted`);
  return out.error;
}

const ZOD_WORDING = /Invalid input|Too small|Too big|expected (string|number)|received undefined|>=|<=/;

describe('validation messages are sentences naming the field', () => {
  it('a TCP monitor without a host', async () => {
    const e = await refusal('monitors.create', { name: 'DB', kind: 'tcp', paused: true, config: { port: 5432 } });
    expect(e.code).toBe('invalid_input');
    const host = e.issues!.find((i) => i.path === 'config.host')!;
    expect(host.message).toBe('Enter the host: it is required.');
    expect(e.message).toMatch(/^Enter the host: it is required\./);
    expect(e.message).not.toMatch(ZOD_WORDING);
  });

  it('a page-load timeout of −1', async () => {
    const e = await refusal('monitors.create', {
      name: 'Home',
      kind: 'page',
      paused: true,
      config: { url: 'https://example.com/', timeoutMs: -1 },
    });
    const t = e.issues!.find((i) => i.path === 'config.timeoutMs')!;
    expect(t.message).toBe('Timeout (ms) must be at least 1,000.');
    expect(e.message).not.toMatch(ZOD_WORDING);
  });

  it('keeps a schema’s own wording, and names fields of submission steps', async () => {
    const e = await refusal('monitors.create', {
      name: 'S',
      kind: 'submit',
      paused: true,
      config: { steps: [{ method: 'GET', url: 'https://example.com/', timeoutMs: 'soon' }] },
    });
    const t = e.issues!.find((i) => i.path === 'config.steps.0.timeoutMs')!;
    expect(t.message).toBe('Step 1 timeout (ms) must be a number.');
  });

  it('an .ics import whose event names no monitors says which event and what to do', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:a@b',
      'DTSTART:20300101T020000Z',
      'DTEND:20300101T030000Z',
      'SUMMARY:DB upgrade',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const out = await core.dispatch('maintenance.importIcs', { text: ics });
    expect(out.ok).toBe(true);
    const errors = (out as { result: { errors: { message: string }[] } }).result.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe(
      'Event “DB upgrade” names no affected monitors or service groups: choose the service group for events that name none, then import again.',
    );
  });
});

describe('bad input refused when saved, not at the probe', () => {
  const tlsMonitor = (ca: string) => ({
    name: 'Internal',
    kind: 'tls',
    paused: true,
    config: { host: 'intranet.example', ca },
  });

  it('garbage between PEM lines is not accepted as an extra trusted CA; a real CA certificate is', async () => {
    const garbage = '-----BEGIN CERTIFICATE-----\nnot really a certificate at all\n-----END CERTIFICATE-----';
    const e = await refusal('monitors.create', tlsMonitor(garbage));
    expect(e.issues!.find((i) => i.path === 'config.ca')!.message).toMatch(/^Extra trusted CA: certificate 1 /);
    // Four base64 characters (three bytes) lost from the middle: still base64, no longer a whole certificate.
    const mid = Math.floor(ca.certPem.length / 2);
    const at = ca.certPem.slice(mid).search(/[A-Za-z0-9+/]{4}/) + mid;
    const cut = ca.certPem.slice(0, at) + ca.certPem.slice(at + 4);
    expect((await refusal('monitors.create', tlsMonitor(cut))).issues!.some((i) => i.path === 'config.ca')).toBe(true);
    const ok = await core.dispatch('monitors.create', tlsMonitor(ca.certPem));
    expect(ok.ok).toBe(true);
  });

  it('`not-an-ip` is refused as an expected A record; an address is accepted', async () => {
    const dns = (type: string, expected: string[]) => ({
      name: 'Live DNS',
      kind: 'dns',
      paused: true,
      config: { name: 'live.example.com', type, expected },
    });
    const e = await refusal('monitors.create', dns('A', ['203.0.113.7', 'not-an-ip']));
    expect(e.issues!.find((i) => i.path === 'config.expected')!.message).toBe(
      'Expected answer “not-an-ip” is not an IPv4 address (an A record answers e.g. 203.0.113.7).',
    );
    expect((await refusal('monitors.create', dns('AAAA', ['203.0.113.7']))).issues![0]!.path).toBe('config.expected');
    expect((await core.dispatch('monitors.create', dns('A', ['203.0.113.7']))).ok).toBe(true);
    expect((await core.dispatch('monitors.create', dns('MX', ['10 mx1.example.com']))).ok).toBe(true);
  });
});

describe('an expiring certificate’s alert says so', () => {
  it('names the expiry, not “slower than its threshold or a soft check failed”', async () => {
    const cert = ca.issue({ notAfter: new Date(Date.now() + 5 * 86_400_000) });
    const server = tls.createServer({ ...cert }, (s) => s.on('error', () => undefined).end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const out = await probeTls(
        TlsConfig.parse({ host: '127.0.0.1', port, servername: 'localhost', ca: ca.certPem, timeoutMs: 3000 }),
        { signal: new AbortController().signal },
      );
      expect(out).toMatchObject({ status: 'degraded', errorCode: 'tls_expiring' });
      const alert = decideAlert(
        { alerted: false, lastAlertAt: null, snoozedUntil: null },
        {
          monitorId: 1,
          monitorName: 'Intranet TLS',
          now: Date.now(),
          state: 'degraded',
          transition: { from: 'up', to: 'degraded' },
          flapping: false,
          flapChanged: false,
          flapCount: 1,
          flapMinutes: 30,
          incidentId: null,
          inMaintenance: false,
          settings: Settings.parse({}).alerts,
          reason: out.message,
        },
      );
      expect(alert?.body).toMatch(/^Degraded: The certificate of .+ expires in (4|5) d/);
      expect(alert?.body).not.toContain('soft check');
    } finally {
      server.close();
    }
  });
});
