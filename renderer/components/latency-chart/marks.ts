/** A stretch of time shaded on a chart (a maintenance window). */
export interface Span {
  start: number;
  end: number;
}
/** An incident or degraded stretch; an open one (`endedAt: null`) runs to the chart's end. */
export interface IncidentMark {
  id: number;
  startedAt: number;
  endedAt: number | null;
}
