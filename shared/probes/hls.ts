import { z } from 'zod';
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
