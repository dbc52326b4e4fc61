import type { ProbeErrorCode } from '../../../../shared/probes/errors';
import type * as M3u8 from 'm3u8-parser';
import type { M3u8Manifest } from 'm3u8-parser';
import { lazyRequire } from '../../lazy-require';
import type { Dispatcher } from 'undici';
import { BodyLimitError, boundedRequest } from '../common/bounded-request';
import { classifyError } from '../common/net-errors';

/** A check that failed; thrown so the first failure of a fetch chain ends it with its own words. */
export class HlsFailure extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
    readonly status: 'down' | 'degraded' = 'down',
  ) {
    super(message);
    this.name = 'HlsFailure';
  }
}

export interface FetchEnv {
  signal: AbortSignal;
  /** Aborted only by the probe's own deadline, to tell "too slow" from "cancelled". */
  deadline: AbortSignal;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  maxBytes: number;
  maxLines: number;
}

export interface Variant {
  /** For messages: the URI's path, plus its query where two variants differ only by that. */
  label: string;
  url: URL;
  bandwidth: number | undefined;
  resolution: string | undefined;
  name: string | undefined;
  /** GROUP-IDs of the EXT-X-MEDIA renditions this variant plays with. */
  audio?: string | undefined;
  subtitles?: string | undefined;
}

/** An alternative rendition (#EXT-X-MEDIA with a URI): an audio track or subtitles. */
export interface Rendition {
  type: 'AUDIO' | 'SUBTITLES';
  group: string;
  name: string;
  url: URL;
}

export interface Segment {
  uri: string;
  duration: number;
  programDateTime: number | undefined;
  /** #EXT-X-BYTERANGE: the segment is these bytes of the resource, not all of it. */
  byterange: { offset: number; length: number } | undefined;
  /** #EXT-X-KEY in force for this segment (METHOD other than NONE). */
  key: { method: string; uri: string } | undefined;
}

export interface MediaPlaylist {
  url: URL;
  ms: number;
  targetDuration: number;
  mediaSequence: number;
  discontinuitySequence: number;
  endList: boolean;
  /** #EXT-X-PLAYLIST-TYPE (VOD, EVENT) when given. */
  playlistType: string | undefined;
  segments: Segment[];
  /** LL-HLS: #EXT-X-PART-INF PART-TARGET in seconds, and where the newest partial segment is. */
  partTarget: number | undefined;
  newestPart: { msn: number; index: number } | undefined;
}

export type Playlist =
  | { type: 'master'; url: URL; ms: number; variants: Variant[]; renditions: Rendition[] }
  | ({ type: 'media' } & MediaPlaylist);

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches and parses one playlist. `what` names it in messages ("master playlist", "playlist of
 * high"). `visited` holds every playlist URL of this probe, so a playlist that (directly or via a
 * redirect) points back at one already fetched is reported instead of fetched again.
 */
export async function loadPlaylist(start: URL, what: string, env: FetchEnv, visited: Set<string>): Promise<Playlist> {
  let url = start;
  let headers = env.headers;
  let ms = 0;
  for (let hop = 0; ; hop++) {
    const key = withoutHash(url);
    if (visited.has(key))
      throw new HlsFailure(
        'hls_self_reference',
        `The ${what} refers back to ${shortUrl(url)}, which this check already fetched`,
      );
    visited.add(key);
    let res;
    try {
      res = await boundedRequest(url, {
        headers,
        signal: env.signal,
        dispatcher: env.dispatcher,
        maxBytes: env.maxBytes,
        maxLines: env.maxLines,
      });
    } catch (err) {
      throw fetchFailure(err, what, url, env);
    }
    ms += res.ms;
    const location = res.headers.location;
    if (REDIRECTS.has(res.status) && typeof location === 'string') {
      if (hop >= MAX_REDIRECTS)
        throw new HlsFailure('hls_unreachable', `The ${what} redirects more than ${MAX_REDIRECTS} times`);
      const next = safeRedirect(location, url, what);
      // Configured headers may carry credentials meant for the original origin only.
      if (next.origin !== url.origin) headers = {};
      url = next;
      continue;
    }
    if (res.status < 200 || res.status > 299) {
      throw new HlsFailure('hls_unreachable', `The ${what} answered HTTP ${res.status} (${shortUrl(url)})`);
    }
    return parsePlaylist(res.body.toString('utf8'), url, ms, what);
  }
}

