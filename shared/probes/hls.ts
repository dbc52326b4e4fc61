import { z } from 'zod';
import { defineKind, noSecrets } from './kind';
import { httpUrl } from './url';

const playlistUrl = httpUrl('Enter the playlist URL');

/**
 * Which variants of a master playlist to check:
 * `all`, the `highest` or `lowest` bandwidth, or those that `match` one of `match`'s tokens
 * (a variant's NAME, its resolution `1280x720` or height `720p`, or a path segment of its URI).
 */
export const HLS_VARIANT_CHOICES = ['all', 'highest', 'lowest', 'match'] as const;

export const HlsConfig = z
  .strictObject({
    /** Master playlist (or a single media playlist). */
    url: playlistUrl,
    headers: z.record(z.string().min(1), z.string()).default({}),
    variants: z.enum(HLS_VARIANT_CHOICES).default('all'),
    match: z.array(z.string().trim().min(1, 'Empty variant name').max(64)).max(16).default([]),
    /** More variants than this are not checked (a hostile master can list thousands). */
    maxVariants: z.int().min(1).max(16).default(4),
    /** Stale when the media sequence has not advanced for this many target durations. */
    staleAfterTargetDurations: z.number().min(1).max(100).default(3),
    /** Download each checked variant's newest segment; degraded when it takes longer than its duration. */
    checkSegment: z.boolean().default(true),
    /** A finished stream (`#EXT-X-ENDLIST`) is down unless this is false (video on demand). */
    expectLive: z.boolean().default(true),
    /**
     * Check the audio and subtitle renditions (#EXT-X-MEDIA) the checked variants play with: their
     * playlists load and advance like the variants' own. Off: renditions are not fetched.
     */
    checkRenditions: z.boolean().default(true),
    /** Fetch each encryption key URI (#EXT-X-KEY) in use, under the playlist caps; never decrypts. */
    checkKeys: z.boolean().default(true),
    /**
     * Degraded when the live edge (the newest segment's #EXT-X-PROGRAM-DATE-TIME) is further behind
     * the clock than this; streams without PROGRAM-DATE-TIME are not judged.
     */
    maxLiveDelaySec: z.number().min(1).max(86_400).default(30),
    maxPlaylistBytes: z
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(4 * 1024 * 1024),
    maxPlaylistLines: z.int().min(10).max(200_000).default(50_000),
    maxSegmentBytes: z
      .int()
      .min(1024)
      .max(256 * 1024 * 1024)
      .default(32 * 1024 * 1024),
    /** Whole probe, every playlist and the segment download together. */
    timeoutMs: z.int().min(100).max(120_000).default(15_000),
    /** Slower than this overall is `degraded`, like the other kinds. */
    degradedAboveMs: z.int().min(1).max(600_000).default(3000),
  })
  .superRefine((c, ctx) => {
    if (c.variants === 'match' && c.match.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: 'Name at least one variant to check' });
    }
  });
export type HlsConfig = z.output<typeof HlsConfig>;
export type HlsConfigInput = z.input<typeof HlsConfig>;

/**
 * What a hls result keeps besides status and latency (scalars for the first checked variant (what
 * charts plot), lists for all of them): the keys its probe may write, each optional (a failed probe
 * writes fewer). Stored within the bounds of ProbeDetails.
 */
export const HlsDetails = z
  .object({
    variantCount: z.int(),
    masterMs: z.number(),
    playlistMs: z.number(),
    keysChecked: z.int(),
    variantsChecked: z.array(z.string()),
    mediaSequence: z.number(),
    mediaSequences: z.array(z.number()),
    discontinuitySequence: z.number(),
    targetDurationS: z.number(),
    sequenceStuckMs: z.number(),
    renditionsChecked: z.array(z.string()),
    playlistAgeMs: z.number(),
    liveDelayMs: z.number(),
    liveDelayLimitMs: z.number(),
    partTargetS: z.number(),
    segmentMs: z.number(),
    segmentDurationMs: z.number(),
    segmentRatio: z.number(),
    segmentBytes: z.number(),
    bitrateKbps: z.number(),
    declaredKbps: z.number(),
    segmentVariant: z.string(),
    segmentMsByVariant: z.array(z.number()),
  })
  .partial();
export type HlsDetails = z.infer<typeof HlsDetails>;

/** The hls kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const hlsKind = defineKind({
  config: HlsConfig,
  details: HlsDetails,
  errors: {
    hls_unreachable: 'A playlist (master, variant or rendition) could not be fetched, or did not answer 2xx.',
    hls_malformed: 'A playlist is not a valid HLS playlist (no #EXTM3U, no segments, a broken tag).',
    hls_too_large: 'A playlist is over the byte or line cap (maxPlaylistBytes / maxPlaylistLines).',
    hls_self_reference: 'A master playlist lists itself (or a loop of playlists) as a variant.',
    hls_variant_missing: "No variant of the master playlist matches the monitor's choice.",
    hls_ended: 'The playlist carries #EXT-X-ENDLIST but the stream is expected to be live.',
    hls_stale: 'The media sequence of a variant or rendition has not advanced for too many target durations.',
    hls_key_unreachable: 'An encryption key (#EXT-X-KEY) in use could not be fetched.',
    hls_key_invalid: 'An AES-128 / SAMPLE-AES key is not 16 bytes.',
    hls_slow_segment: 'Degraded: the newest segment took longer to download than its own duration.',
    hls_segment_too_large: 'Degraded: the newest segment is over the segment byte cap (maxSegmentBytes).',
    hls_range_ignored: 'Degraded: a byte-range request for a segment was answered with the whole file.',
    hls_live_delay:
      'Degraded: the live edge (newest PROGRAM-DATE-TIME) is further behind the clock than maxLiveDelaySec.',
    hls_parts_stale: 'Degraded: the newest LL-HLS part (#EXT-X-PART) has not changed for too many part targets.',
    hls_sequence_reset: 'Degraded: a media sequence went backwards (encoder restart or a different origin).',
    hls_discontinuity: 'Degraded: a discontinuity sequence went backwards.',
    hls_segment_unreachable: 'The newest segment could not be fetched.',
  } as const,
  secretHeaders: noSecrets,
});
