import type { DashboardRow } from '../../shared/dashboard';
import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import type { MonitorState } from '../../shared/state';
import { monitorTarget } from '../components/kinds';
import { groupMonitors } from './format';
import type { DisplayStatus } from '../components/StatusBadge';

/** One dashboard line: the monitor, its figures from `dashboard.get`, and its newest result (live). */
export interface DashboardItem {
  monitor: Monitor;
  row: DashboardRow | undefined;
  latest: ProbeResult | undefined;
  /** Confirmed state when the core reports one, else the newest result's status. */
  status: DisplayStatus;
  inMaintenance: boolean;
  /** Open incident (for `a` = acknowledge), when known. */
  incidentId: number | null;
  /** Its state keeps changing; alerts are summarised. */
  flapping: boolean;
}

export type StatusFilter = 'all' | 'problems' | 'down' | 'degraded' | 'up' | 'unknown' | 'maintenance';
export type SortKey = 'worst' | 'name' | 'uptime';

export interface ListOptions {
  query: string;
  status: StatusFilter;
  group: string;
  sort: SortKey;
}

export const DEFAULT_LIST_OPTIONS: ListOptions = { query: '', status: 'all', group: 'all', sort: 'worst' };

/** Worst first: down, degraded, unknown, pending, up. */
const SEVERITY: Record<DisplayStatus, number> = { down: 0, degraded: 1, unknown: 2, pending: 3, up: 4, paused: 5 };

export function buildItems(
  monitors: readonly Monitor[],
  rows: ReadonlyMap<number, DashboardRow>,
  latest: ReadonlyMap<number, ProbeResult>,
  states: ReadonlyMap<number, MonitorState> = new Map(),
): DashboardItem[] {
  return monitors.map((monitor) => {
    const row = rows.get(monitor.id);
    const live = latest.get(monitor.id);
    // The live result wins when it is newer than what the dashboard query saw.
    const newest = live && (!row?.latest || live.ts >= row.latest.ts) ? live : undefined;
    const state = states.get(monitor.id);
    const resultStatus: DisplayStatus = newest?.status ?? row?.latest?.status ?? 'pending';
    const status: DisplayStatus = monitor.paused
      ? 'paused'
      : state && state.since !== null
        ? state.state
        : resultStatus;
    const inMaintenance = state?.inMaintenance ?? newest?.inMaintenance ?? row?.latest?.inMaintenance ?? false;
    const latestResult: ProbeResult | undefined =
      newest ??
      (row?.latest
        ? {
            monitorId: monitor.id,
            ts: row.latest.ts,
            status: row.latest.status,
            latencyMs: row.latest.latencyMs,
            inMaintenance: row.latest.inMaintenance,
            ...(row.latest.message ? { message: row.latest.message } : {}),
          }
        : undefined);
    return {
      monitor,
      row,
      latest: latestResult,
      status,
      inMaintenance,
      incidentId: state?.incidentId ?? null,
      flapping: state?.flapping ?? false,
    };
  });
}

function matches(item: DashboardItem, o: ListOptions): boolean {
  if (o.group !== 'all' && item.monitor.group !== o.group) return false;
  switch (o.status) {
    case 'all':
      break;
    case 'problems':
      if (item.status !== 'down' && item.status !== 'degraded' && item.status !== 'unknown') return false;
      break;
    case 'maintenance':
      if (!item.inMaintenance) return false;
      break;
    default:
      if (item.status !== o.status) return false;
  }
  const q = o.query.trim().toLowerCase();
  if (!q) return true;
  const hay =
    `${item.monitor.name} ${monitorTarget(item.monitor)} ${item.monitor.group} ${item.monitor.kind}`.toLowerCase();
  return q.split(/\s+/).every((word) => hay.includes(word));
}

function compare(sort: SortKey) {
  const byName = (a: DashboardItem, b: DashboardItem) => a.monitor.name.localeCompare(b.monitor.name);
  const uptime = (i: DashboardItem) => i.row?.uptime.d1.ratio ?? 2; // no data sorts after any measured ratio
  if (sort === 'name') return byName;
  if (sort === 'uptime') return (a: DashboardItem, b: DashboardItem) => uptime(a) - uptime(b) || byName(a, b);
  return (a: DashboardItem, b: DashboardItem) =>
    SEVERITY[a.status] - SEVERITY[b.status] || uptime(a) - uptime(b) || byName(a, b);
}

export interface ItemGroup {
  name: string;
  items: DashboardItem[];
  down: number;
}

/**
 * Filtered, grouped by service, sorted within each group. Sorted by name the groups keep their
 * fixed order; worst first (or lowest uptime) the groups follow their worst member, so a down
 * monitor is at the top whichever group it is in (ties keep the fixed order).
 */
export function arrange(items: readonly DashboardItem[], o: ListOptions): ItemGroup[] {
  const kept = items.filter((i) => matches(i, o));
  const byId = new Map(kept.map((i) => [i.monitor.id, i]));
  const cmp = compare(o.sort);
  const groups = groupMonitors(kept.map((i) => i.monitor)).map((g) => {
    const its = g.monitors.map((m) => byId.get(m.id)!).sort(cmp);
    return { name: g.name, items: its, down: its.filter((i) => i.status === 'down').length };
  });
  if (o.sort === 'name') return groups;
  // Groups rank by their first (worst) member's status, or its uptime; Array.prototype.sort is
  // stable, so equal groups keep the fixed order.
  const uptime = (g: ItemGroup) => g.items[0]?.row?.uptime.d1.ratio ?? 2;
  const severity = (g: ItemGroup) => (g.items[0] ? SEVERITY[g.items[0].status] : Infinity);
  return groups.sort(o.sort === 'uptime' ? (a, b) => uptime(a) - uptime(b) : (a, b) => severity(a) - severity(b));
}

export interface HeaderCounts {
  total: number;
  down: number;
  degraded: number;
  unknown: number;
  up: number;
  pending: number;
  paused: number;
  maintenance: number;
}

export function headerCounts(items: readonly DashboardItem[]): HeaderCounts {
  const c: HeaderCounts = {
    total: items.length,
    down: 0,
    degraded: 0,
    unknown: 0,
    up: 0,
    pending: 0,
    paused: 0,
    maintenance: 0,
  };
  for (const i of items) {
    c[i.status]++;
    if (i.inMaintenance) c.maintenance++;
  }
  return c;
}
