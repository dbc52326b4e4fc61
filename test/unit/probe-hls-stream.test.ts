import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeContext } from '../../electron/core/probes/context';
import { probeHls } from '../../electron/core/probes/hls/probe';
import { createProbeMemories } from '../../electron/core/probes/memory';
import { openStore, type Store } from '../../electron/core/store';
import { HlsConfig, type HlsConfigInput } from '../../shared/probes/hls';
import { MonitorDraft } from '../../shared/monitor';
import { ProbeOutcome } from '../../shared/result';
import { tempDir } from './store-helpers';

/**
 * The parts of real streams the demo platform does not serve: single-file fMP4 with byte ranges,
 * variants that differ by query string, alternative renditions, encryption keys, LL-HLS parts,
 * VOD, and a stream that lags behind live. Each route answers from `routes`, so a test changes
 * what the "origin" serves between probes.
 */
const servers: http.Server[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

interface Seen {
  path: string;
  range: string | undefined;
}

async function origin(
  routes: Record<string, string | Buffer | number | ((req: http.IncomingMessage, res: http.ServerResponse) => void)>,
): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, range: req.headers.range });
    const route = routes[path];
    if (route === undefined) return void res.writeHead(404).end();
    if (typeof route === 'number') return void res.writeHead(route).end();
    if (typeof route === 'function') return route(req, res);
    res.end(route);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const T0 = Date.UTC(2025, 5, 1, 12);
