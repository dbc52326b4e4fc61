import { useEffect, useRef, useState } from 'react';
import type { Monitor } from '../../shared/monitor';
import { LatencyChart } from '../components/LatencyChart';
import { breakdownTitle } from '../components/kinds';
import { ResultBreakdown } from '../components/ResultBreakdown';
import { SloCard } from '../components/SloCard';
import { StatusTimeline } from '../components/StatusTimeline';
import { VantagePanel } from '../components/vantage/VantagePanel';
import { DeleteMonitor } from '../components/monitor-page/DeleteMonitor';
import { MonitorFacts } from '../components/monitor-page/MonitorFacts';
import { RangePicker } from '../components/monitor-page/RangePicker';
import { RangeSummary } from '../components/monitor-page/RangeSummary';
import { useChartOverlays } from '../components/monitor-page/useChartOverlays';
import { useApiQuery } from '../hooks/useApiQuery';
import { useEvent } from '../hooks/useEvent';
import { useRangeSeries } from '../hooks/useRangeSeries';
import type { DashboardItem } from '../lib/dashboard';
import { monitorThreshold } from '../lib/format';
import {
  defaultRangeFor,
  rangeFromParams,
  rangeLabel,
  rangeParams,
  resolveRange,
  type ChartRange,
} from '../lib/ranges';
import { countStatuses } from '../lib/series';
import { useNow } from '../hooks/useNow';
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
  // Until the first series answer says which span it covers, the range is resolved against a
  // render-stable now (re-read each minute) so the page does not shift on every render.
  const now = useNow(60_000);
  const view = series.data ? { from: series.data.from, to: series.data.to } : resolveRange(range, now);
  const counts = countStatuses(series.data?.points ?? []);
  const threshold = monitorThreshold(monitor) ?? DEFAULT_THRESHOLD_MS;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const overlays = useChartOverlays(monitor.id, view);
  const recent = useApiQuery('results.recent', { monitorId: monitor.id, limit: 20 });
  const lastRecent = useRef(0);
  useEvent('result', (r) => {
    // The breakdown follows new results, at most every few seconds.
    if (r.monitorId === monitor.id && Date.now() - lastRecent.current > 5000) {
      lastRecent.current = Date.now();
      recent.refetch();
    }
  });

  useEffect(() => {
    headingRef.current?.focus();
  }, [monitor.id]);

  const label = rangeLabel(range);

  return (
    <article className="monitor-page" aria-labelledby="detail-title">
      <MonitorFacts ref={headingRef} monitor={monitor} item={item} readOnly={readOnly} />

      <section className="card" aria-labelledby="chart-title">
        <RangePicker
          range={range}
          view={view}
          rangeKey={params.toString()}
          loaded={series.data !== undefined}
          onRange={setRange}
        />

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
              maintenance={overlays.maintenance}
              incidents={overlays.marks}
              degraded={overlays.degraded}
              loadSpans={overlays.loadSpans}
              deploys={overlays.deploys}
              onZoom={(from, to) => setRange({ kind: 'custom', from, to })}
            />
            <StatusTimeline
              from={series.data.from}
              to={series.data.to}
              bucketMs={series.data.bucketMs}
              points={series.data.points}
              gaps={overlays.gapSpans}
            />
            {monitor.vantage && <VantagePanel monitorId={monitor.id} from={series.data.from} to={series.data.to} />}
          </>
        ) : (
          <div className="chart chart--loading" aria-busy="true">
            <p className="chart__empty">Loading…</p>
          </div>
        )}

        <RangeSummary
          label={label}
          counts={counts}
          uptime={overlays.uptime}
          maintenanceMinutes={overlays.maintenanceMinutes}
          marks={overlays.marks}
        />
      </section>

      <div className="detail-grid">
        <SloCard scope={{ monitorId: monitor.id }} />
        <section className="card" aria-labelledby="breakdown-title">
          <h3 id="breakdown-title">{breakdownTitle(monitor)}</h3>
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
