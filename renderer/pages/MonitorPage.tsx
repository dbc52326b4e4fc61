import { useEffect, useMemo, useRef, useState } from 'react';
import { formatDuration, formatPercent } from '../../shared/dashboard';
import type { Monitor } from '../../shared/monitor';
import { useTransport } from '../api/context';
import { LatencyChart, type IncidentMark, type Span } from '../components/LatencyChart';
import { PauseButton } from '../components/MonitorRowMenu';
import { MonitorForm } from '../components/MonitorForm';
import { ResultBreakdown } from '../components/ResultBreakdown';
import { SloCard } from '../components/SloCard';
import { AccountingPopover, accountingLine } from '../components/AccountingPopover';
import { StatusBadge } from '../components/StatusBadge';
import { StatusTimeline } from '../components/StatusTimeline';
import { VantagePanel } from '../components/vantage/VantagePanel';
import { KIND_LABELS } from '../components/kinds';
import { asApiError, useApiQuery } from '../hooks/useApiQuery';
import { useEvent } from '../hooks/useEvent';
import { useDeploys, useLoadSpans } from '../hooks/usePlatformChecks';
import { useRangeSeries } from '../hooks/useRangeSeries';
import type { DashboardItem } from '../lib/dashboard';
import { formatDateTime, formatLatency, monitorTarget, monitorThreshold } from '../lib/format';
import { RANGES, defaultRangeFor, fromLocalInput, rangeFromParams, rangeLabel, rangeParams, resolveRange, toLocalInput, type ChartRange } from '../lib/ranges';
import { countStatuses } from '../lib/series';
import { navigate, routeHref } from '../lib/route';

interface Props {
  monitor: Monitor;
  item: DashboardItem | undefined;
  params: URLSearchParams;
  readOnly: boolean;
}

/** Default slow threshold when a kind has none of its own (ARCHITECTURE: degraded above 3,000 ms). */
const DEFAULT_THRESHOLD_MS = 3000;