function clock() {
  let t = T0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function media(
  seq: number,
  opts: { pdt?: number; segments?: number; extra?: string; tail?: string; target?: number } = {},
): string {
  const target = opts.target ?? 2;
  let out = `#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:${target}\n#EXT-X-MEDIA-SEQUENCE:${seq}\n${opts.extra ?? ''}`;
  const n = opts.segments ?? 3;
  for (let i = 0; i < n; i++) {
    if (opts.pdt !== undefined && i === 0) out += `#EXT-X-PROGRAM-DATE-TIME:${new Date(opts.pdt).toISOString()}\n`;
    out += `#EXTINF:${target}.000,\nseg-${seq + i}.ts\n`;
  }
  return out + (opts.tail ?? '');
}

function probeOf(input: HlsConfigInput, ctx: Partial<ProbeContext> = {}) {
  const config = HlsConfig.parse(input);
  const full: ProbeContext = { signal: new AbortController().signal, memory: new Map(), ...ctx };
  return async () => {
    const out = await probeHls(config, full);
    expect(ProbeOutcome.safeParse(out).success).toBe(true);
    return out;
  };
}

describe('hls: single-file streams with #EXT-X-BYTERANGE', () => {
  const FILE = Buffer.alloc(3 * 1024 * 1024, 1);
  const playlist =
    '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI="main.mp4",BYTERANGE="800@0"\n' +
    '#EXT-X-BYTERANGE:100000@800\n#EXTINF:2.000,\nmain.mp4\n#EXT-X-BYTERANGE:120000\n#EXTINF:2.000,\nmain.mp4\n';

  function rangeServer(honour: boolean) {
    return origin({
      '/live.m3u8': playlist,
      '/main.mp4': (req, res) => {
        const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
        if (!honour || !m) return void res.writeHead(200, { 'content-length': FILE.length }).end(FILE);
        const from = Number(m[1]);
        const to = Number(m[2]);
        res
          .writeHead(206, { 'content-range': `bytes ${from}-${to}/${FILE.length}`, 'content-length': to - from + 1 })
          .end(FILE.subarray(from, to + 1));
      },
    });
  }

  it('fetches the newest segment as its range and measures the range, not the whole file', async () => {
    const { base, seen } = await rangeServer(true);
    // The cap is below the file size: fetching the whole file used to read as hls_segment_too_large.
    const out = await probeOf({ url: `${base}/live.m3u8`, maxSegmentBytes: 1024 * 1024 })();
    expect(out.status).toBe('up');
    const seg = seen.find((s) => s.path === '/main.mp4');
    // The second range continues where the first ended (800 + 100000).
    expect(seg?.range).toBe('bytes=100800-220799');
    expect(out.details?.segmentBytes).toBe(120_000);
    expect(out.details?.bitrateKbps).toBe(Math.round((120_000 * 8) / 2000));
  });

  it('a server that ignores Range is degraded, and only the range is read', async () => {
    const { base } = await rangeServer(false);
    const out = await probeOf({ url: `${base}/live.m3u8`, maxSegmentBytes: 1024 * 1024 })();
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('hls_range_ignored');
    expect(out.message).toContain('bytes=100800-220799');
    expect(out.details?.segmentBytes).toBe(120_000);
  });
});

describe('hls: variant identity', () => {
  it('variants that differ only in the query string keep separate memories: the frozen one is stale', async () => {
    const c = clock();
    let seq = 10;
    const { base } = await origin({
      '/master.m3u8':
        '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow.m3u8?cdn=a\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow.m3u8?cdn=b\n',
      '/low.m3u8?cdn=a': (_q, res) => res.end(media(seq)),
      '/low.m3u8?cdn=b': media(10),
    });
    const probe = probeOf({ url: `${base}/master.m3u8`, checkSegment: false }, { now: c.now });
    const first = await probe();
    expect(first.status).toBe('up');
    expect(first.details?.variantsChecked).toEqual(['low?cdn=a', 'low?cdn=b']);
    for (let i = 0; i < 3; i++) {
      c.advance(2000);
      seq++;
      await probe();
    }
    const out = await probe();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_stale');
    expect(out.message).toContain('The playlist of low?cdn=b has not advanced for 6 s');
  });

  it('a variant whose URI token changes on every fetch is still recognised as the same variant', async () => {
    const c = clock();
    let token = 0;
    const { base } = await origin({
      '/master.m3u8': (_q, res) => res.end(`#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow.m3u8?token=${++token}\n`),
    });
    // Every token serves the same frozen playlist.
    const frozen = media(4);
    servers[0]!.removeAllListeners('request');
    servers[0]!.on('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
      res.end(
        req.url === '/master.m3u8'
          ? `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow.m3u8?token=${++token}\n`
          : frozen,
      ),
    );
    const probe = probeOf({ url: `${base}/master.m3u8`, checkSegment: false }, { now: c.now });
    expect((await probe()).status).toBe('up');
    c.advance(6000);
    const out = await probe();
    expect(out.errorCode).toBe('hls_stale');
  });
});

describe('hls: memory across restarts', () => {
  it('a stream stale before a restart is still stale after it (the open incident is not closed by one "up")', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.cleanup());
    const c = clock();
    // No PROGRAM-DATE-TIME: only the remembered sequence can tell the playlist is stuck.
    const { base } = await origin({ '/live.m3u8': media(7) });
    const config = HlsConfig.parse({ url: `${base}/live.m3u8`, checkSegment: false });
    let store: Store = openStore({ path: dir.file('lookout.db'), now: c.now });
    const m = store.monitors.create(MonitorDraft.parse({ name: 'Live', kind: 'hls', config: { url: config.url } }));
    const run = (s: Store) =>
      probeHls(config, {
        signal: new AbortController().signal,
        now: c.now,
        memory: createProbeMemories(s.tables.probeMemory, c.now).for(m.id),
      });

    expect((await run(store)).status).toBe('up');
    c.advance(6000);
    const before = await run(store);
    expect(before.errorCode).toBe('hls_stale');
    store.close();

    // The app restarts: a new store, new in-memory maps, loaded from the file.
    c.advance(4000);
    store = openStore({ path: dir.file('lookout.db'), now: c.now });
    const after = await run(store);
    expect(after.status).toBe('down');
    expect(after.errorCode).toBe('hls_stale');
    expect(after.message).toContain('has not advanced for 10 s');

    // Deleting the monitor drops its memory with it.
    createProbeMemories(store.tables.probeMemory).retain([]);
    expect(store.tables.probeMemory!.all()).toEqual([]);
    store.close();
  });
});

