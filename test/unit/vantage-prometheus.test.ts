import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSelector } from '../../shared/promql-selector';
import { VantageConfig } from '../../shared/vantage';
import { createPromClient, PromError } from '../../electron/core/vantage/prometheus';
import { chooseStep, MAX_POINTS_PER_SERIES, splitRange } from '../../electron/core/vantage/step';
import { countQuery, decodeMatrix, phaseQuery, rangeQuery, TAG } from '../../electron/core/vantage/query';

// A loopback HTTP server that answers as Prometheus' API does, one behaviour per path prefix, so the
// client's handling of each way a real one goes wrong is exercised over a real socket.
let server: Server;
let base = '';
const seen: { path: string; body: string; auth: string | undefined }[] = [];

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push({ path: url, body, auth: req.headers.authorization });
      const q = new URLSearchParams(body);
      if (url.startsWith('/ok/')) {
        return json(res, 200, {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { [TAG]: '7:s', region: 'eu-west' },
                values: [
                  [1000, '1'],
                  [1030, '0'],
                  [1060, 'NaN'],
                ],
              },
              {
                metric: { [TAG]: '7:d', region: 'eu-west' },
                values: [
                  [1000, '0.0123'],
                  [1030, '+Inf'],
                ],
              },
              { metric: { [TAG]: '7:s', region: 'us-east' }, values: [[1000, '1']] },
            ],
          },
          ...(url.startsWith('/ok/warn') ? { warnings: ['remote store eu unavailable: data may be partial'] } : {}),
          echo: { start: q.get('start'), end: q.get('end'), step: q.get('step') },
        });
      }
      if (url.startsWith('/baddata/'))
        return json(res, 400, {
          status: 'error',
          errorType: 'bad_data',
          error: 'invalid parameter "query": 1:15: parse error: unexpected "}"',
        });
      if (url.startsWith('/toomany/'))
        return json(res, 422, {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory',
        });
      if (url.startsWith('/html/')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<!DOCTYPE html><html><body>Sign in</body></html>');
      }
      if (url.startsWith('/slow/'))
        return void setTimeout(
          () => json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } }),
          3000,
        );
      if (url.startsWith('/huge/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = '{"metric":{"a":"' + 'x'.repeat(60_000) + '"},"values":[]},';
        res.write('{"status":"success","data":{"resultType":"matrix","result":[');
        let n = 0;
        const more = () => {
          while (n < 200) {
            n++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end('{}]}}');
        };
        res.on('close', () => (n = 1e9));
        return more();
      }
      if (url.startsWith('/unauth/'))
        return void (res.writeHead(401, { 'content-type': 'text/plain' }), res.end('Unauthorized'));
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function failure(p: Promise<unknown>): Promise<PromError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PromError);
    return err as PromError;
  }
  throw new Error('expected the query to fail');
}

describe('step from the range', () => {
  it('keeps every series under 11,000 points and never below the floor', () => {
    const day = chooseStep(0, 86_400_000, 30);
    expect(day.stepSec).toBe(30);
    const year = chooseStep(1_700_000_000_000, 1_700_000_000_000 + 365 * 86_400_000, 15);
    expect((year.endSec - year.startSec) / year.stepSec + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(year.stepSec).toBeGreaterThan(15);
  });
  it('puts start and end on multiples of the step, so two reads see the same samples', () => {
    const a = chooseStep(1_700_000_012_345, 1_700_003_600_999, 30);
    const b = chooseStep(1_700_000_029_000, 1_700_003_611_000, 30);
    for (const w of [a, b]) {
      expect(w.startSec % w.stepSec).toBe(0);
      expect(w.endSec % w.stepSec).toBe(0);
    }
    expect(a.startSec).toBe(b.startSec);
  });
  it('splits a backfill into pieces that tile it without overlap', () => {
    const w = chooseStep(0, 86_400_000, 30);
    const pieces = splitRange(w, 120);
    expect(pieces[0]!.startSec).toBe(w.startSec);
    expect(pieces.at(-1)!.endSec).toBe(w.endSec);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.startSec).toBe(pieces[i - 1]!.endSec + w.stepSec);
    expect(pieces.every((p) => (p.endSec - p.startSec) / p.stepSec + 1 <= 120)).toBe(true);
  });
});

