import type { Accounting } from '../../../shared/accounting';
import type { Monitor } from '../../../shared/monitor';
import {
  REPORT_TARGETS,
  type ReportDay,
  type ReportDeploys,
  type ReportGroup,
  type ReportIncident,
  type ReportMonitor,
  type ServiceReport,
} from '../../../shared/report';
import { ApiError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import { account, accountRanges, groupTimeline, type Timeline } from '../slo/accounting';
import { errorBudget } from '../slo/budget';
import type { Interval } from '../slo/intervals';
import type { Ledger } from '../slo/ledger';
import { groupTarget, monitorTarget } from '../slo/targets';
import type { Incident } from '../../../shared/incidents';
import type { LatencyDetail } from '../store/rollups';
import { shareAbove } from '../store/rollups';
import { checkHistory, daysOf, reportRange, type Query } from './range';

export interface ReportSources {
  now: () => number;
  settings: () => Settings;
  monitors: () => Monitor[];
  ledger: Ledger;
  /** Incidents of one monitor overlapping [from, to). */
  incidents: (monitorId: number, from: number, to: number) => Incident[];
  latency: (monitorId: number, from: number, to: number) => LatencyDetail;
  /** Deploys per service group in [from, to) and the regressions among them (deploys/report.ts). */
  deploys: (from: number, to: number) => ReportDeploys;
}

export type Progress = (p: { done: number; total: number; stage: string }) => void;

/** Yield to the event loop every this many monitors, so progress reaches the client while a long report is built. */
const YIELD_EVERY = 25;

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const change = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : (now - before) / before;
const meets = (u: Accounting, target: number) => (u.ratio === null ? null : u.ratio >= target);

function reportIncident(i: Incident, from: number, to: number, now: number): ReportIncident {
  const end = i.endedAt ?? now;
  return {
    id: i.id,
    monitorId: i.monitorId,
    startedAt: i.startedAt,
    endedAt: i.endedAt,
    durationMs: Math.max(0, Math.min(end, to) - Math.max(i.startedAt, from)),
    firstError: i.firstError ?? i.firstErrorCode,
    ttaMs: i.acknowledgedAt === null ? null : Math.max(0, i.acknowledgedAt - i.startedAt),
    ttrMs: i.endedAt === null ? null : i.endedAt - i.startedAt,
  };
}

function dayFigures(
  t: Timeline,
  gaps: readonly Interval[],
  days: readonly { date: string; start: number; end: number }[],
): ReportDay[] {
  const figures = accountRanges(t, gaps, days);
  return days.map((d, i) => ({ ...d, uptime: figures[i]! }));
}

/**
 * The report's one data object. Every uptime figure is `account` over the same timelines the
 * console reads (slo/ledger.ts), so a range's numbers equal the console's for that range.
 */
export async function buildReport(src: ReportSources, q: Query, onProgress?: Progress): Promise<ServiceReport> {
  const now = src.now();
  const range = reportRange(q, now);
  const { from, to } = range;
  const settings = src.settings();
  const all = src.monitors();
  const monitors = q.groups ? all.filter((m) => q.groups!.includes(m.group)) : all;
  if (monitors.length === 0) {
    throw q.groups
      ? new ApiError(
          'invalid_input',
          `No monitors in the service group${q.groups.length > 1 ? 's' : ''} ${q.groups.map((g) => `“${g}”`).join(', ')}`,
          [{ path: 'groups', message: 'No monitors in these groups' }],
        )
      : new ApiError('not_found', 'There are no monitors to report on');
  }
  const timelines = src.ledger.timelines(monitors, from, to, now);
  let historyFrom: number | null = null;
  for (const t of timelines.values())
    if (t.first !== null) historyFrom = historyFrom === null ? t.first : Math.min(historyFrom, t.first);
  checkHistory(q, range, historyFrom);
  const gaps = src.ledger.gaps(from, to);
  const days = daysOf(from, to, q.zone);
  const empty = historyFrom === null || historyFrom >= to;
  const notes: string[] = [];
  if (empty) notes.push('No results were stored in this range: there is nothing to report.');
  if (range.toDate) notes.push('The period is not over: figures are to date.');
  if (!empty && historyFrom! > from)
    notes.push('Stored history begins inside this range; time before the first result is not measured.');

  const out: ReportMonitor[] = [];
  const len = to - from;
  for (const [i, m] of monitors.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) {
      onProgress?.({ done: i, total: monitors.length, stage: 'monitors' });
      await new Promise<void>((r) => setImmediate(r));
    }
    const t = timelines.get(m.id)!;
    const target = monitorTarget(settings, m);
    const uptime = account(t, gaps, from, to);
    const incidents = src
      .incidents(m.id, from, to)
      .map((x) => reportIncident(x, from, to, now))
      .sort((a, b) => a.startedAt - b.startedAt);
    const lat = src.latency(m.id, from, to);
    const prev = src.latency(m.id, Math.max(0, from - len), from);
    const b = errorBudget({ target, start: from, end: range.periodEnd, first: t.first, downMs: uptime.downMs });
    out.push({
      monitorId: m.id,
      name: m.name,
      group: m.group,
      kind: m.kind,
      target,
      uptime,
      meetsTarget: meets(uptime, target),
      budget: { allowedMs: b.allowedMs, spentMs: b.spentMs, remaining: b.remaining },
      incidents,
      mttaMs: mean(incidents.flatMap((x) => (x.ttaMs === null ? [] : [x.ttaMs]))),
      mttrMs: mean(incidents.flatMap((x) => (x.ttrMs === null ? [] : [x.ttrMs]))),
      maintenance: t.maintenance
        .map((w) => ({ start: Math.max(from, w.start), end: Math.min(to, w.end) }))
        .filter((w) => w.end > w.start)
        .map((w) => ({ ...w, minutes: (w.end - w.start) / 60_000 })),
      latency: {
        count: lat.count,
        avg: lat.avg,
        p50: lat.p50,
        p95: lat.p95,
        previousP50: prev.p50,
        previousP95: prev.p95,
        p50Change: change(lat.p50, prev.p50),
        p95Change: change(lat.p95, prev.p95),
        shareOverSlow: shareAbove(lat, REPORT_TARGETS.slowMs),
      },
      pageLoad:
        m.kind === 'page'
          ? { avg: lat.avg, p95: lat.p95, meetsTarget: lat.p95 === null ? null : lat.p95 <= REPORT_TARGETS.pageLoadMs }
          : null,
      days: dayFigures(t, gaps, days),
    });
  }
  onProgress?.({ done: monitors.length, total: monitors.length, stage: 'groups' });

  const groups: ReportGroup[] = [];
  for (const name of [...new Set(monitors.map((m) => m.group))].sort((a, b) => a.localeCompare(b))) {
    const members = monitors.filter((m) => m.group === name);
    const t = groupTimeline(members.map((m) => timelines.get(m.id)!));
    const target = groupTarget(settings, name);
    const uptime = account(t, gaps, from, to);
    const mine = out.filter((r) => r.group === name);
    const incidents = mine.flatMap((r) => r.incidents);
    const b = errorBudget({ target, start: from, end: range.periodEnd, first: t.first, downMs: uptime.downMs });
    groups.push({
      group: name,
      target,
      uptime,
      meetsTarget: meets(uptime, target),
      budget: { allowedMs: b.allowedMs, spentMs: b.spentMs, remaining: b.remaining },
      monitorIds: members.map((m) => m.id),
      incidents: incidents.length,
      mttaMs: mean(incidents.flatMap((x) => (x.ttaMs === null ? [] : [x.ttaMs]))),
      mttrMs: mean(incidents.flatMap((x) => (x.ttrMs === null ? [] : [x.ttrMs]))),
      days: dayFigures(t, gaps, days),
    });
  }
  // Deploys of the services in scope; a deploy named by monitors counts under their groups' report
  // only through the regression list (deploys/report.ts files it as "(monitors)").
  const inScope = new Set(groups.map((g) => g.group));
  const d = src.deploys(from, to);
  const deploys: ReportDeploys = {
    services: d.services.filter((x) => !q.groups || inScope.has(x.group)),
    regressions: d.regressions.filter((x) => !q.groups || x.group === null || inScope.has(x.group)),
  };
  return {
    title: `Service report ${range.title}`,
    generatedAt: now,
    from,
    to,
    toDate: range.toDate,
    zone: q.zone,
    historyFrom,
    empty,
    notes,
    groups,
    monitors: out,
    deploys,
  };
}
