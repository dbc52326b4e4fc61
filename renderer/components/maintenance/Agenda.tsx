import { useState } from 'react';
import type { Occurrence } from '../../../shared/maintenance';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { formatClock, formatDuration, formatWhen } from './time';
import { DraftNoticeButton } from '../drafts/DraftNoticeButton';

interface Props {
  occurrences: Occurrence[];
  now: number;
  readOnly: boolean;
  onEdit?: (windowId: number) => void;
  onExport?: (windowId: number) => void;
}

/** Upcoming and running occurrences with their state and what the operator can do to each. */
export function Agenda({ occurrences, now, readOnly, onEdit, onExport }: Props) {
  const transport = useTransport();
  const [error, setError] = useState<string | null>(null);
  const [extendBy, setExtendBy] = useState('30');
  const control = useMethodControl();
  // "End now" cannot be undone: it asks first, on the occurrence's own row.
  const [confirmEnd, setConfirmEnd] = useState<string | null>(null);

  async function act(fn: () => Promise<unknown>) {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(asApiError(err).message);
    }
  }

  if (occurrences.length === 0) return <p className="muted">No maintenance planned in this range.</p>;
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="mx-agenda" aria-label="Upcoming maintenance">
        {occurrences.map((o) => (
          <li key={`${o.windowId}-${o.start}`} data-agenda={o.title} data-state={o.state}>
            <span className="mx-agenda__title">{o.title}</span>
            <span>
              {formatWhen(o.start)} · {formatDuration(o.end - o.start)}
              {o.extendedMin > 0 && ` (extended ${o.extendedMin} min)`}
            </span>
            <span className="muted" title="Declared time in the window’s zone">
              {o.localStart.slice(11)} {o.zone}
              {o.shifted && ' (moved by DST)'}
            </span>
            <span className={`mx-state mx-state--${o.state}`}>{o.state.replace('_', ' ')}</span>
            {o.endedEarlyAt !== null && <span data-ended-early>ended early at {formatClock(o.endedEarlyAt)}</span>}
            {o.state === 'scheduled' && o.start > now && <span>{`in ${formatDuration(o.start - now)}`}</span>}
            <DraftNoticeButton
              className="btn btn--ghost"
              source={{ kind: 'window', windowId: o.windowId, occurrenceStart: o.start }}
            />
            {!readOnly && o.state === 'scheduled' && (
              <button
                type="button"
                className="btn btn--ghost"
                onClick={() =>
                  void act(() => transport.invoke('windows.cancelOccurrence', { id: o.windowId, start: o.start }))
                }
                {...control('windows.cancelOccurrence')}
              >
                Cancel occurrence
              </button>
            )}
            {!readOnly && o.state === 'in_progress' && (
              <>
                <label>
                  <span className="sr-only">Extend by minutes</span>
                  <input
                    type="number"
                    min={1}
                    max={1440}
                    value={extendBy}
                    onChange={(e) => setExtendBy(e.target.value)}
                    style={{ width: 64 }}
                  />
                </label>
                <button
                  type="button"
                  className="btn"
                  onClick={() =>
                    void act(() =>
                      transport.invoke('windows.extend', { id: o.windowId, start: o.start, minutes: Number(extendBy) }),
                    )
                  }
                  {...control('windows.extend')}
                >
                  Extend
                </button>
                {confirmEnd === `${o.windowId}-${o.start}` ? (
                  <span className="mx-confirm" role="group" aria-label={`End ${o.title} now?`}>
                    End “{o.title}” now? Alerts resume for its monitors.
                    <button
                      type="button"
                      className="btn btn--danger-outline"
                      onClick={() => {
                        setConfirmEnd(null);
                        void act(() => transport.invoke('windows.endEarly', { id: o.windowId, start: o.start }));
                      }}
                      {...control('windows.endEarly')}
                    >
                      Yes, end now
                    </button>
                    <button type="button" className="btn btn--ghost" onClick={() => setConfirmEnd(null)}>
                      Keep it running
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn btn--danger-outline"
                    onClick={() => setConfirmEnd(`${o.windowId}-${o.start}`)}
                    {...control('windows.endEarly')}
                  >
                    End now
                  </button>
                )}
              </>
            )}
            {onEdit && (
              <button type="button" className="btn btn--ghost" onClick={() => onEdit(o.windowId)}>
                Edit window
              </button>
            )}
            {onExport && (
              <button type="button" className="btn btn--ghost" onClick={() => onExport(o.windowId)}>
                .ics
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