describe('selectors', () => {
  it('accepts a series selector and rejects anything else with the column', () => {
    const ok = parseSelector(
      'probe_success{job="blackbox", instance="https://stream.example/live/master.m3u8", region=~"eu-.*"}',
    );
    expect(ok).toMatchObject({ ok: true, metric: 'probe_success' });
    if (ok.ok) expect(ok.matchers).toHaveLength(3);
    expect(parseSelector('{job="blackbox"}').ok).toBe(true);
    const bad = parseSelector('probe_success{job="blackbox"');
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.message).toMatch(/column \d+: missing }/);
    expect(parseSelector('sum(probe_success)')).toMatchObject({ ok: false });
    expect(parseSelector('probe_success{job="a"} or up')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unexpected text after }/),
    });
    expect(parseSelector('{job=""}')).toMatchObject({ ok: false, message: expect.stringMatching(/non-empty/) });
    expect(parseSelector('{job=~"("}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/regular expression of job/),
    });
  });
  it('is checked by the monitor schema, so the form shows it at the field', () => {
    const r = VantageConfig.safeParse({ selector: 'probe_success{' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['selector']);
  });
  it('builds one query for every monitor, values re-quoted so one cannot break out of its matcher', () => {
    const p = parseSelector('{instance="a\\"b", job="bb"}');
    if (!p.ok) throw new Error(p.message);
    const q = rangeQuery(
      [
        { monitorId: 3, matchers: p.matchers, regionLabel: 'region' },
        { monitorId: 4, matchers: p.matchers, regionLabel: 'region' },
      ],
      90,
    );
    expect(q.match(/label_replace/g)).toHaveLength(4);
    expect(q).toContain('probe_success{instance="a\\"b",job="bb"}');
    expect(q).toContain('timestamp(');
    expect(countQuery([{ monitorId: 3, matchers: p.matchers, regionLabel: 'region' }])).toMatch(
      /^count by \(lookout_q\)/,
    );
  });

  it("reads the HTTP phases of every monitor in one more query, grouped by each one's region label and phase", () => {
    const p = parseSelector('{instance="a\\"b"}');
    if (!p.ok) throw new Error(p.message);
    const q = phaseQuery([
      { monitorId: 3, matchers: p.matchers, regionLabel: 'region' },
      { monitorId: 4, matchers: p.matchers, regionLabel: 'dc' },
    ]);
    expect(q).toBe(
      'label_replace(max by (region, phase) (probe_http_duration_seconds{instance="a\\"b"}), "lookout_q", "3:p", "", "") or ' +
        'label_replace(max by (dc, phase) (probe_http_duration_seconds{instance="a\\"b"}), "lookout_q", "4:p", "", "")',
    );
  });
});

describe('client against a loopback Prometheus API', () => {
  const targets = new Map([[7, { monitorId: 7, matchers: [], regionLabel: 'region' }]]);

  it('posts query_range with the aligned window and reads values sent as strings', async () => {
    const c = createPromClient({ baseUrl: `${base}/ok/`, timeoutMs: 2000, auth: { kind: 'bearer', token: 's3cret' } });
    const w = chooseStep(1_000_000, 1_060_000, 30);
    const a = await c.queryRange('up', w);
    expect(a.warnings).toEqual([]);
    const last = seen.at(-1)!;
    expect(last.path).toBe('/ok/api/v1/query_range');
    expect(last.auth).toBe('Bearer s3cret');
    expect(new URLSearchParams(last.body).get('step')).toBe('30');
    const { points, seen: names } = decodeMatrix(a.data, targets, 10);
    const eu = points.get(7)!.get('eu-west')!;
    // NaN is no sample (unknown), not down; +Inf is no duration.
    expect(eu).toEqual([
      { ts: 1_000_000, up: true, latencyMs: 12.3 },
      { ts: 1_030_000, up: false, latencyMs: null },
    ]);
    expect([...names.get(7)!]).toEqual(['eu-west', 'us-east']);
    await c.close();
  });
  it('reports warnings as partial data', async () => {
    const c = createPromClient({ baseUrl: `${base}/ok/warn`, timeoutMs: 2000 });
    const a = await c.queryRange('up', chooseStep(0, 60_000, 30));
    expect(a.warnings).toEqual(['remote store eu unavailable: data may be partial']);
    await c.close();
  });
  it('turns error bodies into the code and Prometheus sentence', async () => {
    const c = createPromClient({ baseUrl: `${base}/baddata`, timeoutMs: 2000 });
    const e = await failure(c.query('probe_success{'));
    expect(e.code).toBe('prom_bad_data');
    expect(e.message).toMatch(/parse error/);
    const c2 = createPromClient({ baseUrl: `${base}/toomany`, timeoutMs: 2000 });
    expect((await failure(c2.query('x'))).message).toMatch(/too many samples/);
    await Promise.all([c.close(), c2.close()]);
  });
  it('names an HTML page, a refusal, a slow answer and an unreachable Prometheus', async () => {
    const html = createPromClient({ baseUrl: `${base}/html`, timeoutMs: 2000 });
    expect(await failure(html.query('up'))).toMatchObject({
      code: 'prom_not_api',
      message: expect.stringMatching(/HTML page/),
    });
    const unauth = createPromClient({ baseUrl: `${base}/unauth`, timeoutMs: 2000 });
    expect(await failure(unauth.query('up'))).toMatchObject({
      code: 'prom_http',
      message: expect.stringMatching(/401/),
    });
    const slow = createPromClient({ baseUrl: `${base}/slow`, timeoutMs: 300 });
    expect(await failure(slow.query('up'))).toMatchObject({ code: 'prom_timeout' });
    const gone = createPromClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 });
    expect(await failure(gone.query('up'))).toMatchObject({ code: 'prom_unreachable' });
    await Promise.all([html.close(), unauth.close(), slow.close(), gone.close()]);
  });
  it('stops reading a huge answer at the bound instead of holding it', async () => {
    const c = createPromClient({ baseUrl: `${base}/huge`, timeoutMs: 5000, maxBytes: 2 * 1024 * 1024 });
    const e = await failure(c.queryRange('up', chooseStep(0, 60_000, 30)));
    expect(e.code).toBe('prom_too_large');
    expect(e.message).toMatch(/more than 2 MiB/);
    await c.close();
  });
  it('caps the vantages one monitor may have', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      metric: { [TAG]: '7:s', region: `r${i}` },
      values: [[1, '1']] as [number, string][],
    }));
    const { points, overflow } = decodeMatrix(many, targets, 20);
    expect(points.get(7)!.size).toBe(20);
    expect(overflow.has(7)).toBe(true);
  });
});
