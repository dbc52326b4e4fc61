import { useMemo } from 'react';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useMinuteSpan } from '../../hooks/useMinuteSpan';
import { useDeploys, useLoadSpans } from '../../hooks/usePlatformChecks';
import type { IncidentMark, Span } from '../LatencyChart';

/**
 * What other parts of the core draw over one monitor's chart for the span shown: maintenance,
 * incidents, the console's own gaps, uptime and degraded stretches, load check bands, deploys.
 * Each is simply absent when its method fails.
 */
export function useChartOverlays(monitorId: number, view: { from: number; to: number }) {
  // The overlays' range moves by whole minutes, not with every result that slides the chart.
  const span = useMinuteSpan(view.from, view.to);
  const maint = useApiQuery('maintenance.intervals', { monitorId, ...span });
  const incidents = useApiQuery('incidents.list', { monitorId, ...span, limit: 200, offset: 0 });
  const gaps = useApiQuery('gaps.list', span);
  // Uptime of the range shown and its degraded stretches: the same accounting as the dashboard and the SLO card.
  const uptime = useApiQuery('uptime.get', { monitorId, ...span });
  const degraded = useApiQuery('degraded.list', { monitorId, ...span, limit: 200 });
  const loadSpans = useLoadSpans(monitorId, Math.floor(view.from), Math.ceil(view.to));
  const deploys = useDeploys({ monitorId, from: Math.floor(view.from), to: Math.ceil(view.to) });

  const maintenance = useMemo<Span[]>(
    () => (maint.data?.maintenance ?? []).filter((m) => m.end > view.from && m.start < view.to),
    [maint.data, view.from, view.to],
  );
  const marks = useMemo<IncidentMark[]>(
    () =>
      (incidents.data?.items ?? [])
        .filter((i) => (i.endedAt ?? Infinity) > view.from && i.startedAt < view.to)
        .map((i) => ({ id: i.id, startedAt: i.startedAt, endedAt: i.endedAt })),
    [incidents.data, view.from, view.to],
  );
  const gapSpans = useMemo(
    () => (gaps.data ?? []).map((g) => ({ start: g.start, end: g.end, reason: g.reason })),
    [gaps.data],
  );

  return {
    maintenance,
    maintenanceMinutes: maint.data?.maintenanceMinutes ?? 0,
    marks,
    gapSpans,
    uptime: uptime.data,
    degraded: degraded.data ?? [],
    loadSpans,
    deploys: deploys.data ?? [],
  };
}
