import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createKeywordScanner } from '../../electron/core/probes/http/keywords';
import { classifyError } from '../../electron/core/probes/common/net-errors';
import { createTimedLookup, type ConnectionPhases } from '../../electron/core/probes/http/timing';
import { createRedirectFollower, headersForHop, isLinkLocal } from '../../electron/core/probes/common/redirects';
import { PROBE_ERRORS } from '../../shared/probes/errors';
import { HttpConfig } from '../../shared/probes/http';
import { checkJsonAssertion, parseJsonAssertion, parseJsonPath } from '../../shared/probes/json-assertion';

function issues(input: unknown): Record<string, string> {
  const r = HttpConfig.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('HttpConfig', () => {
  it('fills in the documented defaults', () => {
    const c = HttpConfig.parse({ url: 'https://example.test/' });
    expect(c).toMatchObject({
      method: 'GET',
      acceptStatus: [[200, 299]],
      degradedAboveMs: 3000,
      maxBodyBytes: 1024 * 1024,
      maxDecodedBytes: 2 * 1024 * 1024,
      timeoutMs: 10_000,
      maxRedirects: 5,
      softAssertions: false,
      allowLinkLocal: false,
      secretHeaders: [],
    });
  });

  it('stores accepted statuses as ranges, whatever form they were typed in', () => {
    const c = HttpConfig.parse({ url: 'http://a.test/', acceptStatus: ['200-299', 304, '401', [500, 503]] });
    expect(c.acceptStatus).toEqual([
      [200, 299],
      [304, 304],
      [401, 401],
      [500, 503],
    ]);
  });

  it('rejects malformed statuses and ranges at the offending entry', () => {
    expect(issues({ url: 'http://a.test/', acceptStatus: ['2xx'] })['acceptStatus.0']).toMatch(/range such as 200-299/);
    expect(issues({ url: 'http://a.test/', acceptStatus: [200, '299-200'] })['acceptStatus.1']).toMatch(
      /299 is above its end 200/,
    );
    expect(issues({ url: 'http://a.test/', acceptStatus: [99] })['acceptStatus.0']).toBeDefined();
  });

  it('rejects an invalid JSON assertion with where it went wrong', () => {
    expect(issues({ url: 'http://a.test/', jsonAssert: '$.queue.depth <' }).jsonAssert).toBe(
      'Expected a number, a quoted string, true, false or null at character 16, found the end',
    );
    expect(issues({ url: 'http://a.test/', jsonAssert: 'queue.depth < 1' }).jsonAssert).toMatch(
      /path starting with "\$" at character 1/,
    );
    expect(issues({ url: 'http://a.test/', jsonAssert: '$.status < "ok"' }).jsonAssert).toMatch(/compares numbers/);
    expect(issues({ url: 'http://a.test/', jsonAssert: '$.queue.depth < 100' })).toEqual({});
  });

  it('requires secret headers to name a configured header, and header values to be one line', () => {
    expect(
      issues({ url: 'http://a.test/', headers: { 'X-Key': 'k' }, secretHeaders: ['X-Token'] })['secretHeaders.0'],
    ).toBe('No header named X-Token');
    expect(issues({ url: 'http://a.test/', headers: { 'X-Key': 'k' }, secretHeaders: ['x-key'] })).toEqual({});
    expect(issues({ url: 'http://a.test/', headers: { 'X-Key': 'a\r\nInjected: 1' } })['headers.X-Key']).toMatch(
      /line breaks/,
    );
  });
});

describe('JSON assertions', () => {
  const doc = { queue: { depth: 42 }, items: [{ id: 'a' }], 'odd key': true, status: 'ok', none: null };
  const check = (src: string): string | null => {
    const p = parseJsonAssertion(src);
    if (!p.ok) throw new Error(p.error);
    return checkJsonAssertion(p.value, doc);
  };

  it('evaluates every operator', () => {
    for (const ok of [
      '$.queue.depth < 100',
      '$.queue.depth <= 42',
      '$.queue.depth > 41.5',
      '$.queue.depth >= 42',
      '$.queue.depth == 42',
      '$.queue.depth != 7',
    ]) {
      expect(check(ok)).toBeNull();
    }
    for (const bad of ['$.queue.depth < 42', '$.queue.depth > 42', '$.queue.depth == 7', '$.queue.depth != 42']) {
      expect(check(bad)).toContain('$.queue.depth is 42');
    }
  });

  it('walks indexes and quoted keys, and compares strings, booleans and null', () => {
    expect(check('$.items[0].id == "a"')).toBeNull();
    expect(check("$['odd key'] == true")).toBeNull();
    expect(check('$.none == null')).toBeNull();
    expect(check("$.status == 'ok'")).toBeNull();
    expect(check('$.items[0].id exists')).toBeNull();
    expect(check('$.items[3]')).toBe('$.items[3] is missing (expected $.items[3])');
    expect(check('$.status > 1')).toBe('$.status is "ok", not a number (expected $.status > 1)');
  });

  it('parses a bare path for value capture', () => {
    expect(parseJsonPath('$.data.items[2]["x y"]')).toEqual({ ok: true, value: ['data', 'items', 2, 'x y'] });
    expect(parseJsonPath('$.a b').ok).toBe(false);
  });
});

describe('redirect policy', () => {
  const hop = { url: new URL('http://a.test/start'), method: 'GET', body: undefined };

  it('recognises link-local addresses in every spelling, and nothing else', () => {
    for (const a of [
      '169.254.169.254',
      '169.254.0.1',
      'fe80::1',
      'FEBF::1',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
    ])
      expect(isLinkLocal(a)).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.1', '::1', 'fec0::1', 'metadata.internal', '169.255.0.1'])
      expect(isLinkLocal(a)).toBe(false);
  });

  it('follows a link-local redirect only when the monitor allows it', () => {
    expect(() =>
      createRedirectFollower(hop.url, { maxRedirects: 5, allowLinkLocal: false }).follow(302, 'http://[fe80::1]/', hop),
    ).toThrow(/link-local/);
    const next = createRedirectFollower(hop.url, { maxRedirects: 5, allowLinkLocal: true }).follow(
      302,
      'http://169.254.169.254/',
      hop,
    );
    expect(next.url.href).toBe('http://169.254.169.254/');
  });

  it('drops credentials when the scheme changes on the same host, since that is another origin', () => {
    const headers = { Authorization: 'x', 'X-Other': 'y' };
    expect(headersForHop(headers, new URL('https://a.test/'), 'http://a.test', [])).toEqual({ 'X-Other': 'y' });
    expect(headersForHop(headers, new URL('http://a.test/next'), 'http://a.test', [])).toEqual(headers);
  });
});

describe('error code table', () => {
  it('documents every code the http probe can return with one line', () => {
    const codes = [
      'timeout',
      'dns_nxdomain',
      'conn_refused',
      'conn_reset',
      'tls_expired',
      'tls_self_signed',
      'tls_hostname',
      'http_status',
      'assertion',
      'body_too_large',
      'redirect_loop',
      'redirect_scheme',
      'redirect_blocked',
      'redirect_limit',
      'decompression',
      'bad_response',
      'slow',
      'cancelled',
    ];
    for (const c of codes) {
      expect(PROBE_ERRORS).toHaveProperty(c);
      expect(PROBE_ERRORS[c as keyof typeof PROBE_ERRORS]).not.toMatch(/\n/);
    }
  });
});

describe('keyword scanning across chunks', () => {
  it('finds a keyword split over chunk boundaries, multi-byte characters included', () => {
    const body = Buffer.from('status: tout va très bien — ALL_OK at the end');
    const s = createKeywordScanner(['très bien', 'ALL_OK', 'absent']);
    // One byte at a time is the worst case for a seam.
    for (let i = 0; i < body.length; i++) s.push(body.subarray(i, i + 1));
    expect(s.found('très bien')).toBe(true);
    expect(s.found('ALL_OK')).toBe(true);
    expect(s.found('absent')).toBe(false);
  });
});

describe('connection timing and link-local refusal through DNS', () => {
  it('refuses a redirect target whose name resolves to a link-local address, before connecting', async () => {
    const resolve = ((_host: string, _opts: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
      cb(null, [{ address: '169.254.169.254', family: 4 }])) as unknown as typeof import('node:dns').lookup;
    const phases: ConnectionPhases = {};
    const lookup = createTimedLookup({ refuseLinkLocal: () => true, resolve }, () => phases);
    let connected = false;
    const err = await new Promise<unknown>((resolve, reject) => {
      const req = http.get('http://metadata.internal/latest/', { agent: false, lookup }, () =>
        reject(new Error('answered')),
      );
      req.on('socket', (s) => s.once('connect', () => (connected = true)));
      req.on('error', resolve);
    });
    expect(classifyError(err, 'metadata.internal', false)).toEqual({
      code: 'redirect_blocked',
      message: 'Redirect to metadata.internal refused: it resolves to a link-local address',
    });
    expect(connected).toBe(false);
    expect(phases.dns).toBeGreaterThanOrEqual(0);
  });
});
