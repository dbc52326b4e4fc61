import type {
  Interval,
  MaintenanceWindow,
  Occurrence,
  OccurrenceState,
  PeakEvent,
  PeakOccurrence,
} from '../../../shared/maintenance';
import type { OccurrenceRecord } from '../store/windows';
import { createExpansion, type Expansion } from './expansion';
import type { PlacedList } from './recurrence';
import { emptyMerged, finish, firstEndingAfter, msIn, push, type Merged } from './merged';
import { formatLocal } from './zone';

/**
 * The in-memory answer to "is this monitor in maintenance, and for how long": windows expanded
 * once (expansion.ts), occurrence records applied (cancelled, extended, ended early), and per set
 * of windows the merged intervals with prefix sums. Monitors with the same windows share one
 * merged list. Anything that changes (a window, a record) drops the caches it touches.
 */

const MIN = 60_000;
const YEAR = 365.25 * 86_400_000;
/** Merged intervals are kept for blocks of this size around what was asked. */
const BLOCK = 30 * 86_400_000;

export interface Target {
  id: number;
  group: string;
}

interface Item {
  window: MaintenanceWindow;
  expansion: Expansion;
  /** Longest occurrence (planned + extensions), to find ones that started before a range. */
  maxSpan: number;
}

interface Effective {
  start: number;
  end: number;
  local: number;
  shifted: boolean;
  rec: OccurrenceRecord | undefined;
}

export interface ScheduleIndex {
  setWindows(windows: MaintenanceWindow[]): void;
  setRecords(records: OccurrenceRecord[]): void;
  setPeaks(peaks: PeakEvent[]): void;
  /** Expands every window over [from, to) now, so the first queries do not pay for it. */
  prepare(from: number, to: number): void;
  record(windowId: number, start: number): OccurrenceRecord | undefined;
  windows(): MaintenanceWindow[];
  /** Window occurrences overlapping [from, to), with state at `now`. */
  occurrences(from: number, to: number, now: number, target?: Target): Occurrence[];
  /** Occurrences of one window overlapping [from, to) (planned, records applied). */
  windowOccurrences(windowId: number, from: number, to: number, now: number): Occurrence[];
  peakOccurrences(from: number, to: number): PeakOccurrence[];
  intervals(target: Target, from: number, to: number): Interval[];
  maintenanceMs(target: Target, from: number, to: number): number;
  isInMaintenance(target: Target, ts: number): boolean;
  activeWindows(target: Target, ts: number): number[];
  /** Next occurrence (not cancelled) starting at or after `now`, optionally for one target. */
  next(now: number, target?: Target): Occurrence | null;
}

export function stateAt(
  o: { start: number; end: number },
  rec: OccurrenceRecord | undefined,
  now: number,
): OccurrenceState {
  if (rec?.state === 'cancelled') return 'cancelled';
  if (now < o.start) return 'scheduled';
  return now < o.end ? 'in_progress' : 'completed';
}

