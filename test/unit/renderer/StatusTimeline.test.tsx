// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { StatusTimeline } from '../../../renderer/components/StatusTimeline';

afterEach(cleanup);

const MIN = 60_000;
const point = (t: number, over: Partial<{ up: number; down: number }> = {}) => ({
  t,
  up: 1,
  degraded: 0,
  down: 0,
  unknown: 0,
  min: 5,
  avg: 5,
  max: 5,
  ...over,
});

describe('StatusTimeline', () => {
  it('draws gaps as gaps, says why, and never counts them as downtime', () => {
    render(
      <StatusTimeline
        from={0}
        to={60 * MIN}
        bucketMs={MIN}
        points={[point(0), point(MIN, { up: 0, down: 1 }), point(50 * MIN)]}
        gaps={[
          { start: 10 * MIN, end: 30 * MIN, reason: 'asleep' },
          { start: 30 * MIN, end: 45 * MIN, reason: 'stopped' },
        ]}
      />,
    );
    const band = screen.getByRole('img');
    expect(band.getAttribute('aria-label')).toBe(
      'Status timeline: 1 periods down, 0 degraded, 0 unknown, 2 up, 2 gaps when the console could not see (console asleep, lookout not running)',
    );
    const gaps = document.querySelectorAll('[data-gap]');
    expect([...gaps].map((g) => g.getAttribute('data-gap'))).toEqual(['asleep', 'stopped']);
    expect(gaps[1]!.querySelector('title')!.textContent).toMatch(/^Lookout not running: /);
    expect(document.querySelectorAll('[data-status="down"]')).toHaveLength(1);
  });
});