describe('hls: live edge and VOD', () => {
  it('a VOD playlist reports no live-edge age or delay (it would be years)', async () => {
    const { base } = await origin({
      '/vod.m3u8': media(0, {
        pdt: Date.UTC(2015, 0, 1),
        tail: '#EXT-X-ENDLIST\n',
        extra: '#EXT-X-PLAYLIST-TYPE:VOD\n',
      }),
    });
    const out = await probeOf({ url: `${base}/vod.m3u8`, checkSegment: false, expectLive: false })();
    expect(out.status).toBe('up');
    expect(out.details?.playlistAgeMs).toBeUndefined();
    expect(out.details?.liveDelayMs).toBeUndefined();
  });

  it('records the live-edge delay per probe and is degraded above its threshold', async () => {
    const c = clock();
    let seq = 100;
    // Segments of 2 s; the newest one started 38 s before the clock, and the stream keeps moving.
    const { base } = await origin({
      '/live.m3u8': (_q, res) => res.end(media(seq, { pdt: c.now() - 38_000 - 2 * 2000 })),
    });
    const probe = probeOf({ url: `${base}/live.m3u8`, checkSegment: false, maxLiveDelaySec: 40 }, { now: c.now });
    const ok = await probe();
    expect(ok.status).toBe('up');
    expect(ok.details?.liveDelayMs).toBe(38_000);
    expect(ok.details?.liveDelayLimitMs).toBe(40_000);

    const strict = probeOf({ url: `${base}/live.m3u8`, checkSegment: false, maxLiveDelaySec: 30 }, { now: c.now });
    await strict();
    c.advance(2000);
    seq++;
    const late = await strict();
    expect(late.status).toBe('degraded');
    expect(late.errorCode).toBe('hls_live_delay');
    expect(late.message).toBe(
      "The stream of media is 38 s behind live (newest segment's #EXT-X-PROGRAM-DATE-TIME), threshold 30 s",
    );
  });
});

describe('hls: alternative renditions', () => {
  async function withAudio(audioSeq: () => number, videoSeq: () => number) {
    return origin({
      '/master.m3u8':
        '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",DEFAULT=YES,URI="audio/en.m3u8"\n' +
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Deutsch",URI="subs/de.m3u8"\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO="aud",SUBTITLES="subs"\nvideo/low.m3u8\n',
      '/video/low.m3u8': (_q, res) => res.end(media(videoSeq())),
      '/audio/en.m3u8': (_q, res) => res.end(media(audioSeq())),
      '/subs/de.m3u8': (_q, res) => res.end(media(videoSeq())),
    });
  }

  it('a frozen audio playlist makes the stream stale though the video advances', async () => {
    const c = clock();
    let seq = 0;
    const { base, seen } = await withAudio(
      () => 0,
      () => seq,
    );
    const probe = probeOf({ url: `${base}/master.m3u8`, checkSegment: false }, { now: c.now });
    const first = await probe();
    expect(first.status).toBe('up');
    expect(first.details?.renditionsChecked).toEqual(['audio English', 'subtitles Deutsch']);
    for (let i = 0; i < 3; i++) {
      c.advance(2000);
      seq++;
      await probe();
    }
    const out = await probe();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_stale');
    expect(out.message).toContain('The playlist of audio English has not advanced for 6 s');

    // Opted out: renditions are not fetched at all.
    const before = seen.length;
    const off = await probeOf(
      { url: `${base}/master.m3u8`, checkSegment: false, checkRenditions: false },
      { now: c.now },
    )();
    expect(off.status).toBe('up');
    expect(seen.slice(before).map((s) => s.path)).toEqual(['/master.m3u8', '/video/low.m3u8']);
  });

  it('an unreachable audio rendition is down and named', async () => {
    const { base } = await origin({
      '/master.m3u8':
        '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",URI="audio/en.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO="aud"\nlow.m3u8\n',
      '/low.m3u8': media(3),
      '/audio/en.m3u8': 503,
    });
    const out = await probeOf({ url: `${base}/master.m3u8`, checkSegment: false })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_unreachable');
    expect(out.message).toMatch(/^The playlist of the audio English rendition answered HTTP 503/);
  });
});