/** m3u8-parser, loaded with the first playlist: a console without HLS monitors never pays for it. */
const m3u8 = lazyRequire<typeof M3u8>('m3u8-parser');

export function parsePlaylist(text: string, url: URL, ms: number, what: string): Playlist {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body.startsWith('#EXTM3U')) {
    throw new HlsFailure(
      'hls_malformed',
      `The ${what} is not a playlist (it does not start with #EXTM3U): ${preview(body)}`,
    );
  }
  const parser = new (m3u8().Parser)();
  try {
    parser.push(body);
    parser.end();
  } catch (err) {
    throw new HlsFailure(
      'hls_malformed',
      `The ${what} could not be parsed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const m = parser.manifest;
  if (m.playlists && m.playlists.length > 0) {
    const variants: Variant[] = [];
    for (const p of m.playlists) {
      let vurl: URL;
      try {
        vurl = new URL(p.uri, url);
      } catch {
        throw new HlsFailure(
          'hls_malformed',
          `The ${what} lists a variant with an invalid URI "${p.uri.slice(0, 80)}"`,
        );
      }
      if (vurl.protocol !== 'http:' && vurl.protocol !== 'https:') {
        throw new HlsFailure('hls_malformed', `The ${what} lists a variant at a ${vurl.protocol} URI`);
      }
      const res = p.attributes.RESOLUTION;
      variants.push({
        label: variantLabel(vurl, url),
        url: vurl,
        bandwidth: typeof p.attributes.BANDWIDTH === 'number' ? p.attributes.BANDWIDTH : undefined,
        resolution: res ? `${res.width}x${res.height}` : undefined,
        name: typeof p.attributes.NAME === 'string' ? p.attributes.NAME : undefined,
        audio: typeof p.attributes.AUDIO === 'string' ? p.attributes.AUDIO : undefined,
        subtitles: typeof p.attributes.SUBTITLES === 'string' ? p.attributes.SUBTITLES : undefined,
      });
    }
    distinguishLabels(variants);
    return { type: 'master', url, ms, variants, renditions: renditionsOf(m, url) };
  }
  if (m.targetDuration === undefined || !Number.isFinite(m.targetDuration)) {
    throw new HlsFailure('hls_malformed', `The ${what} has no #EXT-X-TARGETDURATION`);
  }
  if (m.segments.length === 0) throw new HlsFailure('hls_malformed', `The ${what} lists no segments and no variants`);
  for (const s of m.segments) {
    if (!(Number.isFinite(s.duration) && s.duration > 0)) {
      throw new HlsFailure(
        'hls_malformed',
        `The ${what} has a segment without a valid #EXTINF duration (${s.uri.slice(0, 80)})`,
      );
    }
  }
  return {
    type: 'media',
    url,
    ms,
    targetDuration: m.targetDuration,
    mediaSequence: m.mediaSequence ?? 0,
    discontinuitySequence: m.discontinuitySequence ?? 0,
    endList: m.endList === true,
    playlistType: m.playlistType,
    segments: m.segments.map((s) => ({
      uri: s.uri,
      duration: s.duration,
      programDateTime: s.programDateTime,
      byterange:
        s.byterange && Number.isFinite(s.byterange.length) && s.byterange.length > 0
          ? { offset: s.byterange.offset ?? 0, length: s.byterange.length }
          : undefined,
      key:
        s.key && s.key.method !== 'NONE' && typeof s.key.uri === 'string'
          ? { method: s.key.method, uri: s.key.uri }
          : undefined,
    })),
    partTarget: m.partInf?.partTarget,
    newestPart: newestPart(m),
  };
}

