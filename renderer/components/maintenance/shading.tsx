import { ReferenceArea } from 'recharts';
import type { Output } from '../../../shared/api';

/**
 * Chart shading for maintenance and peak events, from `maintenance.intervals` (useMaintenanceIntervals):
 * call inside a recharts chart whose X axis is time in ms, e.g. `{maintenanceAreas(intervals.data)}`.
 * A function, not a component: recharts only draws ReferenceArea elements that are direct children.
 */
export function maintenanceAreas(data: Output<'maintenance.intervals'> | undefined) {
  if (!data) return null;
  return [
    ...data.maintenance.map((i) => (
      <ReferenceArea
        key={`m${i.start}`}
        x1={i.start}
        x2={i.end}
        ifOverflow="hidden"
        fill="#60a5fa"
        fillOpacity={0.15}
        strokeOpacity={0}
        label={{ value: 'Maintenance', position: 'insideTop', fontSize: 10 }}
      />
    )),
    ...data.peaks.map((i) => (
      <ReferenceArea
        key={`p${i.start}`}
        x1={i.start}
        x2={i.end}
        ifOverflow="hidden"
        fill="#f59e0b"
        fillOpacity={0.12}
        strokeOpacity={0}
      />
    )),
  ];
}
