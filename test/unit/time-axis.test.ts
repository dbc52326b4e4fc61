import { describe, expect, it } from 'vitest';
import { RANGES, defaultRangeFor, incidentWindow, rangeFromParams } from '../../renderer/lib/ranges';
import { timeTickFormatter, timeTicks } from '../../renderer/lib/time-axis';

const NOW = Date.parse('2026-12-01T21:47:13Z');

describe('time axis: every range gets readable ticks', () => {
  for (const r of RANGES) {
    it(`${r.title}: at least four ticks inside the range, each with its own label`, () => {
      const from = NOW - r.ms;
      const ticks = timeTicks(from, NOW);
      expect(ticks.length).toBeGreaterThanOrEqual(4);
      expect(ticks.length).toBeLessThanOrEqual(8);
      expect(ticks.every((t) => t >= from && t < NOW)).toBe(true);
      const labels = ticks.map(timeTickFormatter(from, NOW));
      expect(new Set(labels).size).toBe(labels.length);
    });
  }

  it('a zoomed span of a few minutes and one of seconds still gets four ticks', () => {
    expect(timeTicks(NOW - 7 * 60_000, NOW).length).toBeGreaterThanOrEqual(4);
    expect(timeTicks(NOW - 90_000, NOW).length).toBe(4);
  });

  it('names the year when a range spans months, so "Dec 26" cannot read as 26 December', () => {
    for (const days of [90, 365]) {
      const from = NOW - days * 86_400_000;
      const labels = timeTicks(from, NOW).map(timeTickFormatter(from, NOW));
      for (const l of labels) expect(l).toMatch(/20(25|26)/);
    }
    // A week across New Year names the year too.
    const from = Date.parse('2026-12-28T00:00:00Z');
    const to = Date.parse('2027-01-20T00:00:00Z');
    expect(
      timeTicks(from, to)
        .map(timeTickFormatter(from, to))
        .every((l) => /202[67]/.test(l)),
    ).toBe(true);
  });

  it('aligns ticks to round times: whole hours over a day, midnights over a week', () => {
    const day = timeTicks(NOW - 86_400_000, NOW);
    expect(day.every((t) => new Date(t).getMinutes() === 0 && new Date(t).getSeconds() === 0)).toBe(true);
    const week = timeTicks(NOW - 7 * 86_400_000, NOW);
    expect(week.every((t) => new Date(t).getHours() === 0)).toBe(true);
  });
});

describe('chart ranges: where a monitor or an incident opens', () => {
  const MIN = 60_000;
  it('a monitor created minutes ago opens on 15 minutes, one created this morning on 24 h, an old one on 24 h', () => {
    expect(defaultRangeFor(NOW - 2 * MIN, NOW)).toBe('live');
    expect(defaultRangeFor(NOW - 40 * MIN, NOW)).toBe('1h');
    expect(defaultRangeFor(NOW - 5 * 60 * MIN, NOW)).toBe('24h');
    expect(defaultRangeFor(NOW - 400 * 86_400_000, NOW)).toBe('24h');
    expect(rangeFromParams(new URLSearchParams(''), 'live')).toMatchObject({ kind: 'preset', key: 'live' });
    expect(rangeFromParams(new URLSearchParams('range=7d'), 'live')).toMatchObject({ key: '7d' });
  });

  it('"Show on chart" centres a resolved incident and never shows the future', () => {
    const start = NOW - 3 * 60 * MIN;
    const end = start + 20 * MIN;
    const w = incidentWindow(start, end, NOW);
    expect((w.from + w.to) / 2).toBeCloseTo((start + end) / 2, -2);
    expect(w.to).toBeLessThanOrEqual(NOW);
    // A recent or open one: all of it visible, the window ends now.
    const open = incidentWindow(NOW - 5 * MIN, null, NOW);
    expect(open.to).toBe(NOW);
    expect(open.from).toBeLessThan(NOW - 5 * MIN);
    const recent = incidentWindow(NOW - 10 * MIN, NOW - 2 * MIN, NOW);
    expect(recent.to).toBe(NOW);
    expect(recent.from).toBeLessThan(NOW - 10 * MIN);
  });
});
