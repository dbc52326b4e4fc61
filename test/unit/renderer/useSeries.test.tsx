// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Series, SeriesPoint } from '../../../shared/result';
import { TransportProvider } from '../../../renderer/api/context';
import { useRangeSeries } from '../../../renderer/hooks/useRangeSeries';
import { rangeFromParams } from '../../../renderer/lib/ranges';
import { mergeResultIntoSeries } from '../../../renderer/lib/series';
import { FakeTransport, result } from './fake-transport';

afterEach(cleanup);

const MIN = 60_000;
const pt = (t: number, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  t,
  up: 1,
  degraded: 0,
  down: 0,
  unknown: 0,
  min: 100,
  avg: 100,
  max: 100,
  ...over,
});

describe('useRangeSeries', () => {
  it('fetches the live range with percentiles and merges live results for its monitor', async () => {
    let served: Series | undefined;
    const t = new FakeTransport({
      'series.get': (q) => {
        const last = Math.floor(q.to / MIN) * MIN;
        served = { monitorId: q.monitorId, from: q.from, to: q.to, bucketMs: MIN, points: [pt(last - MIN), pt(last)] };
        return served;
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TransportProvider transport={t}>{children}</TransportProvider>
    );
    const live = rangeFromParams(new URLSearchParams('range=live'));
    const { result: hook } = renderHook(() => useRangeSeries(5, live), { wrapper });

    await waitFor(() => expect(hook.current.data).toBeDefined());
    const q = t.callsOf('series.get')[0] as { monitorId: number; from: number; to: number; maxPoints: number };
    expect(q).toMatchObject({ monitorId: 5, maxPoints: 1000, percentiles: true });
    expect(q.to - q.from).toBe(15 * MIN);
    const last = served!.points[1]!.t;

    // Same bucket: counts and latency merge into the last point.
    act(() => t.emit('result', result(5, { ts: last + 1000, status: 'degraded', latencyMs: 4000 })));
    let points = hook.current.data!.points;
    expect(points).toHaveLength(2);
    expect(points[1]).toMatchObject({ t: last, up: 1, degraded: 1, min: 100, max: 4000, avg: 2050 });

    // Next bucket: appended on the same grid.
    act(() => t.emit('result', result(5, { ts: last + MIN + 5, status: 'down', latencyMs: null })));
    points = hook.current.data!.points;
    expect(points).toHaveLength(3);
    expect(points[2]).toMatchObject({ t: last + MIN, down: 1, avg: null, min: null, max: null });

    // Other monitors' results are ignored.
    act(() => t.emit('result', result(6, { ts: last + MIN + 10 })));
    expect(hook.current.data!.points).toHaveLength(3);
  });

  it('never shows another monitor’s series, and does not stream into a fixed range', async () => {
    const t = new FakeTransport({
      'series.get': (q) => ({
        monitorId: q.monitorId,
        from: q.from,
        to: q.to,
        bucketMs: MIN,
        points: [pt(Math.floor(q.to / MIN) * MIN)],
      }),
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TransportProvider transport={t}>{children}</TransportProvider>
    );
    const day = rangeFromParams(new URLSearchParams('range=24h'));
    const { result: hook, rerender } = renderHook(({ id }: { id: number }) => useRangeSeries(id, day), {
      wrapper,
      initialProps: { id: 1 },
    });
    await waitFor(() => expect(hook.current.data?.monitorId).toBe(1));
    rerender({ id: 2 });
    expect(hook.current.data).toBeUndefined();
    await waitFor(() => expect(hook.current.data?.monitorId).toBe(2));
    const before = hook.current.data;
    act(() => t.emit('result', result(2, { ts: Date.now() + 1000 })));
    expect(hook.current.data).toBe(before);
  });
});

describe('mergeResultIntoSeries', () => {
  const base: Series = {
    monitorId: 1,
    from: 10 * MIN,
    to: 20 * MIN,
    bucketMs: MIN,
    points: [pt(10 * MIN), pt(19 * MIN)],
  };

  it('slides the window and drops buckets that end before the new start', () => {
    const s = mergeResultIntoSeries(base, result(1, { ts: 22 * MIN + 1, latencyMs: 50 }));
    expect(s.to).toBe(22 * MIN + 1);
    expect(s.from).toBe(12 * MIN + 1);
    expect(s.points.map((p) => p.t)).toEqual([19 * MIN, 22 * MIN]);
  });

  it('fills a gap in the middle in order, and ignores results older than the window', () => {
    const s = mergeResultIntoSeries(base, result(1, { ts: 15 * MIN + 30_000 }));
    expect(s.points.map((p) => p.t)).toEqual([10 * MIN, 15 * MIN, 19 * MIN]);
    expect(mergeResultIntoSeries(base, result(1, { ts: 5 * MIN }))).toBe(base);
    expect(mergeResultIntoSeries(base, result(2, { ts: 19 * MIN }))).toBe(base);
  });

  it('starts a grid when the series was empty', () => {
    const empty: Series = { ...base, points: [] };
    const s = mergeResultIntoSeries(empty, result(1, { ts: 19 * MIN + 123, status: 'unknown', latencyMs: null }));
    expect(s.points).toEqual([
      { t: 19 * MIN, up: 0, degraded: 0, down: 0, unknown: 1, min: null, avg: null, max: null },
    ]);
  });
});
