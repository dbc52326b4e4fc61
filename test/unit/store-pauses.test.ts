import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import { tableDbOf } from '../../electron/core/store/connection';
import { createGapStore } from '../../electron/core/store/gaps';
import { draft, storePerTest } from './store-helpers';

const T0 = Date.UTC(2025, 5, 11, 10);
const MIN = 60_000;

const openTemp = storePerTest();

function open() {
  const { s, file } = openTemp('p.db', { now: () => T0 });
  return { s, gaps: createGapStore(tableDbOf(s)), file };
}

describe('paused spans (migration 17, store/gaps.ts)', () => {
  it('one open span per monitor and one for "pause all"; a second pause or a stray resume changes nothing', () => {
    const { s, gaps } = open();
    const a = s.monitors.create(draft('A'));
    const b = s.monitors.create(draft('B'));
    gaps.pauseStarted(a.id, T0);
    gaps.pauseStarted(a.id, T0 + MIN); // already paused: the span keeps its start
    gaps.pauseStarted(null, T0 + 2 * MIN);
    gaps.pauseEnded(b.id, T0 + 3 * MIN); // B was never paused
    expect(gaps.openPauses().sort()).toEqual([a.id, null].sort());
    gaps.pauseEnded(a.id, T0 + 10.6 * MIN);
    gaps.pauseEnded(null, T0 + 20 * MIN);
    gaps.pauseEnded(null, T0 + 30 * MIN); // already resumed: the end stays
    expect(gaps.openPauses()).toEqual([]);
    expect(gaps.pauses(T0, T0 + 60 * MIN)).toEqual([
      { monitorId: a.id, start: T0, end: Math.floor(T0 + 10.6 * MIN) },
      { monitorId: null, start: T0 + 2 * MIN, end: T0 + 20 * MIN },
    ]);
    // Overlap, half-open: a span ending at `from` is not in [from, to).
    expect(gaps.pauses(T0 + 20 * MIN, T0 + 60 * MIN)).toEqual([]);
    expect(gaps.pauses(T0 - MIN, T0 + MIN)).toHaveLength(1);
  });

  it('an open span reaches the accounting up to now, and goes with its monitor when that is deleted', () => {
    const { s, gaps } = open();
    const a = s.monitors.create(draft('A'));
    gaps.pauseStarted(a.id, T0);
    const now = T0 + 15 * MIN;
    expect(s.tables.accounting.timelines(T0, now, now, [a.id]).get(a.id)!.paused).toEqual([{ start: T0, end: now }]);
    s.monitors.delete(a.id);
    expect(gaps.pauses(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('a review (read-only) store reads the spans and refuses to record one', () => {
    const { s, gaps, file } = open();
    const a = s.monitors.create(draft('A'));
    gaps.pauseStarted(null, T0);
    gaps.pauseEnded(null, T0 + 5 * MIN);
    s.close();
    const reviewing = openStore({ path: file, readOnly: true });
    try {
      const review = createGapStore(tableDbOf(reviewing));
      expect(review.pauses(T0, T0 + MIN)).toEqual([{ monitorId: null, start: T0, end: T0 + 5 * MIN }]);
      expect(() => review.pauseStarted(a.id, T0 + 10 * MIN)).toThrow(/review|read-only|record a gap/i);
    } finally {
      reviewing.close();
    }
  });
});
