import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { tableDbOf } from '../../electron/core/store/connection';
import { createGapStore } from '../../electron/core/store/gaps';
import { draft, tempDir } from './store-helpers';

const T0 = Date.UTC(2025, 5, 11, 10);
const MIN = 60_000;

let store: Store | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  store?.close();
  tmp?.cleanup();
  store = undefined;
  tmp = undefined;
});

function open() {
  tmp = tempDir();
  store = openStore({ path: tmp.file('p.db'), now: () => T0 });
  return { s: store, gaps: createGapStore(tableDbOf(store)), file: tmp.file('p.db') };
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
    store = openStore({ path: file, readOnly: true });
    const review = createGapStore(tableDbOf(store));
    expect(review.pauses(T0, T0 + MIN)).toEqual([{ monitorId: null, start: T0, end: T0 + 5 * MIN }]);
    expect(() => review.pauseStarted(a.id, T0 + 10 * MIN)).toThrow(/review|read-only|record a gap/i);
  });
});
