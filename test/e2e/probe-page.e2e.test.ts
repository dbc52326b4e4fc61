import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PageLoader } from '../../electron/core/probes/context';
import { probePage } from '../../electron/core/probes/page/probe';
import { createPlaywrightPageLoader, findChromium } from '../../electron/core/probes/page/playwright';
import { PageConfig, type PageConfigInput } from '../../shared/probes/page';
import type { ProbeOutcome } from '../../shared/result';
import { startHostile, type Hostile, type HostileBehaviour } from '../support/hostile';

const PAGE = '<!doctype html><title>t</title><h1 style="font-size:64px">Live now</h1><p>Streams and submissions.</p>';

let loader: PageLoader;
let base: string;
let hostile: Hostile;
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/broken') {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<h1>Internal error</h1>');
    return;
  }
  if (url.pathname === '/slow-image') {
    // The document is quick; its one image holds the load event back.
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`${PAGE}<img src="/image?delay=${url.searchParams.get('delay')}">`);
    return;
  }
  if (url.pathname === '/image') {
    setTimeout(
      () => {
        res.writeHead(200, { 'content-type': 'image/svg+xml' });
        res.end('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
      },
      Number(url.searchParams.get('delay')),
    );
    return;
  }
  if (url.pathname === '/never') return; // accepts, never answers
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(PAGE);
});
const sockets = new Set<net.Socket>();
server.on('connection', (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});

beforeAll(async () => {
  expect(findChromium(), 'this test needs a Chromium: set LOOKOUT_CHROMIUM').not.toBeNull();
  loader = createPlaywrightPageLoader();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hostile = await startHostile({ slowlorisByteMs: 200 });
});

afterEach(() => {
  // Requests the browser left hanging (the never-answering page) must not outlive their test.
  for (const s of sockets) s.destroy();
});

afterAll(async () => {
  await loader.close();
  await hostile.close();
  await new Promise<void>((r) => server.close(() => r()));
});

function probe(
  input: PageConfigInput,
  ctx: { pageLoader?: PageLoader; signal?: AbortSignal } = {},
): Promise<ProbeOutcome> {
  return probePage(PageConfig.parse(input), {
    signal: ctx.signal ?? new AbortController().signal,
    pageLoader: 'pageLoader' in ctx ? ctx.pageLoader : loader,
  });
}

describe('probePage in a real headless Chromium', () => {
  it('is up for a fast page and records TTFB, DOMContentLoaded, load and LCP', async () => {
    const out = await probe({ url: `${base}/` });
    expect(out.status).toBe('up');
    expect(out.errorCode).toBeUndefined();
    const d = out.details!;
    expect(d.httpStatus).toBe(200);
    expect(d.finalUrl).toBe(`${base}/`);
    for (const k of ['ttfbMs', 'domContentLoadedMs', 'loadMs']) expect(d[k], k).toBeTypeOf('number');
    expect(d.ttfbMs as number).toBeLessThanOrEqual(d.domContentLoadedMs as number);
    expect(d.domContentLoadedMs as number).toBeLessThanOrEqual(d.loadMs as number);
    expect(d.lcpMs).toBeTypeOf('number');
    expect(out.latencyMs).toBe(d.loadMs);
    expect(out.phases?.ttfb).toBe(d.ttfbMs);
  });

  it('is degraded with slow when the load event comes after the threshold', async () => {
    const out = await probe({ url: `${base}/slow-image?delay=600`, degradedAboveMs: 300 });
    expect([out.status, out.errorCode]).toEqual(['degraded', 'slow']);
    expect(out.latencyMs!).toBeGreaterThan(300);
    expect(out.message).toMatch(/^127\.0\.0\.1:\d+ loaded in \d+ ms, above the 300 ms target$/);
  });

  it('is down with http_status for a 500 page', async () => {
    const out = await probe({ url: `${base}/broken` });
    expect([out.status, out.errorCode]).toEqual(['down', 'http_status']);
    expect(out.message).toBe(`HTTP 500 from ${new URL(base).host}`);
    expect(out.details?.httpStatus).toBe(500);
  });

  it('is down with conn_refused when the site is unreachable', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const out = await probe({ url: `http://127.0.0.1:${port}/` });
    expect([out.status, out.errorCode]).toEqual(['down', 'conn_refused']);
    expect(out.message).toBe(`Connection refused by 127.0.0.1:${port}`);
  });

  it('is down with timeout, within its deadline, when the server never answers', async () => {
    const t0 = performance.now();
    const out = await probe({ url: `${base}/never`, timeoutMs: 1000 });
    expect(performance.now() - t0).toBeLessThan(1000 + 2000);
    expect([out.status, out.errorCode]).toEqual(['down', 'timeout']);
    expect(out.message).toContain('did not finish loading within 1 s');
  });

  it('is unknown with browser_unavailable, saying why, when there is no browser', async () => {
    const none = await probe({ url: `${base}/` }, { pageLoader: undefined });
    expect([none.status, none.errorCode]).toEqual(['unknown', 'browser_unavailable']);
    expect(none.message).toBe('No browser is available to load pages in this mode');

    const missing = createPlaywrightPageLoader({ executablePath: '/nonexistent/chromium' });
    try {
      const out = await probe({ url: `${base}/` }, { pageLoader: missing });
      expect([out.status, out.errorCode]).toEqual(['unknown', 'browser_unavailable']);
      expect(out.message).toContain('/nonexistent/chromium');
      expect(out.message).not.toMatch(/[\r\n]/);
    } finally {
      await missing.close();
    }
  });

  const HOSTILE: [HostileBehaviour, string, RegExp][] = [
    ['huge', 'timeout', /did not finish loading within 1 s$/],
    ['endless', 'timeout', /did not finish loading within 1 s$/],
    ['slowloris', 'timeout', /did not finish loading within 1 s$/],
    ['hang', 'timeout', /did not finish loading within 1 s$/],
    ['garbage', 'bad_response', /sent something that is not valid HTTP$/],
    ['gzip-bomb', 'page_failed', /answered with a file download, not a page$/],
    ['redirect-loop', 'redirect_loop', /redirects in a loop$/],
    ['redirect-scheme', 'redirect_scheme', /redirected to a scheme other than http or https$/],
    ['redirect-metadata', 'redirect_blocked', /link-local address \(cloud metadata\)/],
  ];
  it.each(HOSTILE)(
    'against a hostile target (%s) ends within its deadline, down with %s',
    async (behaviour, code, message) => {
      // Targets that never finish get a 1 s deadline; the others end on their own, given room to.
      const timeoutMs = code === 'timeout' ? 1000 : 5000;
      const t0 = performance.now();
      const out = await probe({ url: hostile.url(behaviour), timeoutMs });
      expect(performance.now() - t0).toBeLessThan(timeoutMs + 1000);
      expect([out.status, out.errorCode]).toEqual(['down', code]);
      expect(out.message).toMatch(message);
    },
  );

  it('lets LOOKOUT_CHROMIUM choose the browser over the usual paths', () => {
    expect(findChromium({ LOOKOUT_CHROMIUM: '/opt/custom/chrome' })).toBe('/opt/custom/chrome');
  });
});