export function MonitorPage({ monitor, item, params, readOnly }: Props) {
  // Fixed when the page opens, so a young monitor's range does not change under the operator.
  const [fallbackRange] = useState(() => defaultRangeFor(monitor.createdAt, Date.now()));
  const range = rangeFromParams(params, fallbackRange);
  const setRange = (r: ChartRange) => navigate(routeHref('monitor', { id: monitor.id, params: rangeParams(r) }), true);
  const series = useRangeSeries(monitor.id, range);
  const view = series.data ? { from: series.data.from, to: series.data.to } : resolveRange(range, Date.now());
  const counts = countStatuses(series.data?.points ?? []);
  const threshold = monitorThreshold(monitor) ?? DEFAULT_THRESHOLD_MS;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [editing, setEditing] = useState(false);

  // Overlays owned by other parts of the core; each is simply absent when its method fails.
  const spanKey = `${Math.floor(view.from / 60_000)}-${Math.floor(view.to / 60_000)}`;
  // The overlays' range moves by whole minutes, not with every result that slides the chart.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const span = useMemo(() => ({ from: Math.floor(view.from), to: Math.ceil(view.to) }), [spanKey]);
  const maint = useApiQuery('maintenance.intervals', { monitorId: monitor.id, ...span });
  const incidents = useApiQuery('incidents.list', { monitorId: monitor.id, ...span, limit: 200, offset: 0 });
  const gaps = useApiQuery('gaps.list', span);
  // Uptime of the range shown and its degraded stretches: the same accounting as the dashboard and the SLO card.
  const uptime = useApiQuery('uptime.get', { monitorId: monitor.id, ...span });
  const degraded = useApiQuery('degraded.list', { monitorId: monitor.id, ...span, limit: 200 });
  const recent = useApiQuery('results.recent', { monitorId: monitor.id, limit: 20 });
  const loadSpans = useLoadSpans(monitor.id, Math.floor(view.from), Math.ceil(view.to));
  const deploys = useDeploys({ monitorId: monitor.id, from: Math.floor(view.from), to: Math.ceil(view.to) });
  const lastRecent = useRef(0);
  useEvent('result', (r) => {
    // The breakdown follows new results, at most every few seconds.
    if (r.monitorId === monitor.id && Date.now() - lastRecent.current > 5000) {
      lastRecent.current = Date.now();
      recent.refetch();
    }
  });

  const maintenance = useMemo<Span[]>(() => (maint.data?.maintenance ?? []).filter((m) => m.end > view.from && m.start < view.to), [maint.data, view.from, view.to]);
  const marks = useMemo<IncidentMark[]>(
    () => (incidents.data?.items ?? []).filter((i) => (i.endedAt ?? Infinity) > view.from && i.startedAt < view.to).map((i) => ({ id: i.id, startedAt: i.startedAt, endedAt: i.endedAt })),
    [incidents.data, view.from, view.to],
  );
  const gapSpans = useMemo(() => (gaps.data ?? []).map((g) => ({ start: g.start, end: g.end, reason: g.reason })), [gaps.data]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [monitor.id]);

  const latest = item?.latest;
  const problem = latest && latest.status !== 'up' ? (latest.message ?? latest.errorCode) : undefined;
  const label = rangeLabel(range);
  const [customFrom, setCustomFrom] = useState(() => toLocalInput(view.from));
  const [customTo, setCustomTo] = useState(() => toLocalInput(view.to));
  const [customError, setCustomError] = useState<string | null>(null);
  // A preset or a zoom replaces the range: the custom fields show it, ready to be adjusted.
  const rangeKey = params.toString();
  useEffect(() => {
    setCustomFrom(toLocalInput(view.from));
    setCustomTo(toLocalInput(view.to));
    setCustomError(null);
    // Only when the chosen range changes, not as live time moves (the fields would jump while typing).
  }, [rangeKey, series.data === undefined]);

  return (
    <article className="monitor-page" aria-labelledby="detail-title">
      <section className="card detail" aria-labelledby="detail-title">
        <p className="crumbs">
          <a href="#/">← Dashboard</a>
        </p>
        <div className="detail__head">
          <div>
            <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
              {monitor.name}
            </h2>
            <p className="detail__url">{monitorTarget(monitor)}</p>
          </div>
          {!readOnly && (
            <div className="button-row">
              <PauseButton monitor={monitor} />
              <button type="button" className="btn" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
                {editing ? 'Close editor' : 'Edit'}
              </button>
            </div>
          )}
        </div>

        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={item?.status ?? 'pending'} />
              {item?.inMaintenance && <span className="tag tag--maintenance"> In maintenance</span>}
            </dd>
          </div>
          <div>
            <dt>Latency</dt>
            <dd>{formatLatency(latest?.latencyMs)}</dd>
          </div>
          <div>
            <dt>Last checked</dt>
            <dd>{latest ? formatDateTime(latest.ts) : 'Not yet'}</dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{KIND_LABELS[monitor.kind]}</dd>
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
        {editing && !readOnly && (
          <div className="card card--inset">
            <MonitorForm monitor={monitor} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="chart-title">
        <div className="detail__toolbar">
          <h3 id="chart-title" className="detail__subtitle">
            Latency and status
          </h3>
          <div className="segmented" role="group" aria-label="Chart range">
            {RANGES.map((r) => (
              <button key={r.key} type="button" title={r.title} aria-pressed={range.kind === 'preset' && range.key === r.key} onClick={() => setRange({ kind: 'preset', key: r.key, ms: r.ms, live: r.key === 'live' })}>
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
            setRange({ kind: 'custom', from, to });
          }}
        >
          <label>
            From <input type="datetime-local" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} aria-invalid={customError ? true : undefined} />
          </label>
          <label>
            To <input type="datetime-local" value={customTo} onChange={(e) => setCustomTo(e.target.value)} aria-invalid={customError ? true : undefined} />
          </label>
          <button type="submit" className="btn btn--small">
            Show range
          </button>
          {range.kind === 'custom' && (
            <button type="button" className="btn btn--small" onClick={() => setRange(rangeFromParams(new URLSearchParams('range=24h')))}>
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

        {series.error ? (
          <p className="form-error" role="alert">
            Could not load the chart: {series.error.message}{' '}
          </p>
        ) : series.data ? (
          <>
            <LatencyChart
              series={series.data}
              thresholdMs={threshold}
              rangeLabel={label}
              maintenance={maintenance}
              incidents={marks}
              degraded={degraded.data ?? []}
              loadSpans={loadSpans}
              deploys={deploys.data ?? []}
              onZoom={(from, to) => setRange({ kind: 'custom', from, to })}
            />
            <StatusTimeline from={series.data.from} to={series.data.to} bucketMs={series.data.bucketMs} points={series.data.points} gaps={gapSpans} />
            {monitor.vantage && <VantagePanel monitorId={monitor.id} from={series.data.from} to={series.data.to} />}
          </>
        ) : (
          <div className="chart chart--loading" aria-busy="true">
            <p className="chart__empty">Loading…</p>
          </div>
        )}

        <ul className="counts" aria-label={`Probe results in the ${label}`}>
          {(['up', 'degraded', 'down', 'unknown'] as const).map((s) => (
            <li key={s} className={`counts__item counts__item--${s}`} data-status={s}>
              <StatusBadge status={s} />
              <span className="counts__value">{counts[s]}</span>
            </li>
          ))}
        </ul>
        {uptime.data && (
          <div className="range-uptime" aria-label={`Uptime in the ${label}`}>
            <p>
              <strong>{formatPercent(uptime.data.ratio)}</strong> uptime in the {label}: {accountingLine(uptime.data)}
            </p>
            <AccountingPopover figures={uptime.data} />
          </div>
        )}
        {maint.data && maint.data.maintenanceMinutes > 0 && (
          <p className="muted small">{formatDuration(maint.data.maintenanceMinutes * 60_000)} of planned maintenance in this range, excluded from uptime.</p>
        )}
        {marks.length > 0 && (
          <div className="incident-list">
            <h4>Incidents in this range</h4>
            <ul>
              {marks.map((m) => (
                <li key={m.id}>
                  <a href={routeHref('incidents', { params: { id: m.id } })} className="incident-link">
                    Incident {m.id}: {formatDateTime(m.startedAt)}
                    {m.endedAt ? `, ${formatDuration(m.endedAt - m.startedAt)}` : ', still open'}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <div className="detail-grid">
        <SloCard scope={{ monitorId: monitor.id }} />
        <section className="card" aria-labelledby="breakdown-title">
          <h3 id="breakdown-title">{monitor.kind === 'hls' ? 'Live stream' : monitor.kind === 'submit' ? 'Submission steps' : 'Where the time goes'}</h3>
          {recent.error ? (
            <p className="form-error" role="alert">
              Could not load recent results: {recent.error.message}
            </p>
          ) : (
            <ResultBreakdown monitor={monitor} results={recent.data ?? []} />
          )}
        </section>
      </div>

      {!readOnly && <DeleteMonitor monitor={monitor} />}
    </article>
  );
}

function DeleteMonitor({ monitor }: { monitor: Monitor }) {
  const transport = useTransport();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await transport.invoke('monitors.delete', { id: monitor.id });
      navigate(routeHref('dashboard'));
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
      <p id="confirm-delete-text">Delete “{monitor.name}” and all of its results? This cannot be undone.</p>
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
