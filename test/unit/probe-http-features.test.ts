import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import forge from 'node-forge';
import { afterEach, describe, expect, it } from 'vitest';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { HttpConfig, type HttpConfigInput } from '../../shared/probes/http';
import type { ProbeOutcome } from '../../shared/result';

const servers: (http.Server | https.Server)[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https' = 'http'): Promise<string> {
  servers.push(server);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const serve = (handler: http.RequestListener): Promise<string> => listen(http.createServer(handler));

function probe(input: HttpConfigInput, extraCa?: string[]): Promise<ProbeOutcome> {
  return probeHttp(HttpConfig.parse(input), { signal: new AbortController().signal, ...(extraCa ? { extraCa } : {}) });
}

const json =
  (body: unknown): http.RequestListener =>
  (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };

describe('probeHttp: requests and statuses', () => {
  it('sends the method, headers and body it was configured with', async () => {
    let seen: { method?: string; header?: string; body: string } = { body: '' };
    const base = await serve((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen = { method: req.method, header: req.headers['x-probe'] as string, body };
        res.end('ok');
      });
    });
    const out = await probe({
      url: `${base}/submit`,
      method: 'POST',
      headers: { 'X-Probe': 'yes' },
      body: '{"task":1}',
    });
    expect(out.status).toBe('up');
    expect(seen).toEqual({ method: 'POST', header: 'yes', body: '{"task":1}' });
  });

  it('turns a POST into a GET after a 303, as browsers do', async () => {
    const methods: string[] = [];
    const base = await serve((req, res) => {
      methods.push(`${req.method} ${req.url}`);
      if (req.url === '/post') res.writeHead(303, { location: '/result' }).end();
      else res.end('done');
    });
    const out = await probe({ url: `${base}/post`, method: 'POST', body: 'x' });
    expect(out.status).toBe('up');
    expect(methods).toEqual(['POST /post', 'GET /result']);
    expect(out.details?.finalUrl).toBe(`${base}/result`);
  });

  it('accepts status codes given as ranges and single codes', async () => {
    const base = await serve((req, res) => {
      res.statusCode = Number(req.url!.slice(1));
      res.end();
    });
    const accept = ['200-299', 304, '401'];
    expect((await probe({ url: `${base}/304`, acceptStatus: accept })).status).toBe('up');
    expect((await probe({ url: `${base}/401`, acceptStatus: accept })).status).toBe('up');
    const out = await probe({ url: `${base}/404`, acceptStatus: accept });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('http_status');
    expect(out.message).toContain('404');
  });

  it('does not hold the Content-Length of a HEAD answer against the body cap', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(1024 ** 3) });
      res.end();
    });
    const out = await probe({ url: base, method: 'HEAD' });
    expect(out.status).toBe('up');
  });

  it('applies the decompressed-size cap only to encoded bodies', async () => {
    const plain = Buffer.alloc(3 * 1024 * 1024, 'a');
    const base = await serve((_req, res) => res.end(plain));
    const out = await probe({ url: base, maxBodyBytes: 8 * 1024 * 1024, maxDecodedBytes: 2 * 1024 * 1024 });
    expect(out.status).toBe('up');
    expect(out.details?.bytes).toBe(plain.length);
  });

  it('opens a fresh connection for every probe, so connect time is real', async () => {
    let connections = 0;
    const server = http.createServer((_req, res) => res.end('ok'));
    server.on('connection', () => connections++);
    const base = await listen(server);
    for (let i = 0; i < 3; i++) {
      const out = await probe({ url: `${base}/` });
      expect(out.phases?.connect).toBeTypeOf('number');
    }
    expect(connections).toBe(3);
  });

  it('records dns, connect, ttfb and download phases for a host name', async () => {
    const base = await serve((_req, res) => res.end('hello'));
    const out = await probe({ url: base.replace('127.0.0.1', 'localhost') });
    expect(out.status).toBe('up');
    const p = out.phases!;
    for (const phase of [p.dns, p.connect, p.ttfb, p.download]) expect(phase).toBeGreaterThanOrEqual(0);
    expect(p.tls).toBeUndefined();
    expect(p.dns! + p.connect! + p.ttfb!).toBeLessThanOrEqual(out.latencyMs!);
  });
});

