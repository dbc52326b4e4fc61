import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, Output } from '../../shared/api';
import { startCore, type Core } from '../../electron/core/app';

/** `demo.fault` through the real dispatcher, against the real demo platform the core starts on loopback. */
let dir: string;
let core: Core;
let urls: { web: string; submit: string; token: string; hls: string };

async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.code} ${out.error.message}`);
  return out.result as Output<K>;
}

async function submitStatus(): Promise<number> {
  const { token } = (await (await fetch(urls.token)).json()) as { token: string };
  const res = await fetch(urls.submit, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{"task":"t"}',
  });
  const body = await res.text();
  if (res.status !== 202) return res.status;
  const { id } = JSON.parse(body) as { id: string };
  // Visible after acceptance unless the platform drops it: 404 then.
  await new Promise((r) => setTimeout(r, 300));
  return (await fetch(`${urls.submit}/${id}`)).status === 200 ? 202 : 404;
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch (err) {
    return /ECONNREFUSED/.test(String((err as { cause?: unknown }).cause ?? err));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-demo-faults-'));
  core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
  await call('demo.load', {});
  // Paused so the demo monitors do not probe while this test pokes the platform.
  await call('monitors.pauseAll', {});
  const monitors = await call('monitors.list', {});
  const web = monitors.find((m) => m.kind === 'http' && m.name.startsWith('Web'))!;
  const sub = monitors.find((m) => m.kind === 'submit')!;
  const hls = monitors.find((m) => m.kind === 'hls')!;
  if (web.kind !== 'http' || sub.kind !== 'submit' || hls.kind !== 'hls') throw new Error('demo workspace changed');
  urls = {
    web: web.config.url,
    token: sub.config.steps[0]!.url,
    submit: sub.config.steps[1]!.url,
    hls: hls.config.url,
  };
});
// Each test starts from a platform without faults, even when the one before it failed half-way.
afterEach(async () => {
  await call('demo.fault', { clear: true });
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo.fault: the demo platform acts out an outage on request', () => {
  it('starts with no fault and reports that the platform runs', async () => {
    expect(await call('demo.faults', {})).toEqual({ running: true, active: [] });
    expect(await submitStatus()).toBe(202);
  });

  it('makes submissions fail with 500, then accepted-but-never-visible, and clears one without the other', async () => {
    await call('demo.fault', { fault: 'submissionsFail' });
    expect(await submitStatus()).toBe(500);
    const both = await call('demo.fault', { fault: 'submissionsVanish', on: true });
    expect(both.active).toEqual(['submissionsFail', 'submissionsVanish']);
    await call('demo.fault', { fault: 'submissionsFail', on: false });
    expect(await submitStatus()).toBe(404);
    await call('demo.fault', { clear: true });
    expect(await submitStatus()).toBe(202);
  });

  it('slows the web page past 3 s while the health document stays quick', async () => {
    await call('demo.fault', { fault: 'slowWebPage' });
    let t = performance.now();
    await (await fetch(urls.web)).text();
    expect(performance.now() - t).toBeGreaterThan(3000);
    t = performance.now();
    await (await fetch(urls.web.replace(/\/$/, '/health'))).text();
    expect(performance.now() - t).toBeLessThan(1000);
    await call('demo.fault', { clear: true });
  });

  it('stalls the live stream: the media sequence stops moving', async () => {
    const seq = async () => {
      const master = await (await fetch(urls.hls)).text();
      const media = new URL(
        master.split('\n').find((l) => l.endsWith('.m3u8'))!,
        urls.hls,
      ).href;
      return Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(await (await fetch(media)).text())![1]);
    };
    await call('demo.fault', { fault: 'stallStream' });
    const first = await seq();
    await new Promise((r) => setTimeout(r, 2300));
    expect(await seq()).toBe(first);
    await call('demo.fault', { clear: true });
    await new Promise((r) => setTimeout(r, 2300));
    expect(await seq()).toBeGreaterThan(first);
  });

  it('slows the stream’s segments past their 2 s duration', async () => {
    const master = await (await fetch(urls.hls)).text();
    const media = new URL(
      master.split('\n').find((l) => l.endsWith('.m3u8'))!,
      urls.hls,
    ).href;
    const segment = async () => {
      const playlist = await (await fetch(media)).text();
      const uri = playlist
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .pop()!;
      const t = performance.now();
      await (await fetch(new URL(uri, media))).arrayBuffer();
      return performance.now() - t;
    };
    await call('demo.fault', { fault: 'slowSegments' });
    expect(await segment()).toBeGreaterThan(2000);
    await call('demo.fault', { clear: true });
    expect(await segment()).toBeLessThan(1000);
  });

  it('refuses connections on every port, and listens again when cleared', async () => {
    await call('demo.fault', { fault: 'refuseConnections' });
    expect(await refused(urls.web)).toBe(true);
    expect(await refused(urls.token)).toBe(true);
    expect(await refused(urls.hls)).toBe(true);
    await call('demo.fault', { clear: true });
    await expect.poll(async () => (await fetch(urls.web)).status, { timeout: 5000 }).toBe(200);
  });

  it('refuses an unknown fault with a sentence, and says when the platform is not running', async () => {
    const bad = await core.dispatch('demo.fault', { fault: 'meteor' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const other = await startCore({ dbPath: join(dir, 'other.db'), mode: 'serve', version: 'test' });
    try {
      expect(await other.dispatch('demo.faults', {})).toMatchObject({
        ok: true,
        result: { running: false, active: [] },
      });
      const out = await other.dispatch('demo.fault', { fault: 'stallStream' });
      expect(out).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringContaining('load the demo workspace') },
      });
    } finally {
      await other.close();
    }
  });
});