describe('hls: encryption keys', () => {
  const keyed = (uri: string) =>
    media(5, { extra: `#EXT-X-KEY:METHOD=AES-128,URI="${uri}",IV=0x00000000000000000000000000000001\n` });

  it('fetches the key of the newest segment (never decrypting): down when the key server fails', async () => {
    const { base, seen } = await origin({ '/live.m3u8': keyed('keys/k1.bin?id=9'), '/keys/k1.bin?id=9': 503 });
    const out = await probeOf({ url: `${base}/live.m3u8`, checkSegment: false })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_key_unreachable');
    expect(out.message).toMatch(/^The encryption key of media answered HTTP 503 .*viewers cannot decrypt the stream$/);
    expect(seen.filter((s) => s.path.startsWith('/keys/'))).toHaveLength(1);
    // Opted out: the key is not fetched.
    const off = await probeOf({ url: `${base}/live.m3u8`, checkSegment: false, checkKeys: false })();
    expect(off.status).toBe('up');
    expect(seen.filter((s) => s.path.startsWith('/keys/'))).toHaveLength(1);
  });

  it('is up with a 16-byte AES-128 key and down with a key of the wrong size', async () => {
    const { base } = await origin({
      '/good.m3u8': keyed('k/good'),
      '/bad.m3u8': keyed('k/bad'),
      '/k/good': Buffer.alloc(16, 3),
      '/k/bad': '<html>login</html>',
    });
    const good = await probeOf({ url: `${base}/good.m3u8`, checkSegment: false })();
    expect(good.status).toBe('up');
    expect(good.details?.keysChecked).toBe(1);
    const bad = await probeOf({ url: `${base}/bad.m3u8`, checkSegment: false })();
    expect(bad.errorCode).toBe('hls_key_invalid');
    expect(bad.message).toContain('is 18 bytes, not the 16 an AES-128 key has');
  });
});

describe('hls: LL-HLS partial segments', () => {
  function llhls(seq: number, parts: number): string {
    const head = `#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:4\n#EXT-X-PART-INF:PART-TARGET=1.0\n#EXT-X-MEDIA-SEQUENCE:${seq}\n`;
    let body = '';
    for (let i = 0; i < 3; i++) body += `#EXTINF:4.000,\nseg-${seq + i}.mp4\n`;
    for (let p = 0; p < parts; p++) body += `#EXT-X-PART:DURATION=1.0,URI="seg-${seq + 3}.part${p}.mp4"\n`;
    return head + body;
  }

  /** Full segments move on (seq 1..4) but the newest parts are still the two of segment 3. */
  function stuckParts(seq: number): string {
    let out = `#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:4\n#EXT-X-PART-INF:PART-TARGET=1.0\n#EXT-X-MEDIA-SEQUENCE:${seq}\n`;
    for (let i = 0; i < 4; i++) {
      if (seq + i === 3)
        out += '#EXT-X-PART:DURATION=1.0,URI="seg-3.part0.mp4"\n#EXT-X-PART:DURATION=1.0,URI="seg-3.part1.mp4"\n';
      out += `#EXTINF:4.000,\nseg-${seq + i}.mp4\n`;
    }
    return out;
  }

  it('is up while parts advance and degraded when they stop though segments still come', async () => {
    const c = clock();
    let seq = 0;
    let parts = 1;
    let frozenParts = false;
    const { base } = await origin({
      '/ll.m3u8': (_q, res) => res.end(frozenParts ? stuckParts(seq) : llhls(seq, parts)),
    });
    const probe = probeOf({ url: `${base}/ll.m3u8`, checkSegment: false }, { now: c.now });
    expect((await probe()).status).toBe('up');
    c.advance(1000);
    parts = 2;
    const moving = await probe();
    expect(moving.status).toBe('up');
    expect(moving.details?.partTargetS).toBe(1);

    // The packager stops publishing parts: the newest part stays where it was while full segments go on.
    frozenParts = true;
    seq = 1;
    c.advance(2000);
    await probe();
    c.advance(2000);
    const out = await probe();
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('hls_parts_stale');
    expect(out.message).toMatch(/^The partial segments \(#EXT-X-PART\) of media have not advanced for 4 s/);
  });
});
