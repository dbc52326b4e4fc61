import { HlsDetails } from '../../../../shared/probes/hls';
import { readDetails } from '../../../../shared/probes/kind';
import type { KindBreakdownProps } from '../types';
import { formatLatency } from '../../../lib/format';
import { HlsLiveDelay } from './LiveDelay';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
const kbps = (k: number) => (k >= 1000 ? `${(k / 1000).toFixed(1)} Mbit/s` : `${k} kbit/s`);

/**
 * Live stream: how old the playlist is, how far behind live, whether the newest segment downloads
 * faster than it plays, and what the probe saw of the stream (variants, renditions, sequences,
 * size and bitrate of the worst segment) — the details the README lists for `hls`.
 */
export function HlsFacts({ result, results }: KindBreakdownProps) {
  const d = readDetails(HlsDetails, result.details);
  const age = d.playlistAgeMs ?? null;
  const seg = d.segmentMs ?? null;
  const dur = d.segmentDurationMs ?? null;
  const target = d.targetDurationS ?? null;
  const ratio = seg !== null && dur ? seg / dur : null;
  const variants = d.variantCount ?? null;
  const checked = d.variantsChecked ?? [];
  const renditions = d.renditionsChecked ?? [];
  const segBytes = d.segmentBytes ?? null;
  const rate = d.bitrateKbps ?? null;
  const declared = d.declaredKbps ?? null;
  const disc = d.discontinuitySequence ?? null;
  return (
    <dl className="facts facts--compact">
      <div>
        <dt>Playlist age</dt>
        <dd>{age === null ? '—' : `${(age / 1000).toFixed(1)} s${target ? ` (target duration ${target} s)` : ''}`}</dd>
      </div>
      <HlsLiveDelay results={results} />
      <div>
        <dt>Newest segment</dt>
        <dd>
          {seg === null || dur === null
            ? '—'
            : `downloaded in ${formatLatency(seg)} for ${(dur / 1000).toFixed(1)} s of video`}
          {ratio !== null && (
            <span className={`tag ${ratio >= 1 ? 'tag--bad' : ''}`}>
              {' '}
              {ratio >= 1 ? 'slower than real time' : `${Math.round(ratio * 100)}% of real time`}
            </span>
          )}
        </dd>
      </div>
      {(segBytes !== null || rate !== null) && (
        <div>
          <dt>Segment size</dt>
          <dd>
            {segBytes === null ? '—' : bytes(segBytes)}
            {rate !== null && ` · ${kbps(rate)}`}
            {declared !== null && ` (declared ${kbps(declared)})`}
          </dd>
        </div>
      )}
      {variants !== null && (
        <div>
          <dt>Variants</dt>
          <dd>
            {variants}
            {checked.length > 0 && ` · checked ${checked.join(', ')}`}
          </dd>
        </div>
      )}
      {renditions.length > 0 && (
        <div>
          <dt>Renditions</dt>
          <dd>{renditions.join(', ')}</dd>
        </div>
      )}
      {d.mediaSequence !== undefined && (
        <div>
          <dt>Media sequence</dt>
          <dd>
            {String(d.mediaSequence)}
            {disc !== null && ` · discontinuity ${disc}`}
          </dd>
        </div>
      )}
    </dl>
  );
}
