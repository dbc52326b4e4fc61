import { useState } from 'react';
import type { MonitorState } from '../../shared/state';
import { useTransport } from '../api/context';
import { asApiError } from '../hooks/useApiQuery';
import { useNow } from '../hooks/useNow';
import { useMethodControl } from '../hooks/useReviewMode';
import { formatClock } from '../lib/format';

interface Props {
  monitorIds: readonly number[];
  states: ReadonlyMap<number, MonitorState>;
  readOnly: boolean;
}

const HOUR_MIN = 60;

/** Minutes from now until the next `HH:mm` (today, or tomorrow when that time has passed). */
export function minutesUntil(hhmm: string, now: number): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const at = new Date(now);
  at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return Math.ceil((at.getTime() - now) / 60_000);
}

/**
 * Mid-incident controls in the header: pause or resume every monitor, snooze every monitor's
 * alerts for an hour or until a time (and end the snooze).
 */
export function HeaderControls({ monitorIds, states, readOnly }: Props) {
  const transport = useTransport();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [until, setUntil] = useState('');
  const [open, setOpen] = useState(false);
  const now = useNow(15_000);
  const control = useMethodControl();
  const all = [...states.values()];
  const pausedAll = all.length > 0 && all.every((s) => s.state === 'paused');
  const snoozedUntil = all.reduce<number | null>(
    (max, s) =>
      s.snoozedUntil && s.snoozedUntil > now && (max === null || s.snoozedUntil > max) ? s.snoozedUntil : max,
    null,
  );

  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setOpen(false);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  }
  const snooze = (minutes: number) =>
    run(() => Promise.all(monitorIds.map((monitorId) => transport.invoke('alerts.snooze', { monitorId, minutes }))));

  if (readOnly || monitorIds.length === 0) return null;
  return (
    <div className="header-controls">
      <button
        type="button"
        className="btn btn--small"
        onClick={() => void run(() => transport.invoke(pausedAll ? 'monitors.resumeAll' : 'monitors.pauseAll', {}))}
        {...control(pausedAll ? 'monitors.resumeAll' : 'monitors.pauseAll', { disabled: busy })}
      >
        {pausedAll ? 'Resume all' : 'Pause all'}
      </button>
      {snoozedUntil !== null ? (
        <span className="header-controls__snoozed" data-snoozed-until={snoozedUntil}>
          Alerts snoozed until {formatClock(snoozedUntil)}{' '}
          <button
            type="button"
            className="btn btn--small btn--ghost"
            onClick={() => void snooze(0)}
            {...control('alerts.snooze', { disabled: busy })}
          >
            Unsnooze
          </button>
        </span>
      ) : (
        <span className="header-controls__snooze">
          <button
            type="button"
            className="btn btn--small"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            {...control('alerts.snooze', { disabled: busy })}
          >
            Snooze alerts
          </button>
          {open && (
            <span className="header-controls__menu" role="group" aria-label="Snooze alerts">
              <button
                type="button"
                className="btn btn--small"
                onClick={() => void snooze(HOUR_MIN)}
                {...control('alerts.snooze', { disabled: busy })}
              >
                For 1 hour
              </button>
              <label>
                Until{' '}
                <input type="time" value={until} onChange={(e) => setUntil(e.target.value)} aria-label="Snooze until" />
              </label>
              <button
                type="button"
                className="btn btn--small"
                {...control('alerts.snooze', { disabled: busy || until === '' })}
                onClick={() => {
                  const minutes = minutesUntil(until, Date.now());
                  if (minutes === null) return setError('Enter the time to snooze until as HH:MM.');
                  void snooze(minutes);
                }}
              >
                Snooze
              </button>
            </span>
          )}
        </span>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
