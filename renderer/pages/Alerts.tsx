import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { OutboxEntry } from '../../shared/channels';
import { useTransport } from '../api/context';
import { DeliveryAttempts } from '../components/alerts/DeliveryAttempts';
import { OperatorNamePrompt } from '../components/incidents/OperatorNamePrompt';
import { useAcknowledge } from '../hooks/useAcknowledge';
import { asApiError } from '../hooks/useApiQuery';
import { useAlertLog } from '../hooks/useAlertLog';
import { useChannels } from '../hooks/useChannels';
import { useMonitors } from '../hooks/useMonitors';
import { useMethodControl } from '../hooks/useReviewMode';
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

/** Every alert and every delivery attempt (alerts.log), filterable, with acknowledge and retry right there. */
export function AlertsPage({ params }: { params: URLSearchParams }) {
  const [monitorId, setMonitorId] = useState<number | undefined>(
    params.has('monitor') ? Number(params.get('monitor')) : undefined,
  );
  const [channelId, setChannelId] = useState<number | undefined>(
    params.has('channel') ? Number(params.get('channel')) : undefined,
  );
  const [failedOnly, setFailedOnly] = useState(params.get('failed') === '1');
  const log = useAlertLog({ monitorId, channelId, failedOnly, limit: 200 });
  const monitors = useMonitors();
  const channels = useChannels();
  const ack = useAcknowledge();
  const transport = useTransport();
  const [error, setError] = useState<string | null>(null);
  const [acked, setAcked] = useState<Set<number>>(() => new Set());
  const control = useMethodControl();

  async function retry(id: number) {
    setError(null);
    try {
      await transport.invoke('alerts.retry', { id });
    } catch (err) {
      setError(asApiError(err).message);
    }
  }

  const rows = log.data ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  // Hundreds of entries with their attempts: only what is on screen is in the DOM.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 10,
  });
  return (
    <div className="page alerts-page">
      <h2>Alerts</h2>
      <form className="filters" aria-label="Filter the alert log" onSubmit={(e) => e.preventDefault()}>
        <label>
          Monitor{' '}
          <select
            value={monitorId ?? ''}
            onChange={(e) => setMonitorId(e.target.value ? Number(e.target.value) : undefined)}
          >
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
          <select
            value={channelId ?? ''}
            onChange={(e) => setChannelId(e.target.value === '' ? undefined : Number(e.target.value))}
          >
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
      {rows.length === 0 && !log.loading && (
        <p className="muted">{failedOnly ? 'No failed deliveries.' : 'No alerts yet.'}</p>
      )}
      {rows.length > 0 && (
        <div className="alert-log" role="table" aria-label="Alert log" aria-rowcount={rows.length}>
          <div className="alert-log__row alert-log__head" role="row">
            <div role="columnheader">Time</div>
            <div role="columnheader">Channel</div>
            <div role="columnheader">Alert</div>
            <div role="columnheader">Status</div>
            <div role="columnheader">Attempts (server answer or error)</div>
            <div role="columnheader">
              <span className="sr-only">Actions</span>
            </div>
          </div>
          <div ref={scrollRef} className="alert-log__scroll">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const e = rows[v.index] as OutboxEntry;
                return (
                  <div
                    key={v.key}
                    ref={virtualizer.measureElement}
                    data-index={v.index}
                    role="row"
                    className="alert-log__row"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
                    data-status={e.status}
                    data-channel={e.channelName}
                    data-kind={e.kind}
                  >
                    <div role="cell">
                      <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>
                    </div>
                    <div role="cell">{e.channelName}</div>
                    <div role="cell">
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
                          <a href={routeHref('incidents', { params: { id: e.incidentId } })}>
                            incident #{e.incidentId}
                          </a>
                        </>
                      )}
                    </div>
                    <div role="cell" className={`delivery delivery--${e.status}`}>
                      {STATUS_LABEL[e.status]}
                    </div>
                    <div role="cell">
                      <DeliveryAttempts e={e} />
                    </div>
                    <div role="cell">
                      {e.acknowledgedBy !== null && e.channelKind === 'console' && (
                        <span className="muted">Acknowledged by {e.acknowledgedBy}</span>
                      )}
                      {canAcknowledge(e) && e.channelKind === 'console' && !acked.has(e.incidentId as number) && (
                        <button
                          type="button"
                          className="btn btn--small"
                          {...control('incidents.acknowledge', { disabled: ack.busy })}
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
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() => void retry(e.id)}
                          {...control('alerts.retry')}
                        >
                          Retry
                        </button>
                      )}
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
