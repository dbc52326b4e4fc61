import net from 'node:net';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeTls } from '../../electron/core/probes/tls/probe';
import { TlsConfig, type TlsConfigInput } from '../../shared/probes/tls';
import type { ProbeOutcome } from '../../shared/result';
import { createTestCa, testCertificates, type IssuedCert, type TestCa } from '../support/test-ca';

let ca: TestCa;
let certs: ReturnType<typeof testCertificates>;

beforeAll(() => {
  ca = createTestCa();
  certs = testCertificates(ca);
});

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** An HTTPS-like TLS server on 127.0.0.1 presenting `cert`. */
function serveTls(cert: IssuedCert, opts: tls.TlsOptions = {}): Promise<number> {
  const server = tls.createServer({ ...cert, ...opts }, (s) => s.on('error', () => undefined).end());
  server.on('tlsClientError', () => undefined);
  return listen(server);
}

function probe(input: TlsConfigInput, signal: AbortSignal = new AbortController().signal): Promise<ProbeOutcome> {
  return probeTls(TlsConfig.parse(input), { signal });
}

/** The monitor of an internal host: our test CA trusted, the name the certificates are for. */
const internal = (port: number, extra: Partial<TlsConfigInput> = {}): TlsConfigInput => ({
  host: '127.0.0.1',
  port,
  servername: 'localhost',
  ca: ca.certPem,
  timeoutMs: 3000,
  ...extra,
});

