import { ApiError } from '../../../shared/errors';
import type { Occurrence, OccurrenceState } from '../../../shared/maintenance';
import type { Clock, TimerHandle } from '../clock';
import type { OccurrenceRecord, WindowTable } from '../store/windows';
import type { ScheduleIndex } from './schedule-index';

/**
 * Per-occurrence lifecycle: scheduled -> in_progress -> completed by the core's clock, or
 * cancelled; a running occurrence can be extended or ended early. The state of an occurrence is
 * derived from the clock and its record (so a restart never leaves one stuck "in progress"); the
 * lifecycle records each transition it sees in the store and announces it.
 */

const MIN = 60_000;
/** Wake at least this often, so a changed system clock or a new window is picked up. */
const MAX_SLEEP = 15 * MIN;
/** On start, transitions missed while Lookout was closed are recorded this far back. */
const CATCH_UP = 7 * 24 * 60 * MIN;

export interface StateChange {
  windowId: number;
  start: number;
  state: OccurrenceState;
}

export interface Lifecycle {
  start(): void;
  stop(): void;
  /** Records transitions up to now and re-arms the timer; returns what changed. */
  tick(): StateChange[];
  cancel(windowId: number, start: number): Occurrence;
  extend(windowId: number, start: number, minutes: number): Occurrence;
  endEarly(windowId: number, start: number): Occurrence;
}

export interface LifecycleDeps {
  clock: Clock;
  index: ScheduleIndex;
  table: WindowTable;
  onChange: (changes: StateChange[]) => void;
}

export function createLifecycle({ clock, index, table, onChange }: LifecycleDeps): Lifecycle {
  let timer: TimerHandle | undefined;
  let running = false;
  let lastTick: number | undefined;

  function save(records: OccurrenceRecord[]): void {
    if (records.length === 0) return;
    table.occurrences.upsertMany(records);
    index.setRecords(table.occurrences.list());
  }

  function find(windowId: number, start: number): Occurrence {
    const now = clock.now();
    const occ = index.windowOccurrences(windowId, start, start + 1, now).find((o) => o.start === start);
    if (!occ)
      throw new ApiError(
        'not_found',
        `Window ${windowId} has no occurrence starting at ${new Date(start).toISOString()}`,
      );
    return occ;
  }

  function recordOf(o: Occurrence, patch: Partial<OccurrenceRecord>): OccurrenceRecord {
    return {
      windowId: o.windowId,
      start: o.start,
      state: o.state,
      extendedMin: o.extendedMin,
      endedEarlyAt: o.endedEarlyAt,
      changedAt: clock.now(),
      ...patch,
    };
  }

  function change(o: Occurrence, patch: Partial<OccurrenceRecord>): Occurrence {
    save([recordOf(o, patch)]);
    const after = find(o.windowId, o.start);
    onChange([{ windowId: after.windowId, start: after.start, state: after.state }]);
    return after;
  }

  function tick(): StateChange[] {
    const now = clock.now();
    const from = lastTick === undefined ? now - CATCH_UP : lastTick - MIN;
    lastTick = now;
    const changes: StateChange[] = [];
    const records: OccurrenceRecord[] = [];
    for (const o of index.occurrences(from, now + 1, now)) {
      const recorded = index.record(o.windowId, o.start)?.state ?? 'scheduled';
      if (o.state !== recorded && o.state !== 'scheduled') {
        records.push(recordOf(o, {}));
        changes.push({ windowId: o.windowId, start: o.start, state: o.state });
      }
    }
    save(records);
    if (changes.length > 0) onChange(changes);
    arm(now);
    return changes;
  }

  function arm(now: number): void {
    if (!running) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    // Next boundary: the earliest start or end still ahead.
    let wake = now + MAX_SLEEP;
    for (const o of index.occurrences(now, wake, now)) {
      if (o.state === 'cancelled') continue;
      if (o.start > now) wake = Math.min(wake, o.start);
      if (o.end > now) wake = Math.min(wake, o.end);
    }
    timer = clock.setTimeout(tick, Math.max(0, wake - now));
  }

  return {
    start() {
      running = true;
      tick();
    },
    stop() {
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    tick,
    cancel(windowId, start) {
      const o = find(windowId, start);
      if (o.state !== 'scheduled')
        throw new ApiError(
          'conflict',
          `This occurrence is ${o.state.replace('_', ' ')}; only a scheduled one can be cancelled (end a running one early instead)`,
        );
      return change(o, { state: 'cancelled' });
    },
    extend(windowId, start, minutes) {
      const o = find(windowId, start);
      if (o.state !== 'in_progress')
        throw new ApiError(
          'conflict',
          `This occurrence is ${o.state.replace('_', ' ')}; only a running one can be extended`,
        );
      const after = change(o, { extendedMin: o.extendedMin + minutes, state: 'in_progress' });
      arm(clock.now());
      return after;
    },
    endEarly(windowId, start) {
      const o = find(windowId, start);
      if (o.state !== 'in_progress')
        throw new ApiError(
          'conflict',
          `This occurrence is ${o.state.replace('_', ' ')}; only a running one can be ended early`,
        );
      const after = change(o, { endedEarlyAt: clock.now(), state: 'completed' });
      arm(clock.now());
      return after;
    },
  };
}