export function createScheduleIndex(): ScheduleIndex {
  let items = new Map<number, Item>();
  let peaks: { peak: PeakEvent; expansion: Expansion }[] = [];
  let records = new Map<string, OccurrenceRecord>();
  /** Windows with at least one record: the others skip the per-occurrence lookup. */
  let recorded = new Set<number>();
  let byMonitor = new Map<number, number[]>();
  let byGroup = new Map<string, number[]>();
  let merged = new Map<string, Merged>();

  const key = (windowId: number, start: number) => `${windowId}:${start}`;

  function rebuildTargets(): void {
    byMonitor = new Map();
    byGroup = new Map();
    for (const { window: w } of items.values()) {
      for (const m of w.monitorIds) (byMonitor.get(m) ?? byMonitor.set(m, []).get(m)!).push(w.id);
      for (const g of w.groups) (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(w.id);
    }
    merged = new Map();
  }

  function maxSpan(w: MaintenanceWindow): number {
    let extra = 0;
    for (const r of records.values()) if (r.windowId === w.id) extra = Math.max(extra, r.extendedMin);
    return (w.durationMin + extra) * MIN;
  }

  function windowIdsFor(t: Target): number[] {
    const a = byMonitor.get(t.id) ?? [];
    const b = byGroup.get(t.group) ?? [];
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    return [...new Set([...a, ...b])].sort((x, y) => x - y);
  }

  /** Effective [start, end) of each occurrence of `item` starting in [from - span, to), cancelled left out. */
  function effective(item: Item, from: number, to: number): Effective[] {
    const out: Effective[] = [];
    forEffective(item, from, to, (start, end, i, list, rec) =>
      out.push({ start, end, local: list.locals[i]!, shifted: list.shifted[i] === 1, rec }),
    );
    return out;
  }

  function forEffective(
    item: Item,
    from: number,
    to: number,
    fn: (start: number, end: number, i: number, list: PlacedList, rec: OccurrenceRecord | undefined) => void,
  ): void {
    const planned = item.window.durationMin * MIN;
    const withRecords = recorded.has(item.window.id);
    const { list, lo, hi } = item.expansion.range(from - item.maxSpan, to);
    for (let i = lo; i < hi; i++) {
      const start = list.starts[i]!;
      const rec = withRecords ? records.get(key(item.window.id, start)) : undefined;
      if (rec?.state === 'cancelled') continue;
      const end = rec?.endedEarlyAt ?? start + planned + (rec?.extendedMin ?? 0) * MIN;
      if (end > from) fn(start, end, i, list, rec);
    }
  }

  /**
   * Merged intervals of a target over a block covering [from, to). The windows of a service group
   * are merged once per group (hundreds of monitors share them); a monitor's own windows, usually
   * one to three, are then folded into the group's list in one linear pass.
   */
  function mergedFor(t: Target, from: number, to: number): Merged | undefined {
    const own = byMonitor.get(t.id) ?? [];
    const group = byGroup.get(t.group) ?? [];
    if (own.length === 0 && group.length === 0) return undefined;
    if (own.length === 0) return groupMerged(t.group, group, from, to);
    if (group.length === 0) return ownMerged(own, from, to);
    return cached(`m:${own.join(',')}|g:${t.group}`, from, to, (cFrom, cTo) => {
      const g = groupMerged(t.group, group, cFrom, cTo);
      const mine = intervalsOf(own, cFrom, cTo);
      const m = emptyMerged(cFrom, cTo);
      let i = 0;
      let j = 0;
      while (i < g.starts.length || j < mine.length) {
        if (j >= mine.length || (i < g.starts.length && g.starts[i]! <= mine[j]!.start)) {
          push(m, g.starts[i]!, g.ends[i]!);
          i++;
        } else {
          push(m, mine[j]!.start, mine[j]!.end);
          j++;
        }
      }
      return finish(m);
    });
  }
  function groupMerged(group: string, ids: number[], from: number, to: number): Merged {
    return cached(`g:${group}`, from, to, (cFrom, cTo) => build(cFrom, cTo, intervalsOf(ids, cFrom, cTo)));
  }
  function ownMerged(ids: number[], from: number, to: number): Merged {
    return cached(`m:${ids.join(',')}`, from, to, (cFrom, cTo) => build(cFrom, cTo, intervalsOf(ids, cFrom, cTo)));
  }

  function cached(k: string, from: number, to: number, make: (cFrom: number, cTo: number) => Merged): Merged {
    const have = merged.get(k);
    if (have && from >= have.from && to <= have.to) return have;
    const cFrom = Math.floor(Math.min(from, have?.from ?? from) / BLOCK) * BLOCK;
    const cTo = Math.ceil(Math.max(to, have?.to ?? to) / BLOCK) * BLOCK;
    const m = make(cFrom, cTo);
    merged.set(k, m);
    return m;
  }

  function intervalsOf(ids: number[], from: number, to: number): { start: number; end: number }[] {
    const all: { start: number; end: number }[] = [];
    for (const id of ids) {
      const item = items.get(id);
      if (item) forEffective(item, from, to, (start, end) => all.push({ start, end }));
    }
    // One window's occurrences are already in order: sorting is only needed to interleave several.
    return ids.length > 1 ? all.sort((a, b) => a.start - b.start) : all;
  }

  function build(from: number, to: number, sorted: { start: number; end: number }[]): Merged {
    const m = emptyMerged(from, to);
    for (const o of sorted) push(m, o.start, o.end);
    return finish(m);
  }

  function toOccurrence(item: Item, o: Effective, now: number): Occurrence {
    const w = item.window;
    return {
      windowId: w.id,
      title: w.title,
      zone: w.zone,
      start: o.start,
      end: o.end,
      plannedEnd: o.start + w.durationMin * MIN,
      localStart: formatLocal(o.local),
      shifted: o.shifted,
      state: stateAt(o, o.rec, now),
      extendedMin: o.rec?.extendedMin ?? 0,
      endedEarlyAt: o.rec?.endedEarlyAt ?? null,
      monitorIds: w.monitorIds,
      groups: w.groups,
    };
  }

  /** Every occurrence of an item overlapping [from, to), cancelled included (calendar and lifecycle need them). */
  function listed(item: Item, from: number, to: number, now: number): Occurrence[] {
    const planned = item.window.durationMin * MIN;
    const out: Occurrence[] = [];
    for (const p of item.expansion.between(from - item.maxSpan, to)) {
      const rec = records.get(key(item.window.id, p.start));
      const end = rec?.endedEarlyAt ?? p.start + planned + (rec?.extendedMin ?? 0) * MIN;
      if (end > from || (rec?.state === 'cancelled' && p.start + planned > from))
        out.push(toOccurrence(item, { ...p, end, rec }, now));
    }
    return out;
  }

  const index: ScheduleIndex = {
    setWindows(windows) {
      const next = new Map<number, Item>();
      for (const w of windows) {
        const old = items.get(w.id);
        // Unchanged windows keep their expansion (an edit to one does not re-expand 500).
        const same =
          old &&
          old.window.updatedAt === w.updatedAt &&
          old.window.start === w.start &&
          old.window.zone === w.zone &&
          old.window.rrule === w.rrule &&
          JSON.stringify(old.window.recurrence) === JSON.stringify(w.recurrence);
        const expansion = same ? old.expansion : createExpansion(w);
        next.set(w.id, { window: w, expansion, maxSpan: maxSpan(w) });
      }
      items = next;
      rebuildTargets();
    },
    setRecords(list) {
      records = new Map(list.map((r) => [key(r.windowId, r.start), r]));
      recorded = new Set(list.map((r) => r.windowId));
      for (const item of items.values()) item.maxSpan = maxSpan(item.window);
      merged = new Map();
    },
    setPeaks(list) {
      peaks = list.map((peak) => ({ peak, expansion: createExpansion(peak) }));
    },
    prepare(from, to) {
      for (const item of items.values()) item.expansion.range(from, to);
    },
    record: (windowId, start) => records.get(key(windowId, start)),
    windows: () => [...items.values()].map((i) => i.window),
    occurrences(from, to, now, target) {
      const ids = target ? windowIdsFor(target) : [...items.keys()];
      const out: Occurrence[] = [];
      for (const id of ids) {
        const item = items.get(id);
        if (item) out.push(...listed(item, from, to, now));
      }
      return out.sort((a, b) => a.start - b.start || a.windowId - b.windowId);
    },
    windowOccurrences(windowId, from, to, now) {
      const item = items.get(windowId);
      return item ? listed(item, from, to, now) : [];
    },
    peakOccurrences(from, to) {
      const out: PeakOccurrence[] = [];
      for (const { peak, expansion } of peaks) {
        const span = peak.durationMin * MIN;
        for (const p of expansion.between(from - span, to)) {
          if (p.start + span <= from) continue;
          out.push({
            peakId: peak.id,
            title: peak.title,
            kind: peak.kind,
            zone: peak.zone,
            start: p.start,
            end: p.start + span,
            localStart: formatLocal(p.local),
            shifted: p.shifted,
          });
        }
      }
      return out.sort((a, b) => a.start - b.start);
    },
    intervals(target, from, to) {
      const m = mergedFor(target, from, to);
      if (!m) return [];
      const out: Interval[] = [];
      for (let i = firstEndingAfter(m, from); i < m.starts.length && m.starts[i]! < to; i++) {
        out.push({ start: Math.max(m.starts[i]!, from), end: Math.min(m.ends[i]!, to) });
      }
      return out;
    },
    maintenanceMs(target, from, to) {
      if (to <= from) return 0;
      const own = byMonitor.get(target.id) ?? [];
      const group = byGroup.get(target.group) ?? [];
      if (own.length === 0) return group.length === 0 ? 0 : msIn(groupMerged(target.group, group, from, to), from, to);
      // Group time plus the monitor's own time outside it: a few binary searches per own
      // occurrence instead of copying the group's list for each of its hundreds of monitors.
      const g = group.length === 0 ? undefined : groupMerged(target.group, group, from, to);
      let ms = g ? msIn(g, from, to) : 0;
      // Own intervals arrive in order, so the group's list is walked once alongside them.
      let gj = g ? firstEndingAfter(g, from) : 0;
      const add = (s: number, e: number) => {
        s = Math.max(s, from);
        e = Math.min(e, to);
        if (e <= s) return;
        ms += e - s;
        if (!g) return;
        while (gj < g.starts.length && g.ends[gj]! <= s) gj++;
        for (let j = gj; j < g.starts.length && g.starts[j]! < e; j++)
          ms -= Math.min(e, g.ends[j]!) - Math.max(s, g.starts[j]!);
      };
      if (own.every((id) => !recorded.has(id))) {
        // Plain schedules (no extension, early end or cancellation): walk the windows' occurrence
        // arrays in start order, merging on the fly: no list, no objects.
        const runs = own.flatMap((id) => {
          const item = items.get(id);
          if (!item) return [];
          const r = item.expansion.range(from - item.maxSpan, to);
          return [{ starts: r.list.starts, i: r.lo, hi: r.hi, span: item.window.durationMin * MIN }];
        });
        let curS = NaN;
        let curE = NaN;
        for (;;) {
          let best = -1;
          for (let k = 0; k < runs.length; k++) {
            const r = runs[k]!;
            if (r.i < r.hi && (best < 0 || r.starts[r.i]! < runs[best]!.starts[runs[best]!.i]!)) best = k;
          }
          if (best < 0) break;
          const r = runs[best]!;
          const start = r.starts[r.i++]!;
          const end = start + r.span;
          if (start <= curE) curE = Math.max(curE, end);
          else {
            if (curE > curS) add(curS, curE);
            curS = start;
            curE = end;
          }
        }
        if (curE > curS) add(curS, curE);
        return ms;
      }
      const o = ownMerged(own, from, to);
      for (let k = firstEndingAfter(o, from); k < o.starts.length && o.starts[k]! < to; k++)
        add(o.starts[k]!, o.ends[k]!);
      return ms;
    },
    isInMaintenance(target, ts) {
      const m = mergedFor(target, ts, ts + 1);
      if (!m) return false;
      const i = firstEndingAfter(m, ts);
      return i < m.starts.length && m.starts[i]! <= ts;
    },
    activeWindows(target, ts) {
      const out: number[] = [];
      for (const id of windowIdsFor(target)) {
        const item = items.get(id);
        if (item && effective(item, ts, ts + 1).some((o) => o.start <= ts && ts < o.end)) out.push(id);
      }
      return out;
    },
    next(now, target) {
      const ids = target ? windowIdsFor(target) : [...items.keys()];
      let best: Occurrence | null = null;
      for (const id of ids) {
        const item = items.get(id);
        if (!item) continue;
        // Look a year ahead, then ten: most windows recur within a year.
        for (const horizon of [YEAR, 10 * YEAR]) {
          const { list, lo, hi } = item.expansion.range(now, now + horizon);
          let found: Effective | undefined;
          for (let i = lo; i < hi && !found; i++) {
            const start = list.starts[i]!;
            const rec = recorded.has(id) ? records.get(key(id, start)) : undefined;
            if (rec?.state === 'cancelled') continue;
            const end = rec?.endedEarlyAt ?? start + item.window.durationMin * MIN + (rec?.extendedMin ?? 0) * MIN;
            found = { start, end, local: list.locals[i]!, shifted: list.shifted[i] === 1, rec };
          }
          if (found) {
            if (!best || found.start < best.start) best = toOccurrence(item, found, now);
            break;
          }
          if (best && best.start < now + horizon) break;
        }
      }
      return best;
    },
  };
  return index;
}
