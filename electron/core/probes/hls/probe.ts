import type { HlsConfig, HlsDetails } from '../../../../shared/probes/hls';
import type { ProbeOutcome } from '../../../../shared/result';
import { boundedRequest } from '../common/bounded-request';
import { probeDeadline } from '../common/deadline';
import type { ProbeContext } from '../context';
import { checkKeys, loadRenditions, type LoadedRendition } from './extras';
import { type Freshness, type Judged, type Problem, freshness } from './freshness';
import {
  type FetchEnv,
  HlsFailure,
  type MediaPlaylist,
  type Variant,
  fetchFailure,
  loadPlaylist,
  shortUrl,
} from './playlist';
import { chooseVariants } from './variants';
import { answered, cancelled } from '../common/outcome';
import { formatMs } from '../common/format-duration';

interface SegmentCheck {
  ms: number;
  durationMs: number;
  bytes: number;
}

interface VariantCheck {
  variant: Variant;
  playlist: MediaPlaylist;
  fresh: Freshness;
  segment?: SegmentCheck;
}

/**
 * Live stream check, the way a player sees it: master playlist → chosen variants' media playlists
 * (and the audio / subtitle renditions they use) → newest segment of each, and its key. Down when a
 * playlist or key is unreachable, malformed, too large, refers to itself, or the stream stopped
 * advancing (stale, across probes via `ctx.memory`, or by PROGRAM-DATE-TIME on a first probe);
 * degraded when the newest segment downloads slower than real time, the live edge is too far
 * behind, LL-HLS parts stop, or the sequence numbers jump backwards.
 */
export async function probeHls(config: HlsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const deadline = probeDeadline(ctx.signal, config.timeoutMs);
  const now = ctx.now ?? Date.now;
  const { Agent } = await import('undici'); // loaded by the first probe that needs it, not at start
  const agent = new Agent({
    connect: { timeout: config.timeoutMs },
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
  });
  const env: FetchEnv = {
    signal: deadline.signal,
    deadline: deadline.timeout,
    dispatcher: agent,
    headers: config.headers,
    maxBytes: config.maxPlaylistBytes,
    maxLines: config.maxPlaylistLines,
  };
  const details: HlsDetails = {};
  try {
    const visited = new Set<string>();
    const top = await loadPlaylist(new URL(config.url), 'master playlist', env, visited);
    let variants: Variant[];
    let media: MediaPlaylist[];
    let renditions: LoadedRendition[] = [];
    let masterMs = 0;
    if (top.type === 'master') {
      masterMs = top.ms;
      details.variantCount = top.variants.length;
      variants = chooseVariants(top.variants, config);
      const loading = variants.map(async (v) => {
        const p = await loadPlaylist(v.url, `playlist of variant ${v.label}`, env, new Set(visited));
        if (p.type === 'master')
          throw new HlsFailure(
            'hls_malformed',
            `The playlist of variant ${v.label} is another master playlist, not a media playlist`,
          );
        return p;
      });
      const [loaded, alt] = await Promise.all([
        Promise.all(loading),
        config.checkRenditions ? loadRenditions(top.renditions, variants, env, visited) : Promise.resolve([]),
      ]);
      media = loaded;
      renditions = alt;
    } else {
      // Pointed straight at a media playlist: check it as the only variant.
      details.variantCount = 1;
      variants = [{ label: 'media', url: top.url, bandwidth: undefined, resolution: undefined, name: undefined }];
      media = [top];
    }
    const playlistMs = Math.max(...media.map((p) => p.ms), ...renditions.map((r) => r.playlist.ms));
    const latencyMs = Math.round(masterMs + playlistMs);
    details.masterMs = Math.round(masterMs);
    details.playlistMs = Math.round(playlistMs);

    const problems: Problem[] = [];
    const judged: Judged[] = [
      ...variants.map((v, i) => ({ label: v.label, key: withoutHash(v.url), playlist: media[i]!, delay: true })),
      ...renditions.map((r) => ({
        label: r.label,
        key: withoutHash(r.rendition.url),
        playlist: r.playlist,
        delay: false,
      })),
    ];
    const fresh = freshness(judged, config, now(), ctx.memory, problems);
    const checks: VariantCheck[] = variants.map((variant, i) => ({ variant, playlist: media[i]!, fresh: fresh[i]! }));
    if (config.checkKeys && !problems.some((p) => p.status === 'down')) {
      const keys = await checkKeys(judged, config, env, problems);
      if (keys > 0) details.keysChecked = keys;
    }
    if (config.checkSegment) {
      // One at a time: parallel downloads would share bandwidth and each look slower than it is.
      for (const c of checks) {
        if (!problems.some((p) => p.status === 'down')) c.segment = await checkNewestSegment(c, config, env, problems);
      }
    }
    describe(details, checks, renditions, fresh.slice(variants.length), config);

    const worst = problems.find((p) => p.status === 'down') ?? problems[0];
    if (worst) return { status: worst.status, latencyMs, errorCode: worst.code, message: worst.message, details };
    return answered({ latencyMs, details }, config.degradedAboveMs, (d) => `Playlists took ${d}`);
  } catch (err) {
    if (ctx.signal.aborted && !deadline.timeout.aborted) return cancelled();
    const f = err instanceof HlsFailure ? err : fetchFailure(err, 'stream', new URL(config.url), env);
    return { status: f.status, latencyMs: null, errorCode: f.code, message: f.message, details };
  } finally {
    deadline.end();
    agent.destroy().catch(() => undefined);
  }
}

