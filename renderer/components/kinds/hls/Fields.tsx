import { kindControls } from '../common/kind-controls';
import type { KindFieldsProps } from '../types';

/** Fields of a live-stream (hls) monitor. */
export function HlsFields(props: KindFieldsProps) {
  const { config } = props;
  const c = kindControls(props, 'hls');
  const variants = typeof config.variants === 'string' ? config.variants : 'all';

  return (
    <>
      {c.text('url', 'Master playlist URL', {
        placeholder: 'https://cdn.example.com/live/master.m3u8',
        inputMode: 'url',
      })}
      {c.select(
        'variants',
        'Variants to check',
        [
          ['all', 'All'],
          ['highest', 'Highest bandwidth'],
          ['lowest', 'Lowest bandwidth'],
          ['match', 'By name or resolution…'],
        ],
        'all',
      )}
      {variants === 'match' &&
        c.field(
          'match',
          'Variant names',
          (a) => (
            <input
              {...a}
              type="text"
              autoComplete="off"
              placeholder="720p, audio_only"
              value={Array.isArray(config.match) ? (config.match as string[]).join(',') : ''}
              // Split without trimming so what was typed (spaces, a trailing comma) survives the round trip.
              onChange={(e) => c.set('match', e.target.value === '' ? [] : e.target.value.split(','))}
            />
          ),
          'Comma-separated: a NAME, a resolution (1280x720 or 720p) or a folder of the variant URI',
        )}
      <div className="field-row">
        {c.number('staleAfterTargetDurations', 'Stale after (× target duration)', { hint: 'Default 3' })}
        {c.number('timeoutMs', 'Timeout (ms)', { hint: 'Default 15000 ms' })}
        {c.number('degradedAboveMs', 'Slow above (ms)', { hint: 'Playlists; default 3000 ms' })}
        {c.number('maxLiveDelaySec', 'Behind live above (s)', {
          hint: 'Live-edge delay by PROGRAM-DATE-TIME; default 30 s',
        })}
      </div>
      {c.checkbox('checkSegment', 'Download the newest segment (degraded when slower than real time)', true)}
      {c.checkbox('expectLive', 'The stream should be live (a finished stream is down)', true)}
      {c.checkbox('checkRenditions', 'Check the audio and subtitle renditions the variants use', true)}
      {c.checkbox('checkKeys', 'Fetch the encryption keys (#EXT-X-KEY) the newest segments need', true)}
    </>
  );
}
