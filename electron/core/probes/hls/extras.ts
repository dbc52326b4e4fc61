import type { HlsConfig } from '../../../../shared/probes/hls';
import { boundedRequest } from '../common/bounded-request';
import type { Problem } from './freshness';
import {
  type FetchEnv,
  HlsFailure,
  type MediaPlaylist,
  type Rendition,
  type Variant,
  fetchFailure,
  loadPlaylist,
  shortUrl,
} from './playlist';

/**
 * The rest of a real stream, bounded like the variants: the alternative renditions (#EXT-X-MEDIA
 * audio and subtitles) the checked variants play with, and the encryption keys (#EXT-X-KEY) their
 * newest segments need. A frozen audio playlist or a key server that is down plays broken for
 * every viewer while the video playlists look fine.
 */

/** At most this many renditions and keys per probe (a hostile master can list thousands). */
const MAX_RENDITIONS = 8;
const MAX_KEYS = 4;
/** AES-128 and SAMPLE-AES keys are 16 bytes; anything else would fail in every player. */
const AES_KEY_BYTES = 16;

export interface LoadedRendition {
  rendition: Rendition;
  label: string;
  playlist: MediaPlaylist;
}

/** The renditions the chosen variants refer to, loaded; a failure names the rendition. */
export async function loadRenditions(
  all: Rendition[],
  variants: Variant[],
  env: FetchEnv,
  visited: Set<string>,
): Promise<LoadedRendition[]> {
  const groups = new Set(
    variants.flatMap((v) => [v.audio && `AUDIO:${v.audio}`, v.subtitles && `SUBTITLES:${v.subtitles}`].filter(Boolean)),
  );
  const seen = new Set<string>();
  const wanted = all
    .filter((r) => groups.has(`${r.type}:${r.group}`) && !seen.has(r.url.href) && seen.add(r.url.href))
    .slice(0, MAX_RENDITIONS);
  return Promise.all(
    wanted.map(async (rendition) => {
      const label = `${rendition.type === 'AUDIO' ? 'audio' : 'subtitles'} ${rendition.name}`.slice(0, 60);
      const p = await loadPlaylist(rendition.url, `playlist of the ${label} rendition`, env, new Set(visited));
      if (p.type === 'master')
        throw new HlsFailure(
          'hls_malformed',
          `The playlist of the ${label} rendition is a master playlist, not a media playlist`,
        );
      return { rendition, label, playlist: p };
    }),
  );
}

/**
 * Fetches each distinct key URI the newest segments use (under the playlist byte cap, body
 * discarded, never used to decrypt). Down when a key cannot be fetched or has the wrong size.
 */
export async function checkKeys(
  media: { label: string; playlist: MediaPlaylist }[],
  config: HlsConfig,
  env: FetchEnv,
  problems: Problem[],
): Promise<number> {
  const keys = new Map<string, { url: URL; method: string; label: string; origin: string }>();
  for (const m of media) {
    const key = m.playlist.segments[m.playlist.segments.length - 1]?.key;
    if (!key) continue;
    let url: URL;
    try {
      url = new URL(key.uri, m.playlist.url);
    } catch {
      problems.push({
        status: 'down',
        code: 'hls_malformed',
        message: `The #EXT-X-KEY of ${m.label} has an invalid URI`,
      });
      continue;
    }
    // skd:// (FairPlay), data: and the like are resolved by the player's DRM, not fetched here.
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    if (!keys.has(url.href) && keys.size < MAX_KEYS)
      keys.set(url.href, { url, method: key.method, label: m.label, origin: m.playlist.url.origin });
  }
  for (const k of keys.values()) {
    const what = `encryption key of ${k.label}`;
    try {
      const res = await boundedRequest(k.url, {
        headers: k.url.origin === k.origin ? config.headers : {},
        signal: env.signal,
        dispatcher: env.dispatcher,
        maxBytes: config.maxPlaylistBytes,
        discard: true,
      });
      if (res.status < 200 || res.status > 299) {
        problems.push({
          status: 'down',
          code: 'hls_key_unreachable',
          message: `The ${what} answered HTTP ${res.status} (${shortUrl(k.url)}): viewers cannot decrypt the stream`,
        });
      } else if ((k.method === 'AES-128' || k.method === 'SAMPLE-AES') && res.bytes !== AES_KEY_BYTES) {
        problems.push({
          status: 'down',
          code: 'hls_key_invalid',
          message: `The ${what} is ${res.bytes} bytes, not the ${AES_KEY_BYTES} an ${k.method} key has (${shortUrl(k.url)})`,
        });
      }
    } catch (err) {
      const f = fetchFailure(err, what, k.url, env);
      problems.push({
        status: 'down',
        code: f.code === 'timeout' ? 'timeout' : 'hls_key_unreachable',
        message: f.message,
      });
    }
  }
  return keys.size;
}
