import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Timers } from './util';
import { isRead, methodNotAllowed, notFound, pathOf, send } from './util';

interface Variant {
  bandwidth: number;
  resolution: string;
  codecs: string;
}

export const VARIANTS: Readonly<Record<string, Variant>> = {
  low: { bandwidth: 400_000, resolution: '640x360', codecs: 'avc1.42e01e,mp4a.40.2' },
  high: { bandwidth: 1_500_000, resolution: '1280x720', codecs: 'avc1.4d401f,mp4a.40.2' },
};

export const WINDOW_SEGMENTS = 5;
/** A player that read the playlist just before it slid may still ask for the segment that fell out. */
const SLACK_BEHIND = WINDOW_SEGMENTS;
const TS_PACKET = 188;
/** Real segments would be bitrate × duration; a fiftieth keeps tests and the demo light on bytes. */
const SIZE_DIVISOR = 50;
const MAX_SEGMENT_BYTES = 1024 * 1024;
/** Drip cadence for slow segments: fine enough to look like a trickle, coarse enough to stay cheap. */
const DRIP_TICK_MS = 50;

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
/** Lines in a `hugePlaylist` answer: far beyond any real live window. */
export const HUGE_PLAYLIST_LINES = 100_000;

/** The live stream's own faults (see Fault in platform.ts). */
export interface StreamFaults {
  slowSegmentMs?: number;
  hugePlaylist?: boolean;
  selfReference?: boolean;
  malformedPlaylist?: boolean;
  discontinuitySequence?: number;
}

