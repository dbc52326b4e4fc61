import type { Conflict, WindowDraft } from '../../../shared/maintenance';
import { createExpansion } from './expansion';
import type { ScheduleIndex } from './schedule-index';

/**
 * What a window would collide with, before it is saved: a declared peak event (a live-stream
 * episode, a submission deadline: these concern the whole platform), or another window touching
 * the same monitors or service groups. Looked for from `from` over the next `months`.
 */

const MIN = 60_000;
/** A weekly window against a weekly peak collides every week: the list stops being useful long before this. */
const MAX_CONFLICTS = 100;

export interface MonitorInfo {
  name: string;
  group: string;
}

export interface ConflictQuery {
  draft: WindowDraft;
  /** The window being edited, so it does not collide with itself. */
  excludeId?: number;
  from: number;
  months: number;
  index: ScheduleIndex;
  monitor: (id: number) => MonitorInfo | undefined;
}

export function findConflicts(q: ConflictQuery): Conflict[] {
  const to = q.from + q.months * 30.44 * 86_400_000;
  const span = q.draft.durationMin * MIN;
  const mine = createExpansion(q.draft)
    .between(q.from - span, to)
    .map((p) => ({ start: p.start, end: p.start + span }))
    .filter((o) => o.end > q.from);
  if (mine.length === 0) return [];

  const out: Conflict[] = [];
  const peaks = q.index.peakOccurrences(q.from, to);
  for (const o of overlaps(mine, peaks)) {
    out.push({
      kind: 'peak',
      otherId: o.other.peakId,
      otherTitle: o.other.title,
      start: o.start,
      end: o.end,
      shared: [],
    });
  }
  for (const w of q.index.windows()) {
    if (w.id === q.excludeId) continue;
    const shared = sharedTargets(q.draft, w, q.monitor);
    if (shared.length === 0) continue;
    const theirs = q.index.windowOccurrences(w.id, q.from, to, q.from).filter((o) => o.state !== 'cancelled');
    for (const o of overlaps(mine, theirs)) {
      out.push({ kind: 'window', otherId: w.id, otherTitle: w.title, start: o.start, end: o.end, shared });
    }
  }
  return out.sort((a, b) => a.start - b.start).slice(0, MAX_CONFLICTS);
}

/** Pairs of overlapping intervals of two lists sorted by start; two pointers. */
function overlaps<T extends { start: number; end: number }>(
  a: { start: number; end: number }[],
  b: T[],
): { start: number; end: number; other: T }[] {
  const out: { start: number; end: number; other: T }[] = [];
  let j0 = 0;
  for (const x of a) {
    while (j0 < b.length && b[j0]!.end <= x.start) j0++;
    for (let j = j0; j < b.length && b[j]!.start < x.end; j++) {
      const y = b[j]!;
      if (y.end > x.start) out.push({ start: Math.max(x.start, y.start), end: Math.min(x.end, y.end), other: y });
      if (out.length >= MAX_CONFLICTS) return out;
    }
  }
  return out;
}

/** Human labels of what two windows both touch: a monitor named by either, or a whole group. */
function sharedTargets(
  a: { monitorIds: number[]; groups: string[] },
  b: { monitorIds: number[]; groups: string[] },
  monitor: (id: number) => MonitorInfo | undefined,
): string[] {
  const labels = new Set<string>();
  const aGroups = new Set(a.groups);
  const bGroups = new Set(b.groups);
  for (const g of aGroups) if (bGroups.has(g)) labels.add(`group ${g}`);
  const bMonitors = new Set(b.monitorIds);
  const name = (id: number) => monitor(id)?.name ?? `monitor ${id}`;
  for (const id of a.monitorIds) {
    const group = monitor(id)?.group;
    if (bMonitors.has(id) || (group !== undefined && bGroups.has(group))) labels.add(name(id));
  }
  for (const id of b.monitorIds) {
    const group = monitor(id)?.group;
    if (group !== undefined && aGroups.has(group)) labels.add(name(id));
  }
  return [...labels];
}
