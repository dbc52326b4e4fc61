import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeployStore } from '../../electron/core/store/deploys';
import { reportHtml } from '../../electron/core/report/html';
import { REPORT_CSV_HEADER } from '../../electron/core/report/csv';
import { ReportExportInput, ReportQuery, HistoryExportInput } from '../../shared/report';
import { ApiError } from '../../shared/errors';
import { formatBudgetUsed } from '../../shared/dashboard';
import { DAY, HOUR, JUNE, MIN, NOW, reportWorld } from './report-world';
import type { consoleFixture } from './slo-fixture';
import { tableDbOf } from '../../electron/core/store/connection';

let fx: ReturnType<typeof consoleFixture> | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

function world() {
  const w = reportWorld();
  fx = w.fx;
  return w;
}

describe('the service report', () => {
  it('equals the console’s numbers for the same range: monitor and group cards, the range figure, day by day', async () => {
    const { live, api, svc } = world();
    const r = await svc['report.get'](ReportQuery.parse({ period: 'month', year: 2025, index: 6 }));
    expect(r).toMatchObject({ from: JUNE, to: NOW, toDate: true, empty: false, historyFrom: JUNE });
    for (const m of r.monitors) {
      const card = await fx!.service['slo.get']({ monitorId: m.monitorId, period: 'month' });
      expect(m.uptime).toEqual(card.uptime);
      expect(m.budget).toEqual({
        allowedMs: card.budget.allowedMs,
        spentMs: card.budget.spentMs,
        remaining: card.budget.remaining,
      });
      // The HTML (and PDF) report shows the budget used as the console's table does.
      expect(reportHtml(r)).toContain(`<td>${formatBudgetUsed(m.budget)}</td>`);
      // The days add up to the range.
      expect(m.days.reduce((s, d) => s + d.uptime.downMs, 0)).toBe(m.uptime.downMs);
      expect(m.days.reduce((s, d) => s + d.uptime.measuredMs, 0)).toBe(m.uptime.measuredMs);
    }
    for (const g of r.groups)
      expect(g.uptime).toEqual((await fx!.service['slo.get']({ group: g.group, period: 'month' })).uptime);
    const ingest = r.monitors.find((m) => m.monitorId === live.id)!;
    expect(ingest.uptime).toMatchObject({ downMs: 110_000, degradedMs: 20 * MIN, gapMs: 40 * MIN });
    expect(ingest.incidents).toEqual([
      expect.objectContaining({ durationMs: 110_000, ttaMs: 60_000, ttrMs: 110_000, firstError: 'HTTP 503' }),
    ]);
    expect(ingest.mttaMs).toBe(60_000);
    expect(ingest.mttrMs).toBe(110_000);
    // Server response: 100 ms in the first five days, 70 ms since: the p50 against the previous period.
    expect(ingest.latency.p50).not.toBeNull();
    const submit = r.monitors.find((m) => m.monitorId === api.id)!;
    expect(submit.maintenance).toEqual([{ start: JUNE + 6 * DAY, end: JUNE + 6 * DAY + 130 * MIN, minutes: 130 }]);
    expect(submit.target).toBe(0.999);
    expect(submit.incidents[0]).toMatchObject({ endedAt: null, ttrMs: null, durationMs: 2 * HOUR });
    const stream = r.groups.find((g) => g.group === 'Live streaming')!;
    // The union of the two overlapping outages: 30 s before the player's, to its end.
    expect(stream.uptime.downMs).toBe(200_000);
    const player = r.monitors.find((m) => m.kind === 'page')!;
    // One answer in ten took 3.5 s: the p95 misses the 3 s page-load target.
    expect(player.pageLoad).toMatchObject({ meetsTarget: false });
    expect(player.pageLoad!.avg).toBeCloseTo((1500 * 9 + 60 * 36 + 3500) / 10, 6);
    expect(player.latency.shareOverSlow).toBeCloseTo(0.1, 3);

    const custom = await svc['report.get'](
      ReportQuery.parse({ period: 'custom', from: JUNE + DAY, to: JUNE + 3 * DAY, zone: 'Europe/Amsterdam' }),
    );
    const range = await fx!.service['uptime.get']({ monitorId: live.id, from: JUNE + DAY, to: JUNE + 3 * DAY });
    expect(custom.monitors.find((m) => m.monitorId === live.id)!.uptime).toEqual(range);
    // Days are local days in the chosen zone: the range starts at 02:00 on 2 June there.
    expect(custom.monitors[0]!.days[0]).toMatchObject({
      date: '2025-06-02',
      start: JUNE + DAY,
      end: Date.UTC(2025, 5, 2, 22),
    });
  });

  it('a paused span: the report, the SLO cards, the dashboard and the HTML sentence exclude it alike', async () => {
    const { live, api, svc } = world();
    // The operator paused Ingest for 3 h on 8 June and everything for 1 h on 9 June (results stop then).
    fx!.pause(live.id, JUNE + 7 * DAY + 12 * HOUR, JUNE + 7 * DAY + 15 * HOUR);
    fx!.pause(null, JUNE + 8 * DAY + 6 * HOUR, JUNE + 8 * DAY + 7 * HOUR);
    const r = await svc['report.get'](ReportQuery.parse({ period: 'month', year: 2025, index: 6 }));
    const dash = await fx!.service['dashboard.get']({ includeMaintenance: false });
    for (const m of r.monitors) {
      const card = await fx!.service['slo.get']({ monitorId: m.monitorId, period: 'month' });
      expect(m.uptime).toEqual(card.uptime);
      expect(m.days.reduce((s, d) => s + d.uptime.pausedMs, 0)).toBe(m.uptime.pausedMs);
      const row = dash.rows.find((x) => x.monitorId === m.monitorId)!;
      const d30 = await fx!.service['uptime.get']({ monitorId: m.monitorId, from: NOW - 30 * DAY, to: NOW });
      expect(row.uptime.d30).toEqual(d30);
    }
    const ingest = r.monitors.find((m) => m.monitorId === live.id)!;
    expect(ingest.uptime).toMatchObject({ pausedMs: 4 * HOUR, gapMs: 40 * MIN, downMs: 110_000 });
    expect(ingest.uptime.measuredMs).toBe(NOW - JUNE - 4 * HOUR - 40 * MIN);
    expect(r.monitors.find((m) => m.monitorId === api.id)!.uptime.pausedMs).toBe(HOUR);
    // The group is out only while every member is: the 1 h "pause all", not Ingest's own 3 h.
    const stream = r.groups.find((g) => g.group === 'Live streaming')!;
    expect(stream.uptime.pausedMs).toBe(HOUR);
    expect(stream.uptime).toEqual((await fx!.service['slo.get']({ group: 'Live streaming', period: 'month' })).uptime);
    const card = await fx!.service['slo.get']({ monitorId: live.id, period: 'month' });
    expect(card.sentence).toMatch(/, excluding 4 h paused and 40 min when the console was offline$/);
    const html = reportHtml(r);
    expect(html).toContain('1 h paused');
    expect(html).toMatch(/<th>Paused<\/th>/);
    // The CSV's days carry it too (seconds, last column), adding up to the range's figure.
    const csv = await svc['report.export'](
      ReportExportInput.parse({ query: { period: 'month', year: 2025, index: 6 }, format: 'csv' }),
    );
    const rows = csv.content
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const col = REPORT_CSV_HEADER.indexOf('paused_s');
    const pausedS = rows.filter((x) => x[3] === String(live.id)).reduce((sum, x) => sum + Number(x[col]), 0);
    expect(pausedS * 1000).toBe(ingest.uptime.pausedMs);
    expect(rows.find((x) => x[0] === '2025-06-08' && x[3] === String(live.id))![col]).toBe('10800');
  });

  it('refuses a range in the future or longer than the stored history, and says so when a range has no data', async () => {
    const { svc } = world();
    const future = svc['report.get'](ReportQuery.parse({ period: 'quarter', year: 2025, index: 3 }));
    await expect(future).rejects.toThrow(ApiError);
    await expect(future).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/starts in the future \(1 Jul 2025 00:00 UTC\)/),
    });
    await expect(
      svc['report.get'](ReportQuery.parse({ period: 'custom', from: JUNE - 30 * DAY, to: NOW })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [
        {
          path: 'from',
          message: expect.stringMatching(/longer than the stored history, which begins 1 Jun 2025 00:00 UTC/),
        },
      ],
    });
    const may = await svc['report.get'](ReportQuery.parse({ period: 'month', year: 2025, index: 5 }));
    expect(may.empty).toBe(true);
    expect(may.notes[0]).toMatch(/No results were stored in this range/);
    const html = await svc['report.export'](
      ReportExportInput.parse({ query: { period: 'month', year: 2025, index: 5 }, format: 'html' }),
    );
    expect(html.content).toMatch(/No data in this range/);
    expect(html.content).not.toMatch(/0\.00%/);
    const csv = await svc['report.export'](
      ReportExportInput.parse({ query: { period: 'month', year: 2025, index: 5 }, format: 'csv' }),
    );
    expect(csv.content.trim().split('\r\n')).toEqual([REPORT_CSV_HEADER.join(',')]);
    expect(ReportQuery.safeParse({ period: 'quarter', year: 2025, index: 5 }).error?.issues[0]).toMatchObject({
      path: ['index'],
      message: 'A quarter is 1 to 4',
    });
  });

  it('writes a self-contained HTML file that prints, and a CSV of one row per monitor per day', async () => {
    const { svc } = world();
    const query = { period: 'month', year: 2025, index: 6 } as const;
    const html = (await svc['report.export'](ReportExportInput.parse({ query, format: 'html' }))).content;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toMatch(/@page\{size:A4/);
    expect(html).toMatch(/<svg class="cal"/);
    expect(html).toMatch(/Live streaming/);
    expect(html).toMatch(/How uptime is computed/);
    expect(html).toMatch(/7 Jun 2025 00:00 – 7 Jun 2025 02:10, 130 min: Submit API/);
    const csv = (await svc['report.export'](ReportExportInput.parse({ query, format: 'csv' }))).content
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe(REPORT_CSV_HEADER.join(','));
    expect(csv).toHaveLength(1 + 3 * 10);
    const day3 = csv.find((l) => l.startsWith('2025-06-03,UTC,Live streaming,1,Ingest,'))!;
    expect(day3.split(',').slice(8, 9)).toEqual(['110']);
  });

  it('history out: one monitor’s raw results as CSV and a range as JSON, streamed to files', async () => {
    const { live, svc } = world();
    const from = JUNE + DAY;
    const to = JUNE + 2 * DAY;
    const csv = await svc['history.export'](HistoryExportInput.parse({ format: 'csv', monitorId: live.id, from, to }));
    expect(csv.rows).toBe(1440);
    const lines = readFileSync(csv.path, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(1441);
    expect(lines[1]).toBe(`2025-06-02T00:00:00.000Z,${from},up,100,,,,,,,,0`);
    const json = await svc['history.export'](
      HistoryExportInput.parse({ format: 'json', from: JUNE + 2 * DAY + 3 * HOUR, to: JUNE + 2 * DAY + 4 * HOUR }),
    );
    const doc = JSON.parse(readFileSync(json.path, 'utf8')) as {
      results: unknown[];
      incidents: unknown[];
      monitors: { name: string }[];
    };
    expect(doc.results).toHaveLength(3 * 60);
    expect(doc.incidents.length).toBe(2);
    expect(doc.monitors.map((m) => m.name)).toEqual(['Ingest', 'Player page', 'Submit API']);
    await expect(
      svc['history.export'](
        HistoryExportInput.parse({ format: 'csv', monitorId: live.id, from: NOW + DAY, to: NOW + 2 * DAY }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(HistoryExportInput.safeParse({ format: 'csv', from, to }).error?.issues[0]?.path).toEqual(['monitorId']);
  });
});

describe('history CSV time column', () => {
  it('counts deploys per service in the range and lists the regressions (the deployment-frequency KPI)', async () => {
    const { svc } = world();
    const deploys = createDeployStore(tableDbOf(fx!.store));
    const side = {
      from: 0,
      to: 0,
      p50Ms: null,
      p95Ms: null,
      errorRatePct: null,
      pageLoadMs: null,
      incidents: 0,
      uptimePct: null,
      probes: 0,
    };
    const add = (at: number, group: string, version: string, verdict: 'regression' | 'no_change' | null) => {
      const d = deploys.insert(
        {
          at,
          group,
          monitorIds: [],
          version,
          note: verdict === 'regression' ? 'new encoder' : '',
          source: 'cli',
          windowMin: 30,
        },
        at,
      );
      if (verdict)
        deploys.setVerdict(
          d.id,
          { windowMin: 30, before: side, after: side, verdict, reasons: [], complete: true },
          at + HOUR,
        );
    };
    add(JUNE + 1 * DAY, 'Live streaming', '2.0.0', 'no_change');
    add(JUNE + 3 * DAY, 'Live streaming', '2.1.0', 'regression');
    add(JUNE + 4 * DAY, 'Task submissions', '1.4.2', 'no_change');
    add(JUNE - 3 * DAY, 'Task submissions', '1.4.1', 'regression'); // May: outside the range
    const r = await svc['report.get'](ReportQuery.parse({ period: 'month', year: 2025, index: 6 }));
    expect(r.deploys.services).toEqual(
      expect.arrayContaining([
        { group: 'Live streaming', deploys: 2, regressions: 1 },
        { group: 'Task submissions', deploys: 1, regressions: 0 },
      ]),
    );
    expect(r.deploys.regressions).toEqual([
      expect.objectContaining({ group: 'Live streaming', version: '2.1.0', note: 'new encoder' }),
    ]);
    const html = reportHtml(r);
    expect(html).toContain('<h2>Deploys</h2>');
    expect(html).toMatch(/Live streaming<\/th><td>2<\/td><td class="bad">1<\/td>/);
    // Only the services asked for.
    const one = await svc['report.get'](
      ReportQuery.parse({ period: 'month', year: 2025, index: 6, groups: ['Task submissions'] }),
    );
    expect(one.deploys.services).toEqual([{ group: 'Task submissions', deploys: 1, regressions: 0 }]);
    expect(one.deploys.regressions).toEqual([]);
  });

  it('formats like toISOString for any time of day', async () => {
    const { isoFormatter } = await import('../../electron/core/report/history');
    const iso = isoFormatter();
    for (const t of [
      0,
      999,
      Date.UTC(2025, 5, 2, 23, 59, 59, 999),
      Date.UTC(2025, 5, 3),
      Date.UTC(2024, 1, 29, 12, 0, 0, 5),
      1_700_000_123_456,
    ])
      expect(iso(t)).toBe(new Date(t).toISOString());
  });
});