export class LiveStream {
  readonly #segmentMs: number;
  /**
   * The stream is treated as having started one full window before the platform did, so the
   * first playlist already lists WINDOW_SEGMENTS finished segments and every listed one is complete.
   */
  readonly #epoch: number;
  readonly #start: number;
  #frozenAt: number | null = null;
  /** Live sequence at which a `sequenceReset` restarted the numbering from 0. */
  #resetAt: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly segmentSeconds: number,
    private readonly timers: Timers,
  ) {
    this.#segmentMs = segmentSeconds * 1000;
    this.#start = now();
    this.#epoch = this.#start - WINDOW_SEGMENTS * this.#segmentMs;
  }

  liveSequence(): number {
    return Math.max(0, Math.floor((this.now() - this.#start) / this.#segmentMs));
  }

  /** Idempotent: re-applying a fault that still stalls keeps the sequence it first froze at. */
  setStalled(stalled: boolean): void {
    if (!stalled) this.#frozenAt = null;
    else if (this.#frozenAt === null) this.#frozenAt = this.liveSequence();
  }

  /** Idempotent like setStalled: the numbering restarts once, when the fault first appears. */
  setReset(reset: boolean): void {
    if (!reset) this.#resetAt = null;
    else if (this.#resetAt === null) this.#resetAt = this.liveSequence();
  }

  servedSequence(): number {
    return Math.max(0, (this.#frozenAt ?? this.liveSequence()) - (this.#resetAt ?? 0));
  }

  handle(req: IncomingMessage, res: ServerResponse, faults: StreamFaults): void {
    req.resume();
    const path = pathOf(req);
    if (path === '/live/master.m3u8')
      return this.#read(req, res, () => send(res, 200, masterPlaylist(faults.selfReference === true), PLAYLIST_TYPE));
    const m = /^\/live\/([a-z]+)\/(index\.m3u8|seg-(\d{1,15})\.ts)$/.exec(path);
    const variant = m?.[1] ? VARIANTS[m[1]] : undefined;
    if (!m || !variant) return notFound(res);
    const seqText = m[3];
    if (seqText === undefined) return this.#read(req, res, () => this.#sendPlaylist(res, faults));
    const seq = Number(seqText);
    if (!this.#exists(seq)) return notFound(res);
    this.#read(req, res, () =>
      this.#sendSegment(res, segmentBytes(variant, this.segmentSeconds, seq), faults.slowSegmentMs),
    );
  }

  #read(req: IncomingMessage, res: ServerResponse, answer: () => void): void {
    if (!isRead(req)) return methodNotAllowed(res, 'GET, HEAD');
    answer();
  }

  /** A stalled origin still serves the segments of its frozen playlist, as well as the live ones. */
  #exists(seq: number): boolean {
    const inWindow = (first: number): boolean => seq >= first - SLACK_BEHIND && seq < first + WINDOW_SEGMENTS;
    return inWindow(this.liveSequence()) || inWindow(this.servedSequence());
  }

  #sendPlaylist(res: ServerResponse, faults: StreamFaults): void {
    if (faults.malformedPlaylist) {
      // What a misconfigured origin or CDN error page looks like: 200, right type, wrong content.
      return send(res, 200, '<html><body><h1>502 Bad Gateway</h1></body></html>\n', PLAYLIST_TYPE);
    }
    if (faults.hugePlaylist) return streamLines(res, this.#hugeLines());
    send(res, 200, this.#mediaPlaylist(faults.discontinuitySequence), PLAYLIST_TYPE);
  }

  #header(first: number, discontinuitySequence: number | undefined): string[] {
    return [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-TARGETDURATION:${Math.ceil(this.segmentSeconds)}`,
      `#EXT-X-MEDIA-SEQUENCE:${first}`,
      ...(discontinuitySequence !== undefined ? [`#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence}`] : []),
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(this.#epoch + first * this.#segmentMs).toISOString()}`,
    ];
  }

  /** A well-formed playlist of HUGE_PLAYLIST_LINES lines, generated as it is sent. */
  *#hugeLines(): Generator<string> {
    // Six header lines (the discontinuity tag included) plus whole segment pairs land exactly on the count.
    const header = this.#header(0, 0);
    yield* header;
    const extinf = `#EXTINF:${this.segmentSeconds.toFixed(3)},`;
    for (let seq = 0; header.length + 2 * seq < HUGE_PLAYLIST_LINES; seq++) {
      yield extinf;
      yield `seg-${seq}.ts`;
    }
  }

  #mediaPlaylist(discontinuitySequence: number | undefined): string {
    const first = this.servedSequence();
    const lines = this.#header(first, discontinuitySequence);
    const extinf = `#EXTINF:${this.segmentSeconds.toFixed(3)},`;
    for (let seq = first; seq < first + WINDOW_SEGMENTS; seq++) lines.push(extinf, `seg-${seq}.ts`);
    return lines.join('\n') + '\n';
  }

  #sendSegment(res: ServerResponse, body: Buffer, slowMs: number | undefined): void {
    if (!slowMs || res.req.method === 'HEAD') return send(res, 200, body, 'video/mp2t');
    res.writeHead(200, {
      'content-type': 'video/mp2t',
      'content-length': String(body.length),
      'cache-control': 'no-store',
    });
    // Headers go out at once: a slow segment is a slow body, not a slow first byte.
    res.flushHeaders();
    const packets = body.length / TS_PACKET;
    const perStepPackets = Math.ceil(packets / Math.max(1, Math.min(packets, Math.ceil(slowMs / DRIP_TICK_MS))));
    const perStep = perStepPackets * TS_PACKET;
    const steps = Math.ceil(packets / perStepPackets);
    const start = performance.now();
    let offset = 0;
    let cancel = (): void => {};
    res.once('close', () => cancel());
    // Each chunk is due at its share of slowMs, and the last one only once all of slowMs has passed.
    const drip = (step: number): void => {
      if (res.destroyed) return;
      res.write(body.subarray(offset, offset + perStep));
      offset += perStep;
      if (offset >= body.length) return void res.end();
      const due = start + (slowMs * (step + 1)) / steps;
      cancel = this.timers.after(Math.max(0, due - performance.now()), () => drip(step + 1));
    };
    // The first chunk waits too, so the full download spans slowMs rather than slowMs minus one tick.
    cancel = this.timers.after(slowMs / steps, () => drip(1));
  }
}

function masterPlaylist(selfReference: boolean): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  // A packaging mistake seen in the wild: the master lists itself as a variant.
  if (selfReference) lines.push('#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=960x540', 'master.m3u8');
  for (const [name, v] of Object.entries(VARIANTS)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},RESOLUTION=${v.resolution},CODECS="${v.codecs}"`,
      `${name}/index.m3u8`,
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * MPEG-TS-shaped bytes: 188-byte packets with the 0x47 sync byte, a PAT and a PMT up front, then
 * video packets with a running continuity counter. Deterministic per sequence number, so two
 * downloads of the same segment are identical, as from a real origin or CDN.
 */
export function segmentBytes(variant: Variant, seconds: number, seq: number): Buffer {
  const wanted = Math.min(MAX_SEGMENT_BYTES, (variant.bandwidth * seconds) / 8 / SIZE_DIVISOR);
  const packets = Math.max(3, Math.ceil(wanted / TS_PACKET));
  const buf = Buffer.alloc(packets * TS_PACKET);
  let x = (seq * 2654435761 + variant.bandwidth) >>> 0 || 1;
  for (let i = 0; i < packets; i++) {
    const o = i * TS_PACKET;
    const pid = i === 0 ? 0x0000 : i === 1 ? 0x1000 : 0x0100;
    const unitStart = i <= 2 ? 0x40 : 0;
    buf[o] = 0x47;
    buf[o + 1] = unitStart | ((pid >> 8) & 0x1f);
    buf[o + 2] = pid & 0xff;
    buf[o + 3] = 0x10 | ((i > 1 ? i - 2 : 0) & 0x0f);
    if (i < 2) {
      buf.fill(0xff, o + 4, o + TS_PACKET);
      continue;
    }
    for (let j = o + 4; j < o + TS_PACKET; j++) {
      // xorshift32: cheap filler that does not compress to nothing.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      buf[j] = x & 0xff;
    }
  }
  return buf;
}

/** Chunked, following backpressure, so a slow reader costs one socket buffer however long the text. */
function streamLines(res: ServerResponse, lines: Iterator<string>): void {
  res.writeHead(200, { 'content-type': PLAYLIST_TYPE, 'cache-control': 'no-store' });
  if (res.req.method === 'HEAD') return void res.end();
  const pump = (): void => {
    while (!res.destroyed) {
      const batch: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const next = lines.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) return void res.end();
      if (!res.write(batch.join('\n') + '\n')) return void res.once('drain', pump);
    }
  };
  pump();
}