/** The newest #EXT-X-PART: in the segment still being written (preload) or the newest complete one. */
function newestPart(m: M3u8Manifest): { msn: number; index: number } | undefined {
  const first = m.mediaSequence ?? 0;
  const preload = m.preloadSegment?.parts?.length ?? 0;
  if (preload > 0) return { msn: first + m.segments.length, index: preload - 1 };
  for (let i = m.segments.length - 1; i >= 0; i--) {
    const n = m.segments[i]!.parts?.length ?? 0;
    if (n > 0) return { msn: first + i, index: n - 1 };
  }
  return undefined;
}

/** Audio and subtitle renditions with their own playlist (closed captions live in the video). */
function renditionsOf(m: M3u8Manifest, base: URL): Rendition[] {
  const out: Rendition[] = [];
  for (const type of ['AUDIO', 'SUBTITLES'] as const) {
    for (const [group, byName] of Object.entries(m.mediaGroups?.[type] ?? {})) {
      for (const [name, r] of Object.entries(byName)) {
        if (typeof r.uri !== 'string') continue;
        let url: URL;
        try {
          url = new URL(r.uri, base);
        } catch {
          throw new HlsFailure(
            'hls_malformed',
            `The master playlist lists the ${type.toLowerCase()} rendition ${name} with an invalid URI`,
          );
        }
        if (url.protocol === 'http:' || url.protocol === 'https:') out.push({ type, group, name, url });
      }
    }
  }
  return out;
}

/** Variants whose URIs differ only in the query string get the query in their label. */
function distinguishLabels(variants: Variant[]): void {
  const count = new Map<string, number>();
  for (const v of variants) count.set(v.label, (count.get(v.label) ?? 0) + 1);
  for (const v of variants) {
    if ((count.get(v.label) ?? 0) > 1 && v.url.search) v.label = `${v.label}${v.url.search}`.slice(0, 80);
  }
}

/** Maps what a fetch threw onto a failure that names the playlist or segment. */
export function fetchFailure(err: unknown, what: string, url: URL, env: Pick<FetchEnv, 'deadline'>): HlsFailure {
  if (err instanceof HlsFailure) return err;
  if (err instanceof BodyLimitError) {
    return new HlsFailure(
      what.includes('segment') ? 'hls_segment_too_large' : 'hls_too_large',
      `The ${what} is too large (${err.message}); not read further`,
    );
  }
  if (env.deadline.aborted)
    return new HlsFailure('timeout', `No complete ${what} within the timeout (${shortUrl(url)})`);
  const c = classifyError(err, url.host, false);
  return new HlsFailure('hls_unreachable', `The ${what} is unreachable: ${c.message}`);
}

function safeRedirect(location: string, from: URL, what: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new HlsFailure('hls_unreachable', `The ${what} redirects to an invalid URL`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new HlsFailure('hls_unreachable', `The ${what} redirects to a ${next.protocol} URL, refused`);
  }
  // Cloud metadata endpoints live there; a playlist has no business redirecting to them.
  if (/^169\.254\./.test(next.hostname) || /^\[fe[89ab]/i.test(next.hostname)) {
    throw new HlsFailure(
      'hls_unreachable',
      `The ${what} redirects to a link-local address (${next.hostname}), refused`,
    );
  }
  return next;
}

/** The variant URI's path relative to the master's folder, without query: "high/index.m3u8" → "high". */
function variantLabel(v: URL, master: URL): string {
  const dir = master.pathname.slice(0, master.pathname.lastIndexOf('/') + 1);
  let path =
    v.origin === master.origin && v.pathname.startsWith(dir) ? v.pathname.slice(dir.length) : v.host + v.pathname;
  path = path.replace(/\/(index|playlist|prog_index|chunklist[^/]*)\.m3u8$/i, '').replace(/\.m3u8$/i, '');
  return path.slice(0, 60) || 'variant';
}

export function shortUrl(u: URL): string {
  const s = u.host + u.pathname;
  return s.length > 100 ? `${s.slice(0, 97)}…` : s;
}

function withoutHash(u: URL): string {
  const c = new URL(u);
  c.hash = '';
  return c.href;
}

function preview(text: string): string {
  const first = text.split('\n', 1)[0] ?? '';
  return first.length === 0 ? '(empty)' : JSON.stringify(first.length > 40 ? `${first.slice(0, 40)}…` : first);
}
