import { ReferenceArea } from 'recharts';
import type { IncidentMark, Span } from './marks';

// Functions, not components: recharts draws only reference elements that are direct children of the chart.

type Clamp = (t: number) => number;

/** Planned maintenance shaded and labelled. */
export function maintenanceShades(maintenance: readonly Span[], clamp: Clamp) {
  return maintenance.map((m, i) => (
    <ReferenceArea
      key={`m${i}`}
      x1={clamp(m.start)}
      x2={clamp(m.end)}
      className="maintenance-shade"
      fill="var(--maintenance-fill)"
      fillOpacity={1}
      stroke="none"
      ifOverflow="hidden"
      label={{ value: 'Maintenance', position: 'insideTop', fill: 'var(--text-muted)', fontSize: 10 }}
    />
  ));
}

/** Stretches of confirmed degraded state, lightly shaded; an open one runs to `end`. */
export function degradedShades(degraded: readonly IncidentMark[], clamp: Clamp, end: number) {
  return degraded.map((d) => (
    <ReferenceArea
      key={`d${d.id}`}
      x1={clamp(d.startedAt)}
      x2={clamp(d.endedAt ?? end)}
      className="degraded-shade"
      fill="var(--degraded, #f59e0b)"
      fillOpacity={0.15}
      stroke="none"
      ifOverflow="hidden"
    />
  ));
}

/** The incident's own span, start to end (an open one runs to `end`), with its start edge drawn. */
export function incidentMarks(incidents: readonly IncidentMark[], clamp: Clamp, end: number) {
  return incidents.map((inc) => (
    <ReferenceArea
      key={`i${inc.id}`}
      x1={clamp(inc.startedAt)}
      x2={clamp(inc.endedAt ?? end)}
      className="incident-mark"
      data-incident-start={inc.startedAt}
      fill="var(--down)"
      fillOpacity={0.12}
      stroke="var(--down)"
      strokeOpacity={0.8}
      ifOverflow="hidden"
      label={{ value: `Incident ${inc.id}`, position: 'insideTopLeft', fill: 'var(--down)', fontSize: 10 }}
    />
  ));
}
