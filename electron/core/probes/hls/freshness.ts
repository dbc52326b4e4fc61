import type { ProbeErrorCode } from '../../../../shared/probes/errors';
import type { HlsConfig } from '../../../../shared/probes/hls';
import type { ProbeMemory } from '../context';
import { formatMs } from '../common/format-duration';
import type { MediaPlaylist } from './playlist';

/**
 * Whether each checked media playlist is live and moving: staleness against what earlier probes
 * saw (through `ctx.memory`, which the app keeps in SQLite so it survives a restart), judged on a
 * first probe from #EXT-X-PROGRAM-DATE-TIME; sequence and discontinuity resets; LL-HLS partial
 * segments advancing; and the live-edge delay against its threshold.
 */
export const MEMORY_KEY = 'hls.sequences';

/** One media playlist to judge: a variant's or an alternative rendition's. */
export interface Judged {
  /** What messages call it: "low", "audio English". */
  label: string;
  /** Memory key: the full URI (query included) without the fragment. */
  key: string;
  playlist: MediaPlaylist;
  /** Live-edge delay is judged for variants; renditions only for freshness. */
  delay: boolean;
}

export interface Freshness {
  stuckMs: number;
  /** How far behind the clock the end of the newest segment is (live streams with PROGRAM-DATE-TIME). */
  ageMs: number | undefined;
  /** Clock minus the newest segment's PROGRAM-DATE-TIME (live streams that carry it). */
  delayMs: number | undefined;
}

export interface Problem {
  status: 'down' | 'degraded';
  code: ProbeErrorCode;
  message: string;
}

interface SequenceMemo {
  seq: number;
  disc: number;
  /** When the playlist was last seen advancing (ctx clock), or, on a first probe, when its newest segment ended. */
  since: number;
  label: string;
  /** LL-HLS: position of the newest part, and since when it stands there. */
  part?: number;
  partSince?: number;
}

const isLive = (p: MediaPlaylist): boolean => !p.endList && p.playlistType?.toUpperCase() !== 'VOD';

