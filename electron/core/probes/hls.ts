import { Agent } from 'undici';
import type { HlsConfig } from '../../../shared/probes/hls';
import type { ProbeDetails, ProbeOutcome } from '../../../shared/result';
import { boundedRequest } from './bounded-request';
import { probeDeadline } from './deadline';
import type { ProbeContext, ProbeMemory } from './context';
import { type FetchEnv, HlsFailure, type MediaPlaylist, type Variant, fetchFailure, loadPlaylist, shortUrl } from './hls-playlist';
import { chooseVariants } from './hls-variants';
import { answered, cancelled } from './outcome';
import { formatMs } from './format-duration';

/** What one probe remembers per variant for the next (keyed by variant label). */
interface SequenceMemo {
  seq: number;
  disc: number;
  /** When this probe first saw `seq` (ctx clock). */
  since: number;
}
const MEMORY_KEY = 'hls.sequences';

interface Problem {
  status: 'down' | 'degraded';
  code: string;
  message: string;
}

interface SegmentCheck {
  ms: number;
  durationMs: number;
  bytes: number;
}

interface VariantCheck {
  variant: Variant;
  playlist: MediaPlaylist;
  segment?: SegmentCheck;
  ageMs: number | undefined;
  stuckMs: number;
}

/**
 * Live stream check, the way a player sees it: master playlist → chosen variants' media playlists
 * → newest segment of each. Down when a playlist is unreachable, malformed, too large, refers to
 * itself, or the stream stopped advancing (stale, across probes via `ctx.memory`); degraded when
 * the newest segment downloads slower than real time or the sequence numbers jump backwards.
 */
