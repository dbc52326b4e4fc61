import { ReferenceArea, ReferenceLine } from 'recharts';
import type { Deploy } from '../../../shared/deploys';
import type { LoadSpan } from '../../../shared/loadcheck';

const VERDICT_COLOR: Record<string, string> = {
  regression: 'var(--down)',
  improvement: 'var(--up)',
  no_change: 'var(--text-muted)',
};

/**
 * A chart's load check bands and deploy markers. A function, not a component: recharts draws only
 * reference elements that are direct children of the chart.
 */
export function platformMarks(spans: readonly LoadSpan[], deploys: readonly Deploy[], clamp: (t: number) => number) {
  return [
    ...spans.map((s) => (
      <ReferenceArea
        key={`lc${s.runId}`}
        x1={clamp(s.from)}
        x2={clamp(s.to)}
        className="loadcheck-band"
        fill="var(--accent)"
        fillOpacity={0.1}
        stroke="var(--accent)"
        strokeOpacity={0.4}
        strokeDasharray="3 3"
        ifOverflow="hidden"
        label={{ value: `Load check: ${s.name}`, position: 'insideBottomLeft', fill: 'var(--accent)', fontSize: 10 }}
      />
    )),
    ...deploys.map((d) => (
      <ReferenceLine
        key={`dp${d.id}`}
        x={clamp(d.at)}
        className="deploy-marker"
        stroke={VERDICT_COLOR[d.verdict ?? ''] ?? 'var(--accent)'}
        strokeWidth={2}
        ifOverflow="hidden"
        label={{ value: `Deploy ${d.version}`, position: 'insideTopRight', fill: 'var(--text)', fontSize: 10 }}
      />
    )),
  ];
}
