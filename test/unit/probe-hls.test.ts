import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlatform, type Platform, type PlatformOptions } from '../../electron/core/demo/platform';
import type { ProbeContext } from '../../electron/core/probes/context';
import { probeHls } from '../../electron/core/probes/hls/probe';
import { createProbeMemories } from '../../electron/core/probes/memory';
import { HlsConfig, type HlsConfigInput } from '../../shared/probes/hls';
import { ProbeOutcome } from '../../shared/result';

let platform: Platform | undefined;
const servers: http.Server[] = [];
const rawServers: net.Server[] = [];

afterEach(async () => {
  await platform?.close();
  platform = undefined;
  for (const s of rawServers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

function fakeClock(start = Date.UTC(2025, 0, 1, 12)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function start(opts?: PlatformOptions): Promise<Platform> {
  platform = await startPlatform(opts);
  return platform;
}

/** One monitor's probes: the same memory and clock across calls, like the scheduler passes them. */
function monitor(input: HlsConfigInput, now?: () => number): () => Promise<ProbeOutcome> {
  const config = HlsConfig.parse(input);
  const ctx: ProbeContext = { signal: new AbortController().signal, memory: new Map(), ...(now ? { now } : {}) };
  return () => probeHls(config, ctx);
}

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('hls probe: a healthy live stream', () => {
  it('is up and records sequence, variants, segment time and bitrate', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    const out = await monitor({ url: p.urls.hlsMaster }, clock.now)();
    expect(out.status).toBe('up');
    expect(out.errorCode).toBeUndefined();
    expect(out.latencyMs).toEqual(expect.any(Number));
    const d = out.details!;
    expect(d.variantCount).toBe(2);
    expect(d.variantsChecked).toEqual(['low', 'high']);
    expect(d.mediaSequence).toBe(0);
    expect(d.targetDurationS).toBe(2);
    expect(d.segmentDurationMs).toBe(2000);
    expect(d.segmentMs).toEqual(expect.any(Number));
    expect(d.bitrateKbps).toBeGreaterThan(0);
    // The live edge is the platform's "now": the newest segment has just finished.
    expect(d.playlistAgeMs).toBe(0);
    // What the store keeps: the outcome satisfies the result contract (details small and flat).
    expect(ProbeOutcome.safeParse(out).success).toBe(true);
  });

  it('checks only the chosen variants: highest bandwidth, or by name / resolution', async () => {
    const p = await start();
    expect((await monitor({ url: p.urls.hlsMaster, variants: 'highest' })()).details?.variantsChecked).toEqual([
      'high',
    ]);
    expect((await monitor({ url: p.urls.hlsMaster, variants: 'lowest' })()).details?.variantsChecked).toEqual(['low']);
    expect(
      (await monitor({ url: p.urls.hlsMaster, variants: 'match', match: ['720p'] })()).details?.variantsChecked,
    ).toEqual(['high']);
    const missing = await monitor({ url: p.urls.hlsMaster, variants: 'match', match: ['4k'] })();
    expect(missing.status).toBe('down');
    expect(missing.errorCode).toBe('hls_variant_missing');
    expect(missing.message).toContain('No variant matches 4k');
  });

  it('accepts a media playlist URL directly', async () => {
    const p = await start();
    const out = await monitor({ url: p.urls.hlsMedia('low') })();
    expect(out.status).toBe('up');
    expect(out.details?.variantCount).toBe(1);
  });
});

describe('hls probe: freshness across consecutive probes', () => {
  it('a stalled playlist is stale once its sequence has not moved for N × target duration', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    const probe = monitor(
      { url: p.urls.hlsMaster, variants: 'lowest', staleAfterTargetDurations: 3, checkSegment: false },
      clock.now,
    );
    expect((await probe()).status).toBe('up');
    clock.advance(2000);
    const advanced = await probe();
    expect(advanced.status).toBe('up');
    expect(advanced.details?.mediaSequence).toBe(1);

    p.setFault('hls', { stallPlaylist: true });
    clock.advance(4000);
    // Stuck for 4 s so far: under 3 × 2 s.
    const notYet = await probe();
    expect(notYet.status).toBe('up');
    expect(notYet.details?.sequenceStuckMs).toBe(4000);

    clock.advance(2000);
    const stale = await probe();
    expect(stale.status).toBe('down');
    expect(stale.errorCode).toBe('hls_stale');
    expect(stale.message).toBe(
      'The playlist of low has not advanced for 6 s (media sequence 1; stale after 3 × 2 s target duration)',
    );
    expect(stale.details?.playlistAgeMs).toBe(6000);

    p.clearFaults('hls');
    expect((await probe()).status).toBe('up');
  });

  it('without memory, a first probe judges the live edge by #EXT-X-PROGRAM-DATE-TIME', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    p.setFault('hls', { stallPlaylist: true });
    const config = HlsConfig.parse({ url: p.urls.hlsMaster, variants: 'lowest', checkSegment: false });
    expect((await probeHls(config, { signal: new AbortController().signal, now: clock.now })).status).toBe('up');
    clock.advance(60_000);
    // A probe with no memory (the first after a restart, or of a new monitor) used to read up here.
    const out = await probeHls(config, { signal: new AbortController().signal, now: clock.now });
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_stale');
    expect(out.message).toBe(
      'The newest segment of low ended 60 s ago by its #EXT-X-PROGRAM-DATE-TIME (media sequence 0; stale after 3 × 2 s target duration)',
    );
    expect(out.details?.playlistAgeMs).toBe(60_000);
  });

  it('each monitor keeps its own memory: a new monitor of a stalled stream starts fresh', async () => {
    const clock = fakeClock();
    // No PROGRAM-DATE-TIME, so only memory can tell the playlist is not moving.
    const base = await serve((_req, res) =>
      res.end('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:2,\ns5.ts\n'),
    );
    const memories = createProbeMemories();
    const config = HlsConfig.parse({ url: `${base}/live.m3u8`, checkSegment: false });
    const probe = (id: number) =>
      probeHls(config, { signal: new AbortController().signal, memory: memories.for(id), now: clock.now });
    await probe(1);
    clock.advance(6000);
    expect((await probe(1)).errorCode).toBe('hls_stale');
    expect((await probe(2)).status).toBe('up');
    memories.retain([2]);
    expect((await probe(1)).status).toBe('up');
  });

  it('a media sequence that goes back (origin restart) is degraded', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    const probe = monitor({ url: p.urls.hlsMaster, variants: 'highest', checkSegment: false }, clock.now);
    clock.advance(10_000);
    expect((await probe()).details?.mediaSequence).toBe(5);
    p.setFault('hls', { sequenceReset: true });
    const out = await probe();
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('hls_sequence_reset');
    expect(out.message).toBe('Media sequence of high went back from 5 to 0 (the stream restarted or origins disagree)');
    clock.advance(2000);
    expect((await probe()).status).toBe('up');
  });

  it('a discontinuity sequence that goes back is degraded', async () => {
    const clock = fakeClock();
    const p = await start({ now: clock.now });
    const probe = monitor({ url: p.urls.hlsMaster, variants: 'lowest', checkSegment: false }, clock.now);
    p.setFault('hls', { discontinuitySequence: 7 });
    const first = await probe();
    expect(first.status).toBe('up');
    expect(first.details?.discontinuitySequence).toBe(7);
    clock.advance(2000);
    p.setFault('hls', { discontinuitySequence: 3 });
    const out = await probe();
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('hls_discontinuity');
    expect(out.message).toBe('Discontinuity sequence of low went back from 7 to 3');
  });
});