export async function probeHls(config: HlsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const deadline = probeDeadline(ctx.signal, config.timeoutMs);
  const now = ctx.now ?? Date.now;
  const agent = new Agent({ connect: { timeout: config.timeoutMs }, headersTimeout: config.timeoutMs, bodyTimeout: config.timeoutMs });
  const env: FetchEnv = {
    signal: deadline.signal,
    deadline: deadline.timeout,
    dispatcher: agent,
    headers: config.headers,
    maxBytes: config.maxPlaylistBytes,
    maxLines: config.maxPlaylistLines,
  };
  const details: ProbeDetails = {};
  try {
    const visited = new Set<string>();
    const top = await loadPlaylist(new URL(config.url), 'master playlist', env, visited);
    let variants: Variant[];
    let media: MediaPlaylist[];
    let masterMs = 0;
    if (top.type === 'master') {
      masterMs = top.ms;
      details.variantCount = top.variants.length;
      variants = chooseVariants(top.variants, config);
      media = await Promise.all(
        variants.map(async (v) => {
          const p = await loadPlaylist(v.url, `playlist of variant ${v.label}`, env, new Set(visited));
          if (p.type === 'master') throw new HlsFailure('hls_malformed', `The playlist of variant ${v.label} is another master playlist, not a media playlist`);
          return p;
        }),
      );
    } else {
      // Pointed straight at a media playlist: check it as the only variant.
      details.variantCount = 1;
      variants = [{ label: 'media', url: top.url, bandwidth: undefined, resolution: undefined, name: undefined }];
      media = [top];
    }
    const latencyMs = Math.round(masterMs + Math.max(...media.map((p) => p.ms)));
    details.masterMs = Math.round(masterMs);
    details.playlistMs = Math.round(Math.max(...media.map((p) => p.ms)));

    const problems: Problem[] = [];
    const checks = sequenceChecks(variants, media, config, now(), ctx.memory, problems);
    if (config.checkSegment) {
      // One at a time: parallel downloads would share bandwidth and each look slower than it is.
      for (const c of checks) {
        if (!problems.some((p) => p.status === 'down')) c.segment = await checkNewestSegment(c, config, env, problems);
      }
    }
    describe(details, checks);

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

/** Staleness, sequence resets and discontinuity sanity against what the previous probe saw. */
function sequenceChecks(
  variants: Variant[],
  media: MediaPlaylist[],
  config: HlsConfig,
  at: number,
  memory: ProbeMemory | undefined,
  problems: Problem[],
): VariantCheck[] {
  const before = (memory?.get(MEMORY_KEY) ?? {}) as Record<string, SequenceMemo | undefined>;
  const after: Record<string, SequenceMemo> = {};
  const checks = variants.map((variant, i): VariantCheck => {
    const p = media[i]!;
    const prev = before[variant.label];
    let since = at;
    if (prev && p.mediaSequence === prev.seq) since = prev.since;
    if (prev && p.mediaSequence < prev.seq) {
      problems.push({
        status: 'degraded',
        code: 'hls_sequence_reset',
        message: `Media sequence of ${variant.label} went back from ${prev.seq} to ${p.mediaSequence} (the stream restarted or origins disagree)`,
      });
    } else if (prev && p.discontinuitySequence < prev.disc) {
      problems.push({
        status: 'degraded',
        code: 'hls_discontinuity',
        message: `Discontinuity sequence of ${variant.label} went back from ${prev.disc} to ${p.discontinuitySequence}`,
      });
    }
    after[variant.label] = { seq: p.mediaSequence, disc: p.discontinuitySequence, since };
    const stuckMs = at - since;
    const limitMs = config.staleAfterTargetDurations * p.targetDuration * 1000;
    if (p.endList) {
      if (config.expectLive) problems.push({ status: 'down', code: 'hls_ended', message: `The stream has ended: the playlist of ${variant.label} carries #EXT-X-ENDLIST` });
    } else if (stuckMs >= limitMs) {
      problems.push({
        status: 'down',
        code: 'hls_stale',
        message: `The playlist of ${variant.label} has not advanced for ${formatMs(stuckMs)} (media sequence ${p.mediaSequence}; stale after ${config.staleAfterTargetDurations} × ${p.targetDuration} s target duration)`,
      });
    }
    return { variant, playlist: p, ageMs: liveEdgeAge(p, at), stuckMs };
  });
  memory?.set(MEMORY_KEY, after);
  return checks;
}

/** How far behind the clock the end of the newest segment is, when the playlist dates its segments. */
function liveEdgeAge(p: MediaPlaylist, at: number): number | undefined {
  const last = p.segments[p.segments.length - 1];
  if (last?.programDateTime === undefined) return undefined;
  return Math.max(0, Math.round(at - (last.programDateTime + last.duration * 1000)));
}

async function checkNewestSegment(c: VariantCheck, config: HlsConfig, env: FetchEnv, problems: Problem[]): Promise<SegmentCheck | undefined> {
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
  try {
    const res = await boundedRequest(url, {
      headers: url.origin === c.playlist.url.origin ? config.headers : {},
      signal: env.signal,
      dispatcher: env.dispatcher,
      maxBytes: config.maxSegmentBytes,
      discard: true,
    });
    if (res.status < 200 || res.status > 299) {
      problems.push({ status: 'down', code: 'hls_segment_unreachable', message: `The ${what} answered HTTP ${res.status} (${shortUrl(url)})` });
      return undefined;
    }
    const ms = Math.round(res.ms);
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
    else if (f.code === 'timeout') problems.push({ status: 'down', code: 'timeout', message: `The ${what} did not finish downloading within the ${formatMs(config.timeoutMs)} timeout` });
    else problems.push({ status: 'down', code: 'hls_segment_unreachable', message: f.message });
    return undefined;
  }
}

/** Scalars for the first checked variant (what charts plot), lists for all of them. */
function describe(details: ProbeDetails, checks: VariantCheck[]): void {
  const first = checks[0];
  if (!first) return;
  details.variantsChecked = checks.map((c) => c.variant.label);
  details.mediaSequence = first.playlist.mediaSequence;
  details.mediaSequences = checks.map((c) => c.playlist.mediaSequence);
  details.discontinuitySequence = first.playlist.discontinuitySequence;
  details.targetDurationS = first.playlist.targetDuration;
  details.sequenceStuckMs = Math.max(...checks.map((c) => c.stuckMs));
  const ages = checks.map((c) => c.ageMs).filter((a): a is number => a !== undefined);
  if (ages.length > 0) details.playlistAgeMs = Math.max(...ages);
  const segs = checks.filter((c): c is VariantCheck & { segment: SegmentCheck } => c.segment !== undefined);
  if (segs.length === 0) return;
  // The variant closest to buffering is the one to show.
  const worst = segs.reduce((a, b) => (b.segment.ms / b.segment.durationMs > a.segment.ms / a.segment.durationMs ? b : a));
  details.segmentMs = worst.segment.ms;
  details.segmentDurationMs = worst.segment.durationMs;
  details.segmentRatio = Math.round((worst.segment.ms / worst.segment.durationMs) * 1000) / 1000;
  details.segmentBytes = worst.segment.bytes;
  details.bitrateKbps = Math.round((worst.segment.bytes * 8) / worst.segment.durationMs);
  if (worst.variant.bandwidth !== undefined) details.declaredKbps = Math.round(worst.variant.bandwidth / 1000);
  details.segmentVariant = worst.variant.label;
  details.segmentMsByVariant = segs.map((c) => c.segment.ms);
}

