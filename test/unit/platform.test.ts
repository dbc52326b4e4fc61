import { afterEach, describe, expect, it } from 'vitest';
import { startPlatform } from '../../electron/core/demo/platform';
import type { Platform } from '../../electron/core/demo/platform';
import { HUGE_PLAYLIST_LINES } from '../../electron/core/demo/hls';
import { demoMonitors } from '../../electron/core/demo/workspace';
import { runProbe } from '../../electron/core/probes/registry';
import { MonitorDraft } from '../../shared/monitor';
import { createServer } from 'node:net';
import { createDemoController } from '../../electron/core/demo/controller';
import { openStore } from '../../electron/core/store';
import { tempDir } from './store-helpers';

let platform: Platform | undefined;

async function start(opts?: Parameters<typeof startPlatform>[0]): Promise<Platform> {
  platform = await startPlatform(opts);
  return platform;
}

afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

/** A settable clock, so tests move the live stream forward without sleeping. */
function fakeClock(start = Date.UTC(2025, 0, 1, 12)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

async function mediaSequence(url: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const m = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text);
  if (!m?.[1]) throw new Error(`no media sequence in:\n${text}`);
  return Number(m[1]);
}

async function submit(p: Platform, token: string, body: string): Promise<Response> {
  return fetch(p.urls.submit, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

async function token(p: Platform): Promise<string> {
  const { token } = (await (await fetch(p.urls.token)).json()) as { token: string };
  return token;
}

describe('demo platform: web', () => {
  it('serves the home page and a health document', async () => {
    const p = await start();
    const page = await fetch(p.urls.web);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>Demo platform</title>');

    const health = await fetch(p.urls.health);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, queue: { depth: 0 } });

    expect((await fetch(`http://127.0.0.1:${p.ports.web}/nope`)).status).toBe(404);
  });

  it('gives every target its own port on loopback', async () => {
    const p = await start();
    expect(p.host).toBe('127.0.0.1');
    expect(new Set(Object.values(p.ports)).size).toBe(3);
    expect(p.urls.web).toBe(`http://127.0.0.1:${p.ports.web}/`);
  });

  it('hugeBody streams far more than a probe should ever read', async () => {
    const p = await start();
    p.setFault('web', { hugeBody: true });
    const ac = new AbortController();
    const res = await fetch(p.urls.web, { signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let read = 0;
    while (read <= 5 * 1024 * 1024) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
    }
    ac.abort();
    expect(read).toBeGreaterThan(5 * 1024 * 1024);
    // Health is not affected by a fault meant for the page.
    expect((await fetch(p.urls.health)).status).toBe(200);
  });
});

describe('demo platform: task submissions', () => {
  it('token, submit, then the submission becomes visible', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    const res = await submit(p, await token(p), JSON.stringify({ task: 'render', n: 1 }));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(id).toBeTruthy();

    expect((await fetch(p.urls.confirm(id))).status).toBe(404);
    expect(await (await fetch(p.urls.health)).json()).toEqual({ ok: true, queue: { depth: 1 } });

    clock.advance(60);
    const confirm = await fetch(p.urls.confirm(id));
    expect(confirm.status).toBe(200);
    expect(await confirm.json()).toEqual({ id, status: 'visible' });
    expect(await (await fetch(p.urls.health)).json()).toEqual({ ok: true, queue: { depth: 0 } });
  });

  it('rejects unknown tokens, malformed and oversized bodies', async () => {
    const p = await start();
    expect((await submit(p, 'not-a-token', '{}')).status).toBe(401);
    const noAuth = await fetch(p.urls.submit, { method: 'POST', body: '{}' });
    expect(noAuth.status).toBe(401);

    const t = await token(p);
    expect((await submit(p, t, '{"task":')).status).toBe(400);
    expect((await submit(p, t, '')).status).toBe(400);
    expect((await submit(p, t, JSON.stringify({ blob: 'x'.repeat(70 * 1024) }))).status).toBe(413);
    // The token still works after the rejections.
    expect((await submit(p, t, '{"ok":1}')).status).toBe(202);
  });

  it('dropSubmissions accepts the POST but the submission never shows up', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    p.setFault('api', { dropSubmissions: true });
    const res = await submit(p, await token(p), '{"task":"lost"}');
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    clock.advance(60_000);
    expect((await fetch(p.urls.confirm(id))).status).toBe(404);
    p.clearFaults('api');
    expect((await fetch(p.urls.confirm(id))).status).toBe(404);
    expect(await (await fetch(p.urls.health)).json()).toEqual({ ok: true, queue: { depth: 1 } });
  });
});

