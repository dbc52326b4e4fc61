// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import type { Series } from '../../../shared/result';
import { LatencyChart } from '../../../renderer/components/LatencyChart';
import { fakeChartLayout, polyfillResizeObserver } from './fake-transport';

/** The detail chart as drawn (recharts SVG in jsdom with a fixed layout): ticks and incident spans. */
beforeAll(() => {
  polyfillResizeObserver();
  fakeChartLayout(800, 240);
});
afterEach(cleanup);

const TO = Date.parse('2026-12-01T21:47:13Z');
const DAY = 86_400_000;

function series(from: number, to: number, n = 120): Series {
  const bucketMs = (to - from) / n;
  return {
    monitorId: 1,
    from,
    to,
    bucketMs,
    points: Array.from({ length: n }, (_, i) => ({
      t: from + i * bucketMs,
      up: 1,
      degraded: 0,
      down: 0,
      unknown: 0,
      min: 80,
      avg: 100,
      max: 120,
    })),
  };
}

function xTicks(): { x: number; label: string }[] {
  return [...document.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => ({
    x: Number(t.getAttribute('x')),
    label: t.textContent ?? '',
  }));
}

describe('latency chart: time on the axis', () => {
  for (const [name, ms] of [
    ['1 h', 3_600_000],
    ['24 h', DAY],
    ['7 d', 7 * DAY],
    ['90 d', 90 * DAY],
    ['1 y', 365 * DAY],
  ] as const) {
    it(`${name}: at least four ticks, labelled apart`, () => {
      render(<LatencyChart series={series(TO - ms, TO)} thresholdMs={3000} rangeLabel={name} />);
      const ticks = xTicks();
      expect(ticks.length).toBeGreaterThanOrEqual(4);
      expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
      if (ms >= 90 * DAY) for (const t of ticks) expect(t.label).toMatch(/20\d\d/);
    });
  }

  it('draws an incident as its span, from its exact start to its exact end', () => {
    const from = TO - DAY;
    const start = TO - 6 * 3_600_000 + 7 * 60_000;
    const end = start + 95 * 60_000;
    render(
      <LatencyChart
        series={series(from, TO)}
        thresholdMs={3000}
        rangeLabel="24 h"
        incidents={[{ id: 4, startedAt: start, endedAt: end }]}
      />,
    );
    const rect = document.querySelector('.incident-mark .recharts-reference-area-rect');
    expect(rect, 'incident span drawn').not.toBeNull();
    const x = Number(rect!.getAttribute('x'));
    const width = Number(rect!.getAttribute('width'));
    // Plot area: recharts puts the domain's ends at the plot's edges; read them from the cartesian grid.
    const grid = document.querySelector('.recharts-cartesian-grid-horizontal line')!;
    const left = Number(grid.getAttribute('x1'));
    const right = Number(grid.getAttribute('x2'));
    const scale = (t: number) => left + ((t - from) / (TO - from)) * (right - left);
    expect(x).toBeCloseTo(scale(start), 0);
    expect(x + width).toBeCloseTo(scale(end), 0);
    expect(width).toBeGreaterThan(10);
  });
});