async function checkNewestSegment(
  c: VariantCheck,
  config: HlsConfig,
  env: FetchEnv,
  problems: Problem[],
): Promise<SegmentCheck | undefined> {
  const seg = c.playlist.segments[c.playlist.segments.length - 1]!;
  const what = `newest segment of ${c.variant.label}`;
  let url: URL;
  try {
    url = new URL(seg.uri, c.playlist.url);
  } catch {
    problems.push({ status: 'down', code: 'hls_malformed', message: `The ${what} has an invalid URI` });
    return undefined;
  }
  const durationMs = Math.round(seg.duration * 1000);
  const range = seg.byterange;
  if (range && range.length > config.maxSegmentBytes) {
    problems.push({
      status: 'degraded',
      code: 'hls_segment_too_large',
      message: `The ${what} is too large (a ${range.length}-byte range, more than ${config.maxSegmentBytes} bytes); not downloaded`,
    });
    return undefined;
  }
  const headers = url.origin === c.playlist.url.origin ? { ...config.headers } : {};
  // A single-file stream (#EXT-X-BYTERANGE): the segment is that range, fetched and measured as such.
  const rangeHeader = range ? `bytes=${range.offset}-${range.offset + range.length - 1}` : undefined;
  try {
    const res = await boundedRequest(url, {
      headers: rangeHeader ? { ...headers, range: rangeHeader } : headers,
      signal: env.signal,
      dispatcher: env.dispatcher,
      maxBytes: range ? range.length : config.maxSegmentBytes,
      discard: true,
      ...(range ? { truncate: true } : {}),
    });
    if (res.status < 200 || res.status > 299) {
      problems.push({
        status: 'down',
        code: 'hls_segment_unreachable',
        message: `The ${what} answered HTTP ${res.status} (${shortUrl(url)})`,
      });
      return undefined;
    }
    const ms = Math.round(res.ms);
    if (range && res.status !== 206) {
      problems.push({
        status: 'degraded',
        code: 'hls_range_ignored',
        message: `The ${what} was asked for ${rangeHeader} and answered HTTP ${res.status} with the whole file (${shortUrl(url)}): players need byte ranges`,
      });
    } else if (range && res.bytes !== range.length) {
      problems.push({
        status: 'down',
        code: 'hls_segment_unreachable',
        message: `The ${what} returned ${res.bytes} of the ${range.length} bytes of its range (${shortUrl(url)})`,
      });
      return undefined;
    }
    if (ms > durationMs) {
      problems.push({
        status: 'degraded',
        code: 'hls_slow_segment',
        message: `The ${what} took ${formatMs(ms)} to download, longer than its ${formatMs(durationMs)} duration (viewers would buffer)`,
      });
    }
    return { ms, durationMs, bytes: res.bytes };
  } catch (err) {
    const f = fetchFailure(err, what, url, env);
    if (f.code === 'hls_segment_too_large') problems.push({ status: 'degraded', code: f.code, message: f.message });
    else if (f.code === 'timeout')
      problems.push({
        status: 'down',
        code: 'timeout',
        message: `The ${what} did not finish downloading within the ${formatMs(config.timeoutMs)} timeout`,
      });
    else problems.push({ status: 'down', code: 'hls_segment_unreachable', message: f.message });
    return undefined;
  }
}

/** Scalars for the first checked variant (what charts plot), lists for all of them. */
function describe(
  details: HlsDetails,
  checks: VariantCheck[],
  renditions: LoadedRendition[],
  renditionFresh: Freshness[],
  config: HlsConfig,
): void {
  const first = checks[0];
  if (!first) return;
  details.variantsChecked = checks.map((c) => c.variant.label);
  details.mediaSequence = first.playlist.mediaSequence;
  details.mediaSequences = checks.map((c) => c.playlist.mediaSequence);
  details.discontinuitySequence = first.playlist.discontinuitySequence;
  details.targetDurationS = first.playlist.targetDuration;
  details.sequenceStuckMs = Math.max(...checks.map((c) => c.fresh.stuckMs), ...renditionFresh.map((f) => f.stuckMs));
  if (renditions.length > 0) details.renditionsChecked = renditions.map((r) => r.label);
  const ages = checks.map((c) => c.fresh.ageMs).filter((a): a is number => a !== undefined);
  if (ages.length > 0) details.playlistAgeMs = Math.max(...ages);
  const delays = checks.map((c) => c.fresh.delayMs).filter((a): a is number => a !== undefined);
  if (delays.length > 0) {
    // The figure charted per probe; its threshold travels with it so the view can say "threshold 30 s".
    details.liveDelayMs = Math.max(...delays);
    details.liveDelayLimitMs = config.maxLiveDelaySec * 1000;
  }
  if (first.playlist.partTarget !== undefined) details.partTargetS = first.playlist.partTarget;
  const segs = checks.filter((c): c is VariantCheck & { segment: SegmentCheck } => c.segment !== undefined);
  if (segs.length === 0) return;
  // The variant closest to buffering is the one to show.
  const worst = segs.reduce((a, b) =>
    b.segment.ms / b.segment.durationMs > a.segment.ms / a.segment.durationMs ? b : a,
  );
  details.segmentMs = worst.segment.ms;
  details.segmentDurationMs = worst.segment.durationMs;
  details.segmentRatio = Math.round((worst.segment.ms / worst.segment.durationMs) * 1000) / 1000;
  details.segmentBytes = worst.segment.bytes;
  details.bitrateKbps = Math.round((worst.segment.bytes * 8) / worst.segment.durationMs);
  if (worst.variant.bandwidth !== undefined) details.declaredKbps = Math.round(worst.variant.bandwidth / 1000);
  details.segmentVariant = worst.variant.label;
  details.segmentMsByVariant = segs.map((c) => c.segment.ms);
}

function withoutHash(u: URL): string {
  const c = new URL(u);
  c.hash = '';
  return c.href;
}