describe('demo platform: live stream', () => {
  it('master playlist lists both variants', async () => {
    const p = await start();
    const res = await fetch(p.urls.hlsMaster);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await res.text();
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
    expect(text.match(/#EXT-X-STREAM-INF:.*BANDWIDTH=\d+.*RESOLUTION=\d+x\d+.*CODECS="/g)).toHaveLength(2);
    expect(text).toContain('\nlow/index.m3u8\n');
    expect(text).toContain('\nhigh/index.m3u8\n');
    for (const variant of ['low', 'high']) expect((await fetch(p.urls.hlsMedia(variant))).status).toBe(200);
    expect((await fetch(p.urls.hlsMedia('ultra'))).status).toBe(404);
  });

  it('media playlist is live and its sequence advances with the clock', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    const text = await (await fetch(p.urls.hlsMedia('high'))).text();
    expect(text).not.toContain('#EXT-X-ENDLIST');
    expect(text).toContain('#EXT-X-VERSION:3\n');
    expect(text).toContain('#EXT-X-TARGETDURATION:2\n');
    expect(text).toMatch(/#EXT-X-PROGRAM-DATE-TIME:\d{4}-\d\d-\d\dT[\d:.]+Z\n#EXTINF:2\.000,\nseg-0\.ts/);
    expect(text.match(/#EXTINF:2\.000,/g)).toHaveLength(5);
    expect(await mediaSequence(p.urls.hlsMedia('high'))).toBe(0);

    clock.advance(2000 * 3 + 500);
    expect(await mediaSequence(p.urls.hlsMedia('high'))).toBe(3);
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(3);
  });

  it('stallPlaylist freezes the sequence where it was; clearing jumps back to live', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    clock.advance(4000);
    p.setFault('hls', { stallPlaylist: true });
    clock.advance(20_000);
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(2);
    // Re-applying a stalling fault keeps the original freeze point.
    p.setFault('hls', { stallPlaylist: true, latencyMs: 1 });
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(2);
    p.clearFaults();
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(12);
  });

  it('segments download as MPEG-TS packets; segments far outside the window are 404', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    clock.advance(20_000);
    const seq = await mediaSequence(p.urls.hlsMedia('low'));
    const base = p.urls.hlsMedia('low').replace(/index\.m3u8$/, '');
    const res = await fetch(`${base}seg-${seq + 4}.ts`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.length % 188).toBe(0);
    for (let i = 0; i < bytes.length; i += 188) expect(bytes[i]).toBe(0x47);

    const high = new Uint8Array(await (await fetch(`${base.replace('/low/', '/high/')}seg-${seq}.ts`)).arrayBuffer());
    expect(high.length).toBeGreaterThan(bytes.length);

    expect((await fetch(`${base}seg-${seq + 5}.ts`)).status).toBe(404);
    expect((await fetch(`${base}seg-${seq + 1000}.ts`)).status).toBe(404);
    expect((await fetch(`${base}seg-0.ts`)).status).toBe(404);
  });

  it('slowSegmentMs drips a segment over at least that long', async () => {
    const p = await start();
    p.setFault('hls', { slowSegmentMs: 400 });
    const url = p.urls
      .hlsMedia('high')
      .replace(/index\.m3u8$/, `seg-${await mediaSequence(p.urls.hlsMedia('high'))}.ts`);
    const t0 = performance.now();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400);
    expect(bytes[0]).toBe(0x47);
    expect(bytes.length).toBe(Number(res.headers.get('content-length')));
    // Playlists are not slowed, only segments.
    const t1 = performance.now();
    await (await fetch(p.urls.hlsMedia('high'))).text();
    expect(performance.now() - t1).toBeLessThan(200);
  });
});

describe('demo platform: hostile live-stream faults', () => {
  it('hugePlaylist streams a well-formed playlist of 100,000 lines', async () => {
    const p = await start();
    p.setFault('hls', { hugePlaylist: true });
    const res = await fetch(p.urls.hlsMedia('low'));
    expect(res.status).toBe(200);
    const text = await res.text();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(HUGE_PLAYLIST_LINES);
    expect(lines[0]).toBe('#EXTM3U');
    expect(lines.at(-1)).toMatch(/^seg-\d+\.ts$/);
    // The master is unaffected.
    expect((await (await fetch(p.urls.hlsMaster)).text()).split('\n').length).toBeLessThan(10);
  });

  it('selfReference makes the master list itself as a variant', async () => {
    const p = await start();
    p.setFault('hls', { selfReference: true });
    const text = await (await fetch(p.urls.hlsMaster)).text();
    expect(text).toContain('\nmaster.m3u8\n');
    expect(text).toContain('\nlow/index.m3u8\n');
  });

  it('malformedPlaylist answers 200 with an HTML error page instead of a playlist', async () => {
    const p = await start();
    p.setFault('hls', { malformedPlaylist: true });
    const res = await fetch(p.urls.hlsMedia('high'));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^<html>/);
  });

  it('discontinuitySequence sets the playlist tag; sequenceReset restarts numbering once', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    p.setFault('hls', { discontinuitySequence: 4 });
    expect(await (await fetch(p.urls.hlsMedia('low'))).text()).toContain('\n#EXT-X-DISCONTINUITY-SEQUENCE:4\n');

    clock.advance(2000 * 7);
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(7);
    p.setFault('hls', { sequenceReset: true });
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(0);
    clock.advance(2000 * 2);
    // Re-applying keeps the first restart point, and the stream keeps advancing from it.
    p.setFault('hls', { sequenceReset: true, latencyMs: 1 });
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(2);
    const base = p.urls.hlsMedia('low').replace(/index\.m3u8$/, '');
    expect((await fetch(`${base}seg-2.ts`)).status).toBe(200);
    p.clearFaults('hls');
    expect(await mediaSequence(p.urls.hlsMedia('low'))).toBe(9);
  });
});

