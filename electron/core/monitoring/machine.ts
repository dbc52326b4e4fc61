import type { MonitorStateName } from '../../../shared/state';
import type { Status } from '../../../shared/status';

/**
 * The confirmation rule for one monitor, as pure data + functions: a state changes only after
 * `retries` consecutive results worse than it, and improves after `recoveries` consecutive better
 * ones. `unknown` results (the console could not see) neither confirm nor clear anything.
 */
export interface Tracker {
  state: MonitorStateName;
  since: number | null;
  /** Consecutive results worse than the state, and the least bad of them (what they confirm). */
  worse: number;
  worseLevel: number;
  /** Timestamp of the first result in the worse run (an incident starts there). */
  worseFrom: number | null;
  /** Consecutive results better than the state, and the worst of them. */
  better: number;
  betterLevel: number;
  betterFrom: number | null;
  /** Times of recent state changes (between up / degraded / down), for flapping. */
  changes: number[];
  flapping: boolean;
}

export interface Transition {
  from: MonitorStateName;
  to: MonitorStateName;
  /** When the new state began: the first result of the run that confirmed it. */
  at: number;
}

export interface Rules {
  retries: number;
  recoveries: number;
  flapChanges: number;
  flapWindowMs: number;
}

const LEVELS: readonly MonitorStateName[] = ['up', 'degraded', 'down'];
const level = (s: Status): number => (s === 'up' ? 0 : s === 'degraded' ? 1 : 2);

export function newTracker(state: MonitorStateName = 'unknown', since: number | null = null): Tracker {
  return {
    state,
    since,
    worse: 0,
    worseLevel: 2,
    worseFrom: null,
    better: 0,
    betterLevel: 0,
    betterFrom: null,
    changes: [],
    flapping: false,
  };
}

/** Forget a half-confirmed run, e.g. after waking: the next failures must confirm afresh. */
export function resetPending(t: Tracker): void {
  t.worse = 0;
  t.worseLevel = 2;
  t.worseFrom = null;
  t.better = 0;
  t.betterLevel = 0;
  t.betterFrom = null;
}

/** Feeds one result; returns the transition it confirmed, if any. */
export function observe(t: Tracker, status: Status, ts: number, rules: Rules): Transition | undefined {
  if (status === 'unknown' || t.state === 'paused') return undefined;
  const r = level(status);
  const current = t.state === 'unknown' ? undefined : LEVELS.indexOf(t.state);
  // From `unknown` (never confirmed), a good result is a recovery and a bad one a failure.
  const isWorse = current === undefined ? r > 0 : r > current;
  const isBetter = current === undefined ? r === 0 : r < current;
  if (!isWorse && !isBetter) {
    resetPending(t);
    return undefined;
  }
  let to: number | undefined;
  let at = ts;
  if (isWorse) {
    t.better = 0;
    t.betterLevel = 0;
    t.betterFrom = null;
    if (t.worse === 0) t.worseFrom = ts;
    t.worse++;
    t.worseLevel = Math.min(t.worseLevel, r);
    if (t.worse >= rules.retries) {
      to = t.worseLevel;
      at = t.worseFrom ?? ts;
    }
  } else {
    t.worse = 0;
    t.worseLevel = 2;
    t.worseFrom = null;
    if (t.better === 0) t.betterFrom = ts;
    t.better++;
    t.betterLevel = Math.max(t.betterLevel, r);
    if (t.better >= rules.recoveries) {
      to = t.betterLevel;
      at = t.betterFrom ?? ts;
    }
  }
  if (to === undefined) return undefined;
  const next = LEVELS[to]!;
  const from = t.state;
  resetPending(t);
  t.state = next;
  t.since = at;
  if (from !== 'unknown') t.changes.push(at);
  updateFlapping(t, ts, rules);
  return { from, to: next, at };
}

/** Re-evaluates flapping at `now`; returns true when the flag changed. */
export function updateFlapping(t: Tracker, now: number, rules: Rules): boolean {
  const cutoff = now - rules.flapWindowMs;
  while (t.changes.length > 0 && t.changes[0]! < cutoff) t.changes.shift();
  const flapping = t.changes.length > rules.flapChanges;
  if (flapping === t.flapping) return false;
  t.flapping = flapping;
  return true;
}

/** Consecutive failing results pending confirmation (what the UI shows as "confirming 1/2"). */
export function pendingFailures(t: Tracker): number {
  return t.worse;
}