function expectReadable(message: string | undefined, ...mentions: string[]): void {
  expect(message).toBeTypeOf('string');
  expect(message).not.toMatch(/[\r\n]|\[object |undefined|NaN/);
  for (const m of mentions) expect(message).toContain(m);
}

describe('probeTls', () => {
  it('is up for a valid certificate from a trusted (custom) CA and stores its subject, issuer, expiry and protocol', async () => {
    const port = await serveTls(certs.valid);
    const out = await probe(internal(port));
    expect(out.status).toBe('up');
    expect(out.errorCode).toBeUndefined();
    expect(out.details).toMatchObject({
      subject: 'CN=localhost, O=Lookout Tests',
      issuer: 'CN=Lookout Test CA, O=Lookout Tests',
      protocol: 'TLSv1.3',
      chainValid: true,
    });
    expect(out.details?.daysLeft).toBeGreaterThanOrEqual(363);
    expect(Date.parse(String(out.details?.notAfter))).toBeGreaterThan(Date.now());
    expect(out.phases?.tls).toBeTypeOf('number');
  });

  it("matches an IP address against the certificate's IP names when no server name is given", async () => {
    const port = await serveTls(certs.valid);
    expect((await probe({ ...internal(port), servername: undefined })).status).toBe('up');
  });

  it('is down with tls_untrusted when the issuing CA is not trusted, still recording the certificate', async () => {
    const port = await serveTls(certs.valid);
    const out = await probe({ ...internal(port), ca: undefined });
    expect([out.status, out.errorCode]).toEqual(['down', 'tls_untrusted']);
    expectReadable(out.message, `127.0.0.1:${port}`);
    expect(out.details).toMatchObject({ subject: 'CN=localhost, O=Lookout Tests', chainValid: false });
  });

  it('is down with tls_self_signed for a self-signed certificate', async () => {
    const port = await serveTls(certs.selfSigned);
    const out = await probe(internal(port));
    expect([out.status, out.errorCode]).toEqual(['down', 'tls_self_signed']);
    expectReadable(out.message, 'self-signed');
  });

  it('is down with tls_expired for an expired certificate, saying when it expired', async () => {
    const port = await serveTls(certs.expired);
    const out = await probe(internal(port));
    expect([out.status, out.errorCode]).toEqual(['down', 'tls_expired']);
    expectReadable(out.message, 'expired on', '2 days ago');
    expect(out.details?.daysLeft).toBeLessThan(0);
  });

  it('is down with tls_not_yet_valid for a certificate from the future', async () => {
    const port = await serveTls(certs.notYetValid);
    const out = await probe(internal(port));
    expect([out.status, out.errorCode]).toEqual(['down', 'tls_not_yet_valid']);
    expectReadable(out.message, 'not valid until');
  });

  it('is down with tls_hostname when the certificate is for another host, naming both', async () => {
    const port = await serveTls(certs.wrongHost);
    const out = await probe(internal(port));
    expect([out.status, out.errorCode]).toEqual(['down', 'tls_hostname']);
    expectReadable(out.message, 'does not cover localhost', 'other.example.test');
  });

  it('is degraded inside the warning window and down inside the failure window', async () => {
    const port = await serveTls(certs.expiringIn5Days);
    const warn = await probe(internal(port, { warnDays: 14, failDays: 3 }));
    expect([warn.status, warn.errorCode, warn.details?.daysLeft]).toEqual(['degraded', 'tls_expiring', 5]);
    expectReadable(warn.message, 'expires in 5 d');
    const fail = await probe(internal(port, { warnDays: 14, failDays: 7 }));
    expect([fail.status, fail.errorCode]).toEqual(['down', 'tls_expiring']);
    expectReadable(fail.message, '7 days failure threshold');
    expect((await probe(internal(port, { warnDays: 5, failDays: 1 }))).status).toBe('up');
  });

  it('says how long is left in days and hours, not days floored (4.99 days is not "4 days")', async () => {
    const port = await serveTls(certs.expiringIn5Days);
    const first = await probe(internal(port, { warnDays: 14, failDays: 3 }));
    const notAfter = Date.parse(String(first.details?.notAfter));
    const at = notAfter - (4 * 86_400_000 + 23 * 3_600_000 + 30 * 60_000);
    const out = await probeTls(TlsConfig.parse(internal(port, { warnDays: 14, failDays: 3 })), {
      signal: new AbortController().signal,
      now: () => at,
    });
    expect([out.status, out.errorCode, out.details?.daysLeft]).toEqual(['degraded', 'tls_expiring', 4]);
    expectReadable(out.message, 'expires in 4 d 23 h');
    const fail = await probeTls(TlsConfig.parse(internal(port, { warnDays: 14, failDays: 5 })), {
      signal: new AbortController().signal,
      now: () => notAfter - 50 * 60_000,
    });
    expectReadable(fail.message, 'expires in 50 min', '5 days failure threshold');
  });

  it('is down with tls_protocol when the server negotiates less than the required minimum', async () => {
    const port = await serveTls(certs.valid, { maxVersion: 'TLSv1.2' });
    const out = await probe(internal(port, { minProtocol: 'TLSv1.3' }));
    expect([out.status, out.errorCode, out.details?.protocol]).toEqual(['down', 'tls_protocol', 'TLSv1.2']);
    expectReadable(out.message, 'TLSv1.2', 'TLSv1.3');
    expect((await probe(internal(port, { minProtocol: 'TLSv1.2' }))).status).toBe('up');
  });

  it('ends at its deadline with timeout when the server accepts but never speaks TLS', async () => {
    const port = await listen(net.createServer(() => undefined));
    const t0 = performance.now();
    const out = await probe(internal(port, { timeoutMs: 300 }));
    expect(performance.now() - t0).toBeLessThan(300 + 1000);
    expect([out.status, out.errorCode]).toEqual(['down', 'timeout']);
    expectReadable(out.message, 'did not complete a TLS handshake within 300 ms');
  });

  it('is down with tls_handshake when the server answers garbage instead of TLS', async () => {
    const port = await listen(net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const out = await probe(internal(port));
    expect(out.status).toBe('down');
    expect(['tls_handshake', 'conn_reset']).toContain(out.errorCode);
    expectReadable(out.message, `127.0.0.1:${port}`);
  });

  it('is down with conn_refused when nothing listens', async () => {
    const port = await listen(net.createServer());
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    const out = await probe(internal(port));
    expect([out.status, out.errorCode]).toEqual(['down', 'conn_refused']);
  });

  it('rejects a fail threshold above the warn threshold and a CA that is not PEM, at their fields', () => {
    const r = TlsConfig.safeParse({ host: 'example.com', warnDays: 5, failDays: 10, ca: 'not a certificate' });
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['ca', 'failDays']);
    expect(TlsConfig.parse({ host: 'example.com', ca: '', servername: '' })).toMatchObject({
      port: 443,
      ca: undefined,
      servername: undefined,
    });
  });
});