describe('hls probe: segments', () => {
  it('a segment that downloads slower than its own duration is degraded', async () => {
    const p = await start({ segmentSeconds: 0.2 });
    p.setFault('hls', { slowSegmentMs: 500 });
    const out = await monitor({ url: p.urls.hlsMaster, variants: 'lowest' })();
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('hls_slow_segment');
    expect(out.message).toMatch(
      /^The newest segment of low took \d+ ms to download, longer than its 200 ms duration \(viewers would buffer\)$/,
    );
    expect(out.details?.segmentDurationMs).toBe(200);
    expect(out.details?.segmentMs).toBeGreaterThan(200);
  });

  it('a segment larger than the cap is not downloaded in full', async () => {
    const p = await start();
    const out = await monitor({ url: p.urls.hlsMaster, variants: 'highest', maxSegmentBytes: 1024 })();
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('hls_segment_too_large');
    expect(out.message).toBe('The newest segment of high is too large (more than 1024 bytes); not read further');
  });
});

describe('hls probe: broken and hostile streams', () => {
  it('an unreachable master is down with hls_unreachable', async () => {
    const p = await start();
    p.setFault('hls', { refuse: true });
    const out = await monitor({ url: p.urls.hlsMaster })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_unreachable');
    expect(out.message).toBe(`The master playlist is unreachable: Connection refused by 127.0.0.1:${p.ports.hls}`);
  });

  it('a missing variant playlist is down and names the variant', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/master.m3u8') return res.end('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000\ngone/index.m3u8\n');
      res.writeHead(404).end();
    });
    const out = await monitor({ url: `${base}/master.m3u8` })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_unreachable');
    expect(out.message).toMatch(/^The playlist of variant gone answered HTTP 404/);
  });

  it('a malformed playlist is down with hls_malformed', async () => {
    const p = await start();
    p.setFault('hls', { malformedPlaylist: true });
    const out = await monitor({ url: p.urls.hlsMaster })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_malformed');
    expect(out.message).toBe(
      'The playlist of variant low is not a playlist (it does not start with #EXTM3U): "<html><body><h1>502 Bad Gateway</h1></bo…"',
    );
  });

  it('a media playlist without a target duration is malformed', async () => {
    const base = await serve((_req, res) => res.end('#EXTM3U\n#EXTINF:2,\nseg-1.ts\n'));
    const out = await monitor({ url: `${base}/index.m3u8` })();
    expect(out.errorCode).toBe('hls_malformed');
    expect(out.message).toBe('The master playlist has no #EXT-X-TARGETDURATION');
  });

  it('a master that lists itself is detected, not followed', async () => {
    const p = await start();
    p.setFault('hls', { selfReference: true });
    const out = await monitor({ url: p.urls.hlsMaster })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_self_reference');
    expect(out.message).toBe(
      `The playlist of variant master refers back to 127.0.0.1:${p.ports.hls}/live/master.m3u8, which this check already fetched`,
    );
  });

  it('a 100,000-line playlist is refused at the line cap', async () => {
    const p = await start();
    p.setFault('hls', { hugePlaylist: true });
    const out = await monitor({ url: p.urls.hlsMaster, variants: 'lowest', maxPlaylistLines: 5000 })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_too_large');
    expect(out.message).toBe('The playlist of variant low is too large (more than 5000 lines); not read further');
    // With the default caps the same playlist is also refused.
    const byDefault = await monitor({ url: p.urls.hlsMaster, variants: 'lowest' })();
    expect(byDefault.errorCode).toBe('hls_too_large');
  });

  it('an endless body is refused at the byte cap', async () => {
    const p = await start();
    p.setFault('web', { hugeBody: true });
    const out = await monitor({ url: p.urls.web, maxPlaylistBytes: 256 * 1024 })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('hls_too_large');
    expect(out.message).toBe('The master playlist is too large (more than 262144 bytes); not read further');
  });

  it('a server that never answers ends at the timeout', async () => {
    const p = await start();
    p.setFault('hls', { hang: true });
    const out = await monitor({ url: p.urls.hlsMaster, timeoutMs: 300 })();
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('timeout');
    expect(out.message).toBe(
      `No complete master playlist within the timeout (127.0.0.1:${p.ports.hls}/live/master.m3u8)`,
    );
  });

  it('garbage instead of HTTP is unreachable, with the reason', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n', () => socket.destroy());
    });
    rawServers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const out = await monitor({ url: `http://${host}/master.m3u8` })();
    expect(out.errorCode).toBe('hls_unreachable');
    expect(out.message).toBe(`The master playlist is unreachable: ${host} sent something that is not valid HTTP`);
  });

  it('a redirect to a non-http scheme is refused', async () => {
    const base = await serve((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const out = await monitor({ url: `${base}/master.m3u8` })();
    expect(out.errorCode).toBe('hls_unreachable');
    expect(out.message).toBe('The master playlist redirects to a file: URL, refused');
  });

  it('a finished stream is down when a live one is expected', async () => {
    const base = await serve((_req, res) =>
      res.end('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg-1.ts\n#EXT-X-ENDLIST\n'),
    );
    const out = await monitor({ url: `${base}/index.m3u8`, checkSegment: false })();
    expect(out.errorCode).toBe('hls_ended');
    expect((await monitor({ url: `${base}/index.m3u8`, checkSegment: false, expectLive: false })()).status).toBe('up');
  });

  it('cancelling the monitor ends the probe as unknown', async () => {
    const p = await start();
    p.setFault('hls', { hang: true });
    const ac = new AbortController();
    const pending = probeHls(HlsConfig.parse({ url: p.urls.hlsMaster }), { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const out = await pending;
    expect(out.status).toBe('unknown');
    expect(out.errorCode).toBe('cancelled');
  });
});

describe('hls config', () => {
  it('asks for variant names when choosing by name', () => {
    const r = HlsConfig.safeParse({ url: 'http://example.test/master.m3u8', variants: 'match' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['match', 'Name at least one variant to check'],
    ]);
  });
});