describe('probeHttp: body assertions', () => {
  it('passes and fails a JSON path comparison with the value it found', async () => {
    const base = await serve(json({ queue: { depth: 250 }, status: 'ok' }));
    expect((await probe({ url: base, jsonAssert: '$.queue.depth < 1000' })).status).toBe('up');
    expect((await probe({ url: base, jsonAssert: '$.status == "ok"' })).status).toBe('up');
    const out = await probe({ url: base, jsonAssert: '$.queue.depth < 100' });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('assertion');
    expect(out.message).toBe('JSON assertion failed: $.queue.depth is 250 (expected $.queue.depth < 100)');
  });

  it('says when the path is missing or the body is not JSON', async () => {
    const base = await serve(json({ queue: {} }));
    const missing = await probe({ url: base, jsonAssert: '$.queue.depth exists' });
    expect(missing.errorCode).toBe('assertion');
    expect(missing.message).toContain('$.queue.depth is missing');
    const html = await serve((_req, res) => res.end('<html>'));
    const notJson = await probe({ url: html, jsonAssert: '$.ok == true' });
    expect(notJson.errorCode).toBe('assertion');
    expect(notJson.message).toContain('not JSON');
  });

  it('makes a failed assertion degraded instead of down when assertions are soft', async () => {
    const base = await serve(json({ queue: { depth: 250 } }));
    const out = await probe({ url: base, jsonAssert: '$.queue.depth < 100', softAssertions: true });
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('assertion');
  });

  it('fails when a keyword that must be absent is present', async () => {
    const base = await serve((_req, res) => res.end('<h1>Down for maintenance</h1>'));
    const out = await probe({ url: base, absentKeyword: 'maintenance' });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('assertion');
    expect(out.message).toContain('"maintenance"');
    expect((await probe({ url: base, absentKeyword: 'error' })).status).toBe('up');
  });

  it('decodes gzip and brotli bodies before looking for the keyword', async () => {
    const base = await serve((req, res) => {
      const enc = req.url === '/br' ? 'br' : 'gzip';
      res.setHeader('content-encoding', enc);
      res.end(enc === 'br' ? zlib.brotliCompressSync('stream ALL_OK') : zlib.gzipSync('stream ALL_OK'));
    });
    for (const path of ['/gz', '/br']) {
      const out = await probe({ url: `${base}${path}`, keyword: 'ALL_OK' });
      expect(out.status).toBe('up');
      expect(out.details?.contentEncoding).toBe(path === '/br' ? 'br' : 'gzip');
    }
  });
});

describe('probeHttp over TLS (test CA)', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const priv = forge.pki.privateKeyFromPem(keys.privateKey);
  const pub = forge.pki.publicKeyFromPem(keys.publicKey);
  const day = 86_400_000;

  function cert(opts: {
    cn: string;
    issuer?: forge.pki.Certificate;
    ca?: boolean;
    from?: number;
    to?: number;
    ip?: boolean;
  }): forge.pki.Certificate {
    const c = forge.pki.createCertificate();
    c.publicKey = pub;
    c.serialNumber = String(Math.floor(Math.random() * 1e9) + 1);
    c.validity.notBefore = new Date(Date.now() + (opts.from ?? -day));
    c.validity.notAfter = new Date(Date.now() + (opts.to ?? 30 * day));
    c.setSubject([{ name: 'commonName', value: opts.cn }]);
    c.setIssuer((opts.issuer ?? c).subject.attributes);
    c.setExtensions(
      opts.ca
        ? [
            { name: 'basicConstraints', cA: true },
            { name: 'keyUsage', keyCertSign: true, digitalSignature: true },
          ]
        : [{ name: 'subjectAltName', altNames: [opts.ip ? { type: 7, ip: opts.cn } : { type: 2, value: opts.cn }] }],
    );
    c.sign(priv, forge.md.sha256.create());
    return c;
  }
  const ca = cert({ cn: 'Lookout Test CA', ca: true, to: 365 * day });
  const caPem = forge.pki.certificateToPem(ca);
  const pem = (c: forge.pki.Certificate) => forge.pki.certificateToPem(c);

  const serveTls = (leaf: forge.pki.Certificate, chain = true): Promise<string> =>
    listen(
      https.createServer({ key: keys.privateKey, cert: pem(leaf) + (chain ? caPem : '') }, (_req, res) =>
        res.end('secure'),
      ),
      'https',
    );

  it('is up with a tls phase when the chain leads to the trusted test CA', async () => {
    const base = await serveTls(cert({ cn: '127.0.0.1', ip: true, issuer: ca }));
    const out = await probe({ url: base }, [caPem]);
    expect(out.status).toBe('up');
    expect(out.phases?.tls).toBeGreaterThanOrEqual(0);
  });

  it('reports tls_expired, tls_hostname and tls_self_signed with the host', async () => {
    const expired = await serveTls(cert({ cn: '127.0.0.1', ip: true, issuer: ca, from: -10 * day, to: -day }));
    const wrongHost = await serveTls(cert({ cn: 'other.example', issuer: ca }));
    const selfSigned = await serveTls(cert({ cn: '127.0.0.1', ip: true }), false);
    const cases: [string, string][] = [
      [expired, 'tls_expired'],
      [wrongHost, 'tls_hostname'],
      [selfSigned, 'tls_self_signed'],
    ];
    for (const [url, code] of cases) {
      const out = await probe({ url }, [caPem]);
      expect(out.status).toBe('down');
      expect(out.errorCode).toBe(code);
      expect(out.message).toContain(new URL(url).host.split(':')[0]);
    }
  });
});
