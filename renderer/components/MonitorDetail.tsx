import { useEffect, useRef, useState } from 'react';
import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { useTransport } from '../api/context';
import { asApiError } from '../hooks/useApiQuery';
import { useSeries } from '../hooks/useSeries';
import { formatDateTime, formatLatency, monitorTarget, monitorThreshold } from '../lib/format';
import { countStatuses } from '../lib/series';
import { LatencyChart } from './LatencyChart';
import { displayStatus } from './MonitorRow';
import { StatusBadge, StatusIcon } from './StatusBadge';

export const RANGES = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '1 h', ms: 60 * 60_000 },
  { label: '24 h', ms: 24 * 60 * 60_000 },
] as const;

interface Props {
  monitor: Monitor;
  result: ProbeResult | undefined;
  readOnly: boolean;
  onClose: () => void;
}

export function MonitorDetail({ monitor, result, readOnly, onClose }: Props) {
  const [rangeIdx, setRangeIdx] = useState(1);
  const range = RANGES[rangeIdx] ?? RANGES[1];
  const series = useSeries(monitor.id, range.ms);
  const counts = countStatuses(series.data?.points ?? []);
  const threshold = monitorThreshold(monitor);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the panel when another monitor is opened, so keyboard users land on it.
  useEffect(() => {
    headingRef.current?.focus();
  }, [monitor.id]);

  const status = displayStatus(result);
  const problem = result && result.status !== 'up' ? (result.message ?? result.errorCode) : undefined;

  return (
    <section className="card detail" aria-labelledby="detail-title">
      <div className="detail__head">
        <div>
          <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
            {monitor.name}
          </h2>
          <p className="detail__url">{monitorTarget(monitor)}</p>
        </div>
        <button type="button" className="btn btn--ghost" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>

      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={status} />
          </dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{formatLatency(result?.latencyMs)}</dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd>{result ? formatDateTime(result.ts) : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Every</dt>
          <dd>{monitor.intervalSec} s</dd>
        </div>
        <div>
          <dt>Group</dt>
          <dd>{monitor.group}</dd>
        </div>
      </dl>
      {problem && (
        <p className="detail__error">
          <strong>Error:</strong> {problem}
        </p>
      )}

      <div className="detail__toolbar">
        <h3 className="detail__subtitle">Latency</h3>
        <div className="segmented" role="group" aria-label="Chart range">
          {RANGES.map((r, i) => (
            <button key={r.label} type="button" aria-pressed={i === rangeIdx} onClick={() => setRangeIdx(i)}>
              {r.label}
            </button>
          ))}
        </div>
      </div>

      {series.error ? (
        <p className="form-error" role="alert">
          Could not load the chart: {series.error.message}
        </p>
      ) : series.data ? (
        <LatencyChart series={series.data} thresholdMs={threshold} rangeLabel={range.label} />
      ) : (
        <div className="chart chart--loading" aria-busy="true">
          <p className="chart__empty">Loading…</p>
        </div>
      )}

      <h3 className="detail__subtitle">Probes in the last {range.label}</h3>
      <ul className="counts" aria-label={`Probe results in the last ${range.label}`}>
        {(['up', 'degraded', 'down', 'unknown'] as const).map((s) => (
          <li key={s} className={`counts__item counts__item--${s}`} data-status={s}>
            <StatusIcon status={s} />
            <span className="counts__label">{s === 'up' ? 'Up' : s === 'degraded' ? 'Degraded' : s === 'down' ? 'Down' : 'Unknown'}</span>
            <span className="counts__value">{counts[s]}</span>
          </li>
        ))}
      </ul>

      {!readOnly && <DeleteMonitor monitor={monitor} onDeleted={onClose} />}
    </section>
  );
}

function DeleteMonitor({ monitor, onDeleted }: { monitor: Monitor; onDeleted: () => void }) {
  const transport = useTransport();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setConfirming(false);
    setError(null);
  }, [monitor.id]);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await transport.invoke('monitors.delete', { id: monitor.id });
      onDeleted();
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <div className="detail__danger">
        <button type="button" className="btn btn--danger-outline" onClick={() => setConfirming(true)}>
          Delete monitor
        </button>
      </div>
    );
  }
  return (
    <div className="detail__danger confirm" role="group" aria-labelledby="confirm-delete-text">
      <p id="confirm-delete-text">
        Delete “{monitor.name}” and all of its results? This cannot be undone.
      </p>
      <div className="button-row">
        <button type="button" className="btn btn--danger" disabled={busy} onClick={remove}>
          {busy ? 'Deleting…' : 'Confirm delete'}
        </button>
        <button type="button" className="btn" ref={cancelRef} disabled={busy} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
