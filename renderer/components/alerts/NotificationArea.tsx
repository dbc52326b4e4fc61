import { useMemo, useState } from 'react';
import type { OutboxEntry } from '../../../shared/channels';
import { useAcknowledge } from '../../hooks/useAcknowledge';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useAlertLog } from '../../hooks/useAlertLog';
import { useChannelProblems } from '../../hooks/useChannelProblems';
import { useEvent } from '../../hooks/useEvent';
import { formatTime } from '../../lib/format';
import { canAcknowledge, notificationView } from '../../lib/notifications';
import { routeHref } from '../../lib/route';
import { OperatorNamePrompt } from '../incidents/OperatorNamePrompt';

const CONSOLE_CHANNEL = 0;

/**
 * One compact strip above the page (in the flow, so it never covers content), fed by the alert
 * log: a line per monitor with its newest alert, older ones collapsed, failing channels once
 * each, and acknowledge right on the line.
 */
export function NotificationArea() {
  const log = useAlertLog({ channelId: CONSOLE_CHANNEL, limit: 50 });
  const problems = useChannelProblems();
  const ack = useAcknowledge();
  const control = useMethodControl();
  const [dismissed, setDismissed] = useState<Set<number>>(() => new Set());
  const [open, setOpen] = useState(false);
  const [acked, setAcked] = useState<Map<number, string>>(() => new Map());
  useEvent('incident', ({ incident }) => {
    if (incident.acknowledgedBy) setAcked((m) => new Map(m).set(incident.id, incident.acknowledgedBy as string));
  });
  const view = useMemo(() => notificationView(log.data ?? [], dismissed), [log.data, dismissed]);
  const visible = open ? [...view.shown, ...view.collapsed] : view.shown;
  if (visible.length === 0 && problems.length === 0 && view.collapsed.length === 0) return null;

  const line = (e: OutboxEntry) => {
    const by = e.acknowledgedBy ?? (e.incidentId !== null ? acked.get(e.incidentId) : undefined);
    return (
      <li
        key={e.id}
        className={`notif notif--${e.kind}`}
        data-alert-kind={e.kind}
        data-monitor-id={e.monitorId ?? undefined}
      >
        <time className="notif__time muted" dateTime={new Date(e.createdAt).toISOString()}>
          {formatTime(e.createdAt)}
        </time>
        <strong className="notif__title">{e.title}</strong>
        {e.incidentId !== null && (
          <a href={routeHref('incidents', { params: { id: e.incidentId } })}>#{e.incidentId}</a>
        )}
        {(canAcknowledge(e) || by) &&
          (by ? (
            <span className="muted">Acknowledged by {by}</span>
          ) : (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void ack.acknowledge([e.incidentId as number])}
              {...control('incidents.acknowledge', { disabled: ack.busy })}
            >
              Acknowledge
            </button>
          ))}
        <button
          type="button"
          className="btn btn--ghost btn--small"
          aria-label={`Dismiss: ${e.title}`}
          onClick={() => setDismissed((d) => new Set(d).add(e.id))}
        >
          ×
        </button>
      </li>
    );
  };

  return (
    <section className="notifs" aria-label="Notifications">
      {problems.map((p) => (
        <p key={p.channelId} className="banner banner--error notif notif--problem" role="alert">
          {p.error} <a href={routeHref('alerts', { params: { channel: p.channelId, failed: 1 } })}>See the failures</a>
        </p>
      ))}
      <ul className="notifs__list" role="status" aria-live="polite">
        {visible.map(line)}
      </ul>
      {view.collapsed.length > 0 && (
        <button
          type="button"
          className="btn btn--ghost btn--small notifs__more"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Show fewer' : `${view.collapsed.length} older`}
        </button>
      )}{' '}
      <a className="notifs__log" href={routeHref('alerts')}>
        Alert log
      </a>
      <OperatorNamePrompt ack={ack} />
      {ack.error && !ack.asking.length && (
        <p className="form-error" role="alert">
          {ack.error}
        </p>
      )}
    </section>
  );
}
