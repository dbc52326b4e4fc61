import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDns } from '../../electron/core/probes/dns/probe';
import { DnsConfig, type DnsConfigInput } from '../../shared/probes/dns';
import type { ProbeOutcome } from '../../shared/result';
import { startDnsServer, type TestDnsServer } from '../support/dns-server';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    'live.example.test': { A: ['192.0.2.10', '192.0.2.11'], AAAA: ['2001:db8::10'], ttl: 60 },
    'www.example.test': { CNAME: 'edge.cdn.example.net' },
    'example.test': {
      MX: [
        { preference: 20, exchange: 'mx2.example.test' },
        { preference: 10, exchange: 'mx1.example.test' },
      ],
      TXT: [['v=spf1 include:_spf.example.test ~all'], ['long-part-one;', 'long-part-two']],
    },
    'broken.example.test': 'servfail',
    'closed.example.test': 'refused',
    'blackhole.example.test': 'silent',
    'slow.example.test': { A: ['192.0.2.20'], delayMs: 250 },
  });
});

afterAll(async () => {
  await dns.close();
});

function probe(
  input: Omit<DnsConfigInput, 'server'>,
  signal: AbortSignal = new AbortController().signal,
): Promise<ProbeOutcome> {
  return probeDns(DnsConfig.parse({ server: dns.address, timeoutMs: 2000, ...input }), { signal });
}

function expectReadable(message: string | undefined, ...mentions: string[]): void {
  expect(message).toBeTypeOf('string');
  expect(message).not.toMatch(/[\r\n]|\[object |undefined|NaN/);
  for (const m of mentions) expect(message).toContain(m);
}

describe('probeDns against a DNS server on loopback', () => {
  it('resolves A records and stores the answers, the TTL and the server asked', async () => {
    const out = await probe({ name: 'live.example.test', type: 'A' });
    expect(out.status).toBe('up');
    expect(out.latencyMs).toBeTypeOf('number');
    expect(out.details?.answers).toEqual(['192.0.2.10', '192.0.2.11']);
    expect(out.details?.ttl).toBe(60);
    expect(out.details?.server).toBe(dns.address);
  });

  it('resolves AAAA, CNAME, MX (by preference) and TXT (split strings joined)', async () => {
    expect((await probe({ name: 'live.example.test', type: 'AAAA' })).details?.answers).toEqual(['2001:db8::10']);
    expect((await probe({ name: 'www.example.test', type: 'CNAME' })).details?.answers).toEqual([
      'edge.cdn.example.net',
    ]);
    expect((await probe({ name: 'example.test', type: 'MX' })).details?.answers).toEqual([
      '10 mx1.example.test',
      '20 mx2.example.test',
    ]);
    const txt = await probe({ name: 'example.test', type: 'TXT' });
    expect(txt.status).toBe('up');
    expect(txt.details?.answers).toEqual(['v=spf1 include:_spf.example.test ~all', 'long-part-one;long-part-two']);
  });

  it('is up when any expected value is answered (any-of), case and notation aside', async () => {
    expect((await probe({ name: 'live.example.test', expected: ['192.0.2.99', '192.0.2.11'] })).status).toBe('up');
    expect(
      (await probe({ name: 'live.example.test', type: 'AAAA', expected: ['2001:0db8:0:0:0:0:0:0010'] })).status,
    ).toBe('up');
    expect((await probe({ name: 'www.example.test', type: 'CNAME', expected: ['Edge.CDN.example.net.'] })).status).toBe(
      'up',
    );
    expect((await probe({ name: 'example.test', type: 'MX', expected: ['mx2.example.test'] })).status).toBe('up');
    expect((await probe({ name: 'example.test', type: 'MX', expected: ['10 mx1.example.test'] })).status).toBe('up');
  });

  it('is down with dns_mismatch when an expected value is missing, saying what came back', async () => {
    const any = await probe({ name: 'live.example.test', expected: ['198.51.100.1'] });
    expect(any.status).toBe('down');
    expect(any.errorCode).toBe('dns_mismatch');
    expectReadable(any.message, 'live.example.test A', '192.0.2.10', '198.51.100.1');

    const all = await probe({ name: 'live.example.test', expected: ['192.0.2.10', '198.51.100.1'], match: 'all' });
    expect(all.errorCode).toBe('dns_mismatch');
    expectReadable(all.message, 'all of 198.51.100.1');
    expect(
      (await probe({ name: 'live.example.test', expected: ['192.0.2.10', '192.0.2.11'], match: 'all' })).status,
    ).toBe('up');
  });

  it('reports NXDOMAIN, no data, SERVFAIL and REFUSED with their own codes', async () => {
    const nx = await probe({ name: 'missing.example.test' });
    expect([nx.status, nx.errorCode]).toEqual(['down', 'dns_nxdomain']);
    expectReadable(nx.message, 'missing.example.test', 'no such domain', dns.address);

    const nodata = await probe({ name: 'www.example.test', type: 'MX' });
    expect([nodata.status, nodata.errorCode]).toEqual(['down', 'dns_no_data']);
    expectReadable(nodata.message, 'www.example.test MX');

    const servfail = await probe({ name: 'broken.example.test' });
    expect([servfail.status, servfail.errorCode]).toEqual(['down', 'dns_servfail']);
    expectReadable(servfail.message, 'SERVFAIL');

    const refused = await probe({ name: 'closed.example.test' });
    expect([refused.status, refused.errorCode]).toEqual(['down', 'dns_refused']);
  });

  it('ends at its deadline with dns_timeout when the server never answers', async () => {
    const t0 = performance.now();
    const out = await probe({ name: 'blackhole.example.test', timeoutMs: 300 });
    expect(performance.now() - t0).toBeLessThan(300 + 1000);
    expect([out.status, out.errorCode]).toEqual(['down', 'dns_timeout']);
    expectReadable(out.message, 'no answer', dns.address, '300 ms');
  });

  it('is degraded with slow when the answer takes longer than the threshold', async () => {
    const out = await probe({ name: 'slow.example.test', degradedAboveMs: 100 });
    expect([out.status, out.errorCode]).toEqual(['degraded', 'slow']);
    expect(out.details?.answers).toEqual(['192.0.2.20']);
    expectReadable(out.message, 'slow.example.test A', 'above the 100 ms threshold');
  });

  it('is unknown (cancelled), not down, when the monitor is stopped mid-query', async () => {
    const ac = new AbortController();
    const pending = probe({ name: 'blackhole.example.test', timeoutMs: 5000 }, ac.signal);
    setTimeout(() => ac.abort(), 20);
    const out = await pending;
    expect([out.status, out.errorCode]).toEqual(['unknown', 'cancelled']);
  });
});

describe('DnsConfig', () => {
  it('accepts IPv4 / IPv6 servers with optional ports and treats blank as the system resolver', () => {
    for (const server of ['10.0.0.53', '10.0.0.53:5353', '2001:db8::53', '[2001:db8::53]:5353']) {
      expect(DnsConfig.safeParse({ name: 'example.com', server }).success).toBe(true);
    }
    expect(DnsConfig.parse({ name: 'example.com', server: '' }).server).toBeUndefined();
  });

  it('rejects a server given by name or with a bad port, and bad names, at the field', () => {
    for (const server of ['dns.google', '10.0.0.53:0', '10.0.0.53:70000', '[::1']) {
      const r = DnsConfig.safeParse({ name: 'example.com', server });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['server']);
    }
    const bad = DnsConfig.safeParse({ name: 'not a name', type: 'SRV' });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['name', 'type']);
  });
});
