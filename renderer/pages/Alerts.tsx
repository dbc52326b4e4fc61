import { useState } from 'react';
import type { OutboxEntry } from '../../shared/channels';
import { useTransport } from '../api/context';
import { OperatorNamePrompt } from '../components/incidents/OperatorNamePrompt';
import { useAcknowledge } from '../hooks/useAcknowledge';
import { asApiError } from '../hooks/useApiQuery';
import { useAlertLog } from '../hooks/useAlertLog';
import { useChannels } from '../hooks/useChannels';
import { useMonitors } from '../hooks/useMonitors';
import { formatDateTime } from '../lib/format';
import { canAcknowledge } from '../lib/notifications';
import { routeHref } from '../lib/route';

const STATUS_LABEL: Record<OutboxEntry['status'], string> = {
  pending: 'Waiting to retry',
  sending: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
  suppressed: 'Not sent',
};

function Attempts({ e }: { e: OutboxEntry }) {
  if (e.attempts.length === 0) return <span className="muted">{e.reason ?? (e.channelKind === 'console' ? 'Shown on this console' : 'No attempt yet')}</span>;
  return (
    <ol className="attempts">
      {e.attempts.map((a, i) => (
        <li key={i} className={a.ok ? 'attempt attempt--ok' : 'attempt attempt--failed'}>
          <time dateTime={new Date(a.at).toISOString()}>{formatDateTime(a.at)}</time> · {Math.round(a.ms)} ms · {a.code ? <code>{a.code}</code> : null} <span className="attempt__answer">{a.answer}</span>
        </li>
      ))}
    </ol>
  );
}

/** Every alert and every delivery attempt (alerts.log), filterable, with acknowledge and retry right there. */
export function AlertsPage({ params }: { params: URLSearchParams }) {
  const [monitorId, setMonitorId] = useState<number | undefined>(params.has('monitor') ? Number(params.get('monitor')) : undefined);
  const [channelId, setChannelId] = useState<number | undefined>(params.has('channel') ? Number(params.get('channel')) : undefined);
  const [failedOnly, setFailedOnly] = useState(params.get('failed') === '1');
  const log = useAlertLog({ monitorId, channelId, failedOnly, limit: 200 });
  const monitors = useMonitors();
  const channels = useChannels();
  const ack = useAcknowledge();
  const transport = useTransport();
  const [error, setError] = useState<string | null>(null);
  const [acked, setAcked] = useState<Set<number>>(() => new Set());

  async function retry(id: number) {
    setError(null);
    try {
      await transport.invoke('alerts.retry', { id });
    } catch (err) {
      setError(asApiError(err).message);
    }
  }

  const rows = log.data ?? [];
  return (
    <div className="page alerts-page">
      <h2>Alerts</h2>
      <form className="filters" aria-label="Filter the alert log" onSubmit={(e) => e.preventDefault()}>
        <label>
          Monitor{' '}
          <select value={monitorId ?? ''} onChange={(e) => setMonitorId(e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">All monitors</option>
            {(monitors.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Channel{' '}
          <select value={channelId ?? ''} onChange={(e) => setChannelId(e.target.value === '' ? undefined : Number(e.target.value))}>
            <option value="">All channels</option>
            <option value="0">This console</option>
            {(channels.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} /> Failed only
        </label>
      </form>
      <OperatorNamePrompt ack={ack} />
      {(error ?? ack.error) && (
        <p className="form-error" role="alert">
          {error ?? ack.error}
        </p>
      )}
      {log.error && (
        <p className="form-error" role="alert">
          Could not load the alert log: {log.error.message}
        </p>
      )}
      {rows.length === 0 && !log.loading && <p className="muted">{failedOnly ? 'No failed deliveries.' : 'No alerts yet.'}</p>}
      {rows.length > 0 && (
        <table className="table alert-log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Channel</th>
              <th scope="col">Alert</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts (server answer or error)</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-status={e.status} data-channel={e.channelName} data-kind={e.kind}>
                <td>
                  <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>
                </td>
                <td>{e.channelName}</td>
                <td>
                  <strong>{e.title}</strong>
                  {e.monitorId !== null && (
                    <>
                      {' '}
                      <a href={routeHref('monitor', { id: e.monitorId })}>{e.monitorName}</a>
                    </>
                  )}
                  {e.incidentId !== null && (
                    <>
                      {' '}
                      <a href={routeHref('incidents', { params: { id: e.incidentId } })}>incident #{e.incidentId}</a>
                    </>
                  )}
                </td>
                <td className={`delivery delivery--${e.status}`}>{STATUS_LABEL[e.status]}</td>
                <td>
                  <Attempts e={e} />
                </td>
                <td>
                  {e.acknowledgedBy !== null && e.channelKind === 'console' && <span className="muted">Acknowledged by {e.acknowledgedBy}</span>}
                  {canAcknowledge(e) && e.channelKind === 'console' && !acked.has(e.incidentId as number) && (
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={ack.busy}
                      onClick={() =>
                        void ack.acknowledge([e.incidentId as number]).then((n) => {
                          if (n > 0) setAcked((s) => new Set(s).add(e.incidentId as number));
                        })
                      }
                    >
                      Acknowledge
                    </button>
                  )}
                  {e.status === 'failed' && (
                    <button type="button" className="btn btn--small" onClick={() => void retry(e.id)}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
