import { useState } from 'react';
import { formatDuration } from '../../../shared/dashboard';
import { formatDateTime } from '../../lib/format';
import { RANGES, fromLocalInput, rangeFromParams, toLocalInput, type ChartRange } from '../../lib/ranges';

interface Props {
  range: ChartRange;
  /** The span the chart shows now (the custom fields start from it). */
  view: { from: number; to: number };
  /** Changes when the chosen range changes (a preset, a zoom), not as live time moves. */
  rangeKey: string;
  loaded: boolean;
  onRange: (r: ChartRange) => void;
}

/** The chart's title line with the preset ranges, and the custom range form (with Reset zoom). */
export function RangePicker({ range, view, rangeKey, loaded, onRange }: Props) {
  const [customFrom, setCustomFrom] = useState(() => toLocalInput(view.from));
  const [customTo, setCustomTo] = useState(() => toLocalInput(view.to));
  const [customError, setCustomError] = useState<string | null>(null);
  // A preset or a zoom replaces the range: the custom fields show it, ready to be adjusted.
  // Only when the chosen range changes, not as live time moves (the fields would jump while typing).
  const chosen = `${rangeKey}|${loaded}`;
  const [shownRange, setShownRange] = useState(chosen);
  if (chosen !== shownRange) {
    setShownRange(chosen);
    setCustomFrom(toLocalInput(view.from));
    setCustomTo(toLocalInput(view.to));
    setCustomError(null);
  }

  return (
    <>
      <div className="detail__toolbar">
        <h3 id="chart-title" className="detail__subtitle">
          Latency and status
        </h3>
        <div className="segmented" role="group" aria-label="Chart range">
          {RANGES.map((r) => (
            <button
              key={r.key}
              type="button"
              title={r.title}
              aria-pressed={range.kind === 'preset' && range.key === r.key}
              onClick={() => onRange({ kind: 'preset', key: r.key, ms: r.ms, live: r.key === 'live' })}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <form
        className="custom-range"
        aria-label="Custom range"
        onSubmit={(e) => {
          e.preventDefault();
          const from = fromLocalInput(customFrom);
          const to = fromLocalInput(customTo);
          if (from === null || to === null) return setCustomError('Enter both a start and an end.');
          if (to <= from) return setCustomError('The end must be after the start.');
          setCustomError(null);
          onRange({ kind: 'custom', from, to });
        }}
      >
        <label>
          From{' '}
          <input
            type="datetime-local"
            value={customFrom}
            onChange={(e) => setCustomFrom(e.target.value)}
            aria-invalid={customError ? true : undefined}
          />
        </label>
        <label>
          To{' '}
          <input
            type="datetime-local"
            value={customTo}
            onChange={(e) => setCustomTo(e.target.value)}
            aria-invalid={customError ? true : undefined}
          />
        </label>
        <button type="submit" className="btn btn--small">
          Show range
        </button>
        {range.kind === 'custom' && (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => onRange(rangeFromParams(new URLSearchParams('range=24h')))}
          >
            Reset zoom
          </button>
        )}
        {customError && (
          <span className="field__error" role="alert">
            {customError}
          </span>
        )}
        {range.kind === 'custom' && (
          <span className="muted small" aria-live="polite">
            {formatDateTime(range.from)} – {formatDateTime(range.to)} ({formatDuration(range.to - range.from)})
          </span>
        )}
      </form>
    </>
  );
}
