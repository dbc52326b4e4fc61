import type { OutboxEntry } from '../../../shared/channels';
import { formatDateTime } from '../../lib/format';

/** Each recipient's outcome where the channel knows it apart (SMS; e-mail the server took only in part). */
function Recipients({ e }: { e: OutboxEntry }) {
  if (!e.recipients || e.recipients.length === 0) return null;
  // Delivered with a refused address (a 5xx to RCPT) or failed for good: that recipient will not get it.
  const owed = e.status === 'pending' || e.status === 'sending' ? 'not yet, retried next' : 'not delivered';
  return (
    <ul className="attempts recipients" aria-label="Recipients">
      {e.recipients.map((r) => (
        <li
          key={r.recipient}
          className={r.ok ? 'attempt attempt--ok' : 'attempt attempt--failed'}
          data-recipient={r.recipient}
          data-ok={r.ok}
        >
          <strong>{r.recipient}</strong>: {r.ok ? 'delivered' : owed}{' '}
          <time dateTime={new Date(r.at).toISOString()}>{formatDateTime(r.at)}</time> ·{' '}
          {r.code ? <code>{r.code}</code> : null} <span className="attempt__answer">{r.answer}</span>
        </li>
      ))}
    </ul>
  );
}

/** One log entry's attempts (time, duration, code, the server's answer), then its recipients' outcomes. */
export function DeliveryAttempts({ e }: { e: OutboxEntry }) {
  if (e.attempts.length === 0)
    return (
      <span className="muted">
        {e.reason ?? (e.channelKind === 'console' ? 'Shown on this console' : 'No attempt yet')}
      </span>
    );
  return (
    <>
      <ol className="attempts">
        {e.attempts.map((a, i) => (
          <li key={i} className={a.ok ? 'attempt attempt--ok' : 'attempt attempt--failed'}>
            <time dateTime={new Date(a.at).toISOString()}>{formatDateTime(a.at)}</time> · {Math.round(a.ms)} ms ·{' '}
            {a.code ? <code>{a.code}</code> : null} <span className="attempt__answer">{a.answer}</span>
          </li>
        ))}
      </ol>
      <Recipients e={e} />
    </>
  );
}
