import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { HttpConfig, type HttpConfigInput } from '../../shared/probes/http';
import type { ProbeOutcome } from '../../shared/result';
import { startHostile, type Hostile, type HostileBehaviour } from '../support/hostile';

// Every hostile target must end the probe within its timeout plus a small margin (1 s), with a
// clear code and message: that bound is behaviour the scheduler relies on, not a speed figure.
const MARGIN_MS = 1000;

let hostile: Hostile;
beforeAll(async () => {
  hostile = await startHostile({ slowlorisByteMs: 200, dripMs: 50 });
});
afterAll(() => hostile.close());
beforeEach(() => {
  hostile.captured.base.length = 0;
  hostile.captured.other.length = 0;
});

async function probe(
  behaviour: HostileBehaviour,
  over: Partial<HttpConfigInput> = {},
): Promise<{ out: ProbeOutcome; ms: number; timeoutMs: number }> {
  const cfg = HttpConfig.parse({ url: hostile.url(behaviour), timeoutMs: 3000, ...over });
  const t0 = performance.now();
  const out = await probeHttp(cfg, { signal: new AbortController().signal });
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(cfg.timeoutMs + MARGIN_MS);
  return { out, ms, timeoutMs: cfg.timeoutMs };
}

function expectReadable(message: string | undefined, ...mentions: string[]): void {
  expect(message).toBeTypeOf('string');
  expect(message!).not.toMatch(/[\r\n]|\[object |undefined|NaN/);
  expect(message!.length).toBeLessThanOrEqual(300);
  for (const s of mentions) expect(message).toContain(s);
}

const host = (): string => new URL(hostile.base).host;

describe('probeHttp against hostile targets', () => {
  it('stops a 1 GiB chunked body at the 1 MiB cap with body_too_large', async () => {
    const { out } = await probe('huge');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('body_too_large');
    expectReadable(out.message, 'larger than 1 MiB', host());
  });

  it('refuses a declared 1 GiB body before reading it', async () => {
    const { out } = await probe('huge-declared');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('body_too_large');
    expectReadable(out.message, 'is 1 GiB, larger than 1 MiB', host());
  });

  it('stops a gzip bomb at the decompressed cap although few bytes were read', async () => {
    const { out } = await probe('gzip-bomb', { maxDecodedBytes: 3 * 1024 * 1024 });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('body_too_large');
    expectReadable(out.message, 'Decompressed', '3 MiB', host());
  });

  it('times out an endless chunked response within the deadline', async () => {
    const { out, ms, timeoutMs } = await probe('endless', { timeoutMs: 800 });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('timeout');
    expectReadable(out.message, 'body', host(), '800 ms');
    expect(ms).toBeGreaterThanOrEqual(timeoutMs - 100);
  });

  it('times out a server that sends its headers one byte at a time (slowloris)', async () => {
    const { out, ms, timeoutMs } = await probe('slowloris', { timeoutMs: 1000 });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('timeout');
    expectReadable(out.message, 'No response headers', host(), '1 s');
    expect(ms).toBeGreaterThanOrEqual(timeoutMs - 100);
  });

  it('times out a server that accepts and never answers', async () => {
    const { out } = await probe('hang', { timeoutMs: 600 });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('timeout');
    expectReadable(out.message, host(), '600 ms');
  });

  it('reports garbage instead of HTTP as bad_response', async () => {
    const { out } = await probe('garbage');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('bad_response');
    expectReadable(out.message, host(), 'not valid HTTP');
  });

  it('detects a redirect loop', async () => {
    const { out } = await probe('redirect-loop');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('redirect_loop');
    expectReadable(out.message, '/redirect-loop');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const { out } = await probe('redirect-scheme');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('redirect_scheme');
    expectReadable(out.message, 'file:', host());
  });

  it('refuses a redirect to the link-local metadata address without connecting', async () => {
    const { out } = await probe('redirect-metadata');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('redirect_blocked');
    expectReadable(out.message, '169.254.169.254');
  });

  it('drops Authorization, Cookie and secret headers on a cross-origin redirect, keeps the rest', async () => {
    const { out } = await probe('cross-origin-redirect', {
      headers: { Authorization: 'Bearer s3cret', Cookie: 'session=abc', 'X-Api-Key': 'k-123', 'X-Trace': 'trace-1' },
      secretHeaders: ['X-Api-Key'],
    });
    expect(out.status).toBe('up');
    expect(out.details?.redirects).toBe(1);
    expect(hostile.captured.other).toHaveLength(1);
    const got = hostile.captured.other[0]!.headers;
    expect(got.authorization).toBeUndefined();
    expect(got.cookie).toBeUndefined();
    expect(got['x-api-key']).toBeUndefined();
    expect(got['x-trace']).toBe('trace-1');
  });

  it('keeps credentials on a same-origin redirect', async () => {
    const { out } = await probe('same-origin-redirect', {
      headers: { Authorization: 'Bearer s3cret', 'X-Api-Key': 'k-123' },
      secretHeaders: ['x-api-key'],
    });
    expect(out.status).toBe('up');
    const got = hostile.captured.base[0]!.headers;
    expect(got.authorization).toBe('Bearer s3cret');
    expect(got['x-api-key']).toBe('k-123');
  });

  it('refuses more than two stacked content-encodings', async () => {
    const { out } = await probe('stacked-encodings');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('decompression');
    expectReadable(out.message, '3 stacked', host());
  });

  it('reports a body that claims gzip but is not as decompression', async () => {
    const { out } = await probe('corrupt-gzip');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('decompression');
    expectReadable(out.message, 'corrupt', host());
  });

  it('keeps its own cancellation apart from the target: unknown/cancelled while a slowloris drips', async () => {
    const ac = new AbortController();
    const cfg = HttpConfig.parse({ url: hostile.url('slowloris'), timeoutMs: 10_000 });
    const running = probeHttp(cfg, { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const out = await running;
    expect(out.status).toBe('unknown');
    expect(out.errorCode).toBe('cancelled');
  });
});
