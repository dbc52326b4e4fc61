import type { Accounting } from '../../../shared/accounting';
import type { Monitor } from '../../../shared/monitor';
import type { AccountingSource } from '../store/accounting';
import { account, groupTimeline, type Timeline } from './accounting';
import type { Interval } from './intervals';

/** Planned maintenance of one monitor over [from, to), merged (maintenance/service.ts queries). */
export type MaintenanceIntervals = (monitor: Monitor, from: number, to: number) => Interval[];

/**
 * The accounting over stored history: timelines from the store plus the maintenance that applies,
 * then `account`. Every view (dashboard rows, SLO cards, strip, report, CSV) asks this.
 */
export interface Ledger {
  /** Timelines of `monitors` over [from, to) (open runs end at `now`). */
  timelines(monitors: readonly Monitor[], from: number, to: number, now: number): Map<number, Timeline>;
  gaps(from: number, to: number): Interval[];
  /** One monitor, or a service group (down while any member is down) when given several. */
  account(monitors: readonly Monitor[], from: number, to: number, now: number): Accounting;
}

export function createLedger(source: AccountingSource, maintenance?: MaintenanceIntervals): Ledger {
  function timelines(monitors: readonly Monitor[], from: number, to: number, now: number): Map<number, Timeline> {
    const stored = source.timelines(from, to, now, monitors.length > 32 ? undefined : monitors.map((m) => m.id));
    const out = new Map<number, Timeline>();
    for (const m of monitors) {
      const s = stored.get(m.id) ?? { first: null, down: [], degraded: [], paused: [] };
      out.set(m.id, { ...s, maintenance: maintenance ? maintenance(m, from, to) : [] });
    }
    return out;
  }
  return {
    timelines,
    gaps: source.gaps,
    account(monitors, from, to, now) {
      const tls = [...timelines(monitors, from, to, now).values()];
      const t = tls.length === 1 ? tls[0]! : groupTimeline(tls);
      return account(t, source.gaps(from, to), from, to);
    },
  };
}