describe('demo platform: submission faults', () => {
  it('submitStatus answers the POST with that status and accepts nothing; tokens still work', async () => {
    const p = await start();
    p.setFault('api', { submitStatus: 500 });
    const t = await token(p);
    expect((await submit(p, t, '{"task":"x"}')).status).toBe(500);
    expect(await (await fetch(p.urls.health)).json()).toEqual({ ok: true, queue: { depth: 0 } });
    p.clearFaults('api');
    expect((await submit(p, t, '{"task":"x"}')).status).toBe(202);
  });

  it('rejects a nonsense submitStatus or discontinuitySequence', async () => {
    const p = await start();
    expect(() => p.setFault('api', { submitStatus: 99 })).toThrow(RangeError);
    expect(() => p.setFault('hls', { discontinuitySequence: 1.5 })).toThrow(RangeError);
    expect(p.faults()).toEqual({ web: {}, api: {}, hls: {} });
  });
});

describe('demo platform: generic faults', () => {
  it('status answers every request of that target with the injected code', async () => {
    const p = await start();
    p.setFault('web', { status: 503 });
    expect(p.faults().web).toEqual({ status: 503 });
    expect((await fetch(p.urls.web)).status).toBe(503);
    expect((await fetch(p.urls.health)).status).toBe(503);
    // Other targets are untouched.
    expect((await fetch(p.urls.hlsMaster)).status).toBe(200);
    p.clearFaults('web');
    expect((await fetch(p.urls.health)).status).toBe(200);
  });

  it('latencyMs delays the answer by at least that long', async () => {
    const p = await start();
    p.setFault('api', { latencyMs: 250 });
    const t0 = performance.now();
    const res = await fetch(p.urls.token);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('refuse closes the port; clearing re-listens on the same port', async () => {
    const p = await start();
    const port = p.ports.hls;
    p.setFault('hls', { refuse: true });
    const err = await fetch(p.urls.hlsMaster).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorCode(err)).toBe('ECONNREFUSED');
    // Other targets keep answering.
    expect((await fetch(p.urls.health)).status).toBe(200);

    p.clearFaults('hls');
    expect(p.ports.hls).toBe(port);
    await p.listening('hls');
    expect((await fetch(p.urls.hlsMaster)).status).toBe(200);
  });

  it('survives refuse being flapped faster than the port can re-bind', async () => {
    const p = await start();
    for (let i = 0; i < 20; i++) {
      p.setFault('web', { refuse: true });
      p.clearFaults('web');
    }
    await p.listening('web');
    expect((await fetch(p.urls.health)).status).toBe(200);
    // A retry chain left armed by the flaps would keep close() from settling: the test times out then.
    await p.close();
    expect(
      await fetch(p.urls.health).then(
        () => 'answered',
        () => 'refused',
      ),
    ).toBe('refused');
  });

  it('startPlatform rejects when a requested port is taken, and leaves nothing listening', async () => {
    const p = await start();
    const err = await startPlatform({ ports: { api: p.ports.web } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorCode(err)).toBe('EADDRINUSE');
    // The first platform's page is still the one answering on that port.
    expect((await fetch(p.urls.web)).status).toBe(200);
  });

  it('hang never answers, and close() still resolves promptly', async () => {
    const p = await start();
    p.setFault('api', { hang: true });
    // Other targets keep answering meanwhile.
    expect((await fetch(p.urls.health)).status).toBe(200);
    // Leave one request hanging at close time, with its client still waiting (no client timeout:
    // if close() waited for it, neither would ever settle and the test would time out).
    const arrived = new Promise<void>((resolve) => p.onRequest((a) => a.path === '/api/token' && resolve()));
    const pending = fetch(p.urls.token).then(
      () => 'answered',
      () => 'failed',
    );
    await arrived;
    await p.close();
    expect(await pending).toBe('failed');
  });

  it('close() resolves promptly with a segment still dripping and a latency timer armed', async () => {
    const p = await start();
    // Both far beyond the test's timeout: a close() that waited for either would fail the test.
    p.setFault('hls', { slowSegmentMs: 60_000 });
    p.setFault('web', { latencyMs: 60_000 });
    const arrivals: string[] = [];
    const bothArrived = new Promise<void>((resolve) =>
      p.onRequest((a) => {
        arrivals.push(a.target);
        if (arrivals.includes('hls') && arrivals.includes('web')) resolve();
      }),
    );
    const seg = p.urls.hlsMedia('low').replace(/index\.m3u8$/, 'seg-0.ts');
    const dripping = fetch(seg)
      .then((r) => r.arrayBuffer())
      .then(
        () => 'done',
        () => 'failed',
      );
    const delayed = fetch(p.urls.web).then(
      () => 'done',
      () => 'failed',
    );
    await bothArrived;
    await p.close();
    expect(await dripping).toBe('failed');
    expect(await delayed).toBe('failed');
  });

  it('rejects nonsense faults instead of failing later inside a request', async () => {
    const p = await start();
    expect(() => p.setFault('web', { status: 42 })).toThrow(RangeError);
    expect(() => p.setFault('web', { latencyMs: -1 })).toThrow(RangeError);
    expect(p.faults()).toEqual({ web: {}, api: {}, hls: {} });
  });
});

describe('demo workspace', () => {
  it('has one valid monitor per critical path, of the kind an operator would use, all up', async () => {
    const p = await start();
    const drafts = demoMonitors(p).map((d) => MonitorDraft.parse(d));
    expect(drafts.map((d) => [d.group, d.kind])).toEqual([
      ['Live streaming', 'hls'],
      ['Task submissions', 'submit'],
      ['Web', 'http'],
      ['Infrastructure', 'http'],
    ]);
    const outcomes = await Promise.all(drafts.map((d) => runProbe(d, { signal: new AbortController().signal })));
    expect(outcomes.map((o) => [o.status, o.message])).toEqual(drafts.map(() => ['up', undefined]));
  });

  it('turns red where the platform breaks', async () => {
    const p = await start();
    const drafts = demoMonitors(p).map((d) => MonitorDraft.parse(d));
    p.setFault('api', { dropSubmissions: true });
    const submit = drafts.find((d) => d.kind === 'submit')!;
    if (submit.kind !== 'submit') throw new Error('no submit monitor');
    submit.config.steps.at(-1)!.poll = { timeoutMs: 200, intervalMs: 50 };
    const out = await runProbe(submit, { signal: new AbortController().signal });
    expect(out.errorCode).toBe('submit_not_visible');
  });
});

describe('demo controller', () => {
  it('moves every URL of every demo monitor (hls, submit steps, http) when a saved port is taken', async () => {
    const tmp = tempDir();
    const store = openStore({ path: tmp.file('demo.db') });
    const blocker = createServer();
    try {
      const first = createDemoController(store, () => {});
      expect(await first.load()).toBe(4);
      const oldApi = first.platform!.ports.api;
      await first.close();
      // Something else grabs the submission API's port while Lookout is not running.
      await new Promise<void>((r) => blocker.listen(oldApi, '127.0.0.1', () => r()));

      let changed = 0;
      const second = createDemoController(store, () => changed++);
      await second.resume();
      platform = second.platform;
      const newApi = second.platform!.ports.api;
      expect(newApi).not.toBe(oldApi);
      expect(changed).toBe(1);
      const submit = store.monitors.list().find((m) => m.kind === 'submit');
      if (submit?.kind !== 'submit') throw new Error('no submit monitor');
      expect(submit.config.steps.map((s) => new URL(s.url.replace('{{id}}', 'x')).port)).toEqual([
        String(newApi),
        String(newApi),
        String(newApi),
      ]);
      const outcomes = await Promise.all(
        store.monitors.list().map((m) => runProbe(m, { signal: new AbortController().signal })),
      );
      expect(outcomes.map((o) => o.status)).toEqual(['up', 'up', 'up', 'up']);
    } finally {
      blocker.close();
      store.close();
      tmp.cleanup();
    }
  });
});
