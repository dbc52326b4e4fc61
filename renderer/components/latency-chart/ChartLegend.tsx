import { formatThreshold } from '../../lib/format';

/** The latency chart's legend: the series, the threshold (said to be off the scale when it is), shades, zoom hint. */
export function ChartLegend(p: {
  thresholdMs: number | undefined;
  thresholdOnScale: boolean;
  maintenance: boolean;
  degraded: boolean;
  zoomable: boolean;
}) {
  return (
    <figcaption className="chart-legend">
      <span className="legend legend--avg">Median (p50)</span>
      <span className="legend legend--band">p50 – p95</span>
      <span className="legend legend--band99">p95 – p99</span>
      {p.thresholdMs !== undefined && (
        <span className="legend legend--threshold">
          {p.thresholdOnScale ? formatThreshold(p.thresholdMs) : `${formatThreshold(p.thresholdMs)} (above this scale)`}
        </span>
      )}
      {p.maintenance && <span className="legend legend--maintenance">Maintenance</span>}
      {p.degraded && <span className="legend legend--degraded">Degraded</span>}
      {p.zoomable && <span className="muted">Drag across the chart to zoom</span>}
    </figcaption>
  );
}