export function freshness(
  items: Judged[],
  config: HlsConfig,
  at: number,
  memory: ProbeMemory | undefined,
  problems: Problem[],
): Freshness[] {
  const before = (memory?.get(MEMORY_KEY) ?? {}) as Record<string, SequenceMemo | undefined>;
  const after: Record<string, SequenceMemo> = {};
  const keys = new Set(items.map((i) => i.key));
  const out = items.map((item): Freshness => {
    const p = item.playlist;
    const prev = before[item.key] ?? renamed(before, item, keys, items);
    const newest = p.segments[p.segments.length - 1];
    const edgeEnd = newest?.programDateTime === undefined ? undefined : newest.programDateTime + newest.duration * 1000;
    const live = isLive(p);
    const limitMs = config.staleAfterTargetDurations * p.targetDuration * 1000;

    let since = at;
    let byClock = false;
    if (prev && p.mediaSequence === prev.seq) since = prev.since;
    else if (
      !prev &&
      live &&
      edgeEnd !== undefined &&
      at - edgeEnd >= Math.max(limitMs, config.maxLiveDelaySec * 1000)
    ) {
      // First sight of this playlist (new monitor, or nothing remembered): its own clock says when
      // it last advanced. Only beyond both the stale limit and the live-delay threshold, so a stream
      // that is merely late is not called stale before a second probe could see it move.
      since = edgeEnd;
      byClock = true;
    }
    if (prev && p.mediaSequence < prev.seq) {
      problems.push({
        status: 'degraded',
        code: 'hls_sequence_reset',
        message: `Media sequence of ${item.label} went back from ${prev.seq} to ${p.mediaSequence} (the stream restarted or origins disagree)`,
      });
    } else if (prev && p.discontinuitySequence < prev.disc) {
      problems.push({
        status: 'degraded',
        code: 'hls_discontinuity',
        message: `Discontinuity sequence of ${item.label} went back from ${prev.disc} to ${p.discontinuitySequence}`,
      });
    }
    const memo: SequenceMemo = { seq: p.mediaSequence, disc: p.discontinuitySequence, since, label: item.label };
    const stuckMs = at - since;
    let stale = false;
    if (p.endList) {
      if (config.expectLive)
        problems.push({
          status: 'down',
          code: 'hls_ended',
          message: `The stream has ended: the playlist of ${item.label} carries #EXT-X-ENDLIST`,
        });
    } else if (stuckMs >= limitMs) {
      stale = true;
      const rule = `stale after ${config.staleAfterTargetDurations} × ${p.targetDuration} s target duration`;
      problems.push({
        status: 'down',
        code: 'hls_stale',
        message: byClock
          ? `The newest segment of ${item.label} ended ${formatMs(stuckMs)} ago by its #EXT-X-PROGRAM-DATE-TIME (media sequence ${p.mediaSequence}; ${rule})`
          : `The playlist of ${item.label} has not advanced for ${formatMs(stuckMs)} (media sequence ${p.mediaSequence}; ${rule})`,
      });
    }
    if (live && p.partTarget !== undefined && p.newestPart)
      checkParts(item, p, memo, prev, at, config, stale, problems);
    after[item.key] = memo;

    const ageMs = live && edgeEnd !== undefined ? Math.max(0, Math.round(at - edgeEnd)) : undefined;
    const delayMs =
      live && newest?.programDateTime !== undefined ? Math.max(0, Math.round(at - newest.programDateTime)) : undefined;
    if (item.delay && delayMs !== undefined && !stale && delayMs > config.maxLiveDelaySec * 1000) {
      problems.push({
        status: 'degraded',
        code: 'hls_live_delay',
        message: `The stream of ${item.label} is ${formatMs(delayMs)} behind live (newest segment's #EXT-X-PROGRAM-DATE-TIME), threshold ${formatMs(config.maxLiveDelaySec * 1000)}`,
      });
    }
    return { stuckMs, ageMs, delayMs };
  });
  memory?.set(MEMORY_KEY, after);
  return out;
}

/** LL-HLS: the newest #EXT-X-PART must move on between probes, or low-latency players stall. */
function checkParts(
  item: Judged,
  p: MediaPlaylist,
  memo: SequenceMemo,
  prev: SequenceMemo | undefined,
  at: number,
  config: HlsConfig,
  stale: boolean,
  problems: Problem[],
): void {
  const pos = p.newestPart!.msn * 100_000 + p.newestPart!.index;
  memo.part = pos;
  memo.partSince = prev?.part !== undefined && pos <= prev.part ? (prev.partSince ?? at) : at;
  const stuck = at - memo.partSince;
  const limit = config.staleAfterTargetDurations * p.partTarget! * 1000;
  if (!stale && stuck >= limit) {
    problems.push({
      status: 'degraded',
      code: 'hls_parts_stale',
      message: `The partial segments (#EXT-X-PART) of ${item.label} have not advanced for ${formatMs(stuck)} (low-latency players stall; stale after ${config.staleAfterTargetDurations} × ${p.partTarget} s part target)`,
    });
  }
}

/**
 * A variant whose URI token changes on every master fetch is still the same variant: when no memory
 * has its exact URI, take the memory of the one entry with its label that no current item claims.
 * Variants that differ only in the query string carry the query in their labels, so they never match.
 */
function renamed(
  before: Record<string, SequenceMemo | undefined>,
  item: Judged,
  keys: Set<string>,
  items: Judged[],
): SequenceMemo | undefined {
  if (items.filter((i) => i.label === item.label).length > 1) return undefined;
  const candidates = Object.entries(before).filter(([k, m]) => m?.label === item.label && !keys.has(k));
  return candidates.length === 1 ? candidates[0]![1] : undefined;
}
