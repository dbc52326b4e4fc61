// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AppInfo, Input, Output } from '../../../shared/api';
import type { Series } from '../../../shared/result';
import { TransportProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/App';
import { FakeTransport, dashboardOf, fakeChartLayout, monitor, polyfillResizeObserver, result } from './fake-transport';

beforeAll(() => {
  polyfillResizeObserver();
  fakeChartLayout();
});
afterEach(cleanup);

const MIN = 60_000;
const HOUR = 60 * MIN;
const info: AppInfo = {
  version: '0.1.0',
  mode: 'serve',
  dbPath: '/tmp/l.db',
  readOnly: false,
  firstRun: false,
  demo: false,
};
const m = monitor(1, 'Live stream', 'Live streaming');

function series(q: Input<'series.get'>): Series {
  const step = Math.floor((q.to - q.from) / 10);
  return {
    monitorId: q.monitorId,
    from: q.from,
    to: q.to,
    bucketMs: step,
    points: Array.from({ length: 10 }, (_, i) => ({
      t: q.from + i * step,
      up: 3,
      degraded: 0,
      down: 0,
      unknown: 0,
      min: 40,
      avg: 90,
      max: 400,
      p50: 80,
      p95: 200,
      p99: 380,
    })),
  };
}

function setup(dashboard = dashboardOf([m])) {
  const now = Date.now();
  const t = new FakeTransport({
    'app.info': () => info,
    'monitors.list': () => [m],
    'results.latest': () => [result(m.id, { status: 'up', latencyMs: 95 })],
    'dashboard.get': () => dashboard,
    'series.get': (q) => series(q),
    'results.recent': () => [],
    'uptime.get': (q) => ({
      ratio: 1 - 110_000 / (23 * HOUR),
      observedFrom: q.from,
      measuredMs: 23 * HOUR,
      downMs: 110_000,
      degradedMs: 20 * MIN,
      maintenanceMs: HOUR,
      pausedMs: 30 * MIN,
      gapMs: 0,
    }),
    'degraded.list': () => [
      {
        id: 4,
        monitorId: 1,
        startedAt: now - 3 * HOUR,
        endedAt: now - 3 * HOUR + 20 * MIN,
        durationMs: 20 * MIN,
        reasonCode: 'slow',
        reason: 'Slower than 3000 ms',
        worstLatencyMs: 3512,
        probes: 40,
      },
    ],
    'incidents.list': () => ({ items: [], total: 0 }),
  });
  render(
    <TransportProvider transport={t}>
      <App />
    </TransportProvider>,
  );
  return t;
}

describe('uptime figures say how they are computed', () => {
  it('the monitor page shows the range’s uptime, what it stands on, the policy, and degraded time on the chart', async () => {
    window.location.hash = '#/monitor/1?range=24h';
    setup();
    const region = await screen.findByRole('article', { name: 'Live stream' });
    const line = await within(region).findByLabelText('Uptime in the last 24 h');
    expect(line.textContent).toMatch(
      /99\.86% uptime in the last 24 h: 23 h measured · 2 min down · 20 min degraded · 1 h maintenance excluded · 30 min paused excluded/,
    );
    const popover = within(line).getByText('How this is computed');
    fireEvent.click(popover);
    expect(
      within(line).getByText(/from the first failing probe of the run that was confirmed to the first good probe/),
    ).toBeTruthy();
    expect(await within(region).findByRole('img', { name: /1 degraded stretch shaded/ })).toBeTruthy();
  });

  it('degraded stretches are listed with incidents under their own filter', async () => {
    window.location.hash = '#/incidents';
    setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Degraded stretches' }));
    const list = await screen.findByRole('list', { name: 'Degraded stretches' });
    expect(list.textContent).toMatch(/Live stream/);
    expect(list.textContent).toMatch(/20 min/);
    expect(list.textContent).toMatch(/Slower than 3000 ms · slowest answer 3,512 ms · 40 probes/);
  });
});

/** A built report (the core's data object) with one group and one monitor whose uptime is `acc`. */
function reportFor(q: Input<'report.get'>, acc: Output<'uptime.get'>, target = 0.99): Output<'report.get'> {
  return {
    title: `Service report Q${q.index} ${q.year} (${q.zone})`,
    generatedAt: 0,
    from: 0,
    to: 1,
    toDate: false,
    zone: q.zone ?? 'UTC',
    historyFrom: 0,
    empty: false,
    notes: [],
    groups: [
      {
        group: 'Live streaming',
        target,
        uptime: acc,
        meetsTarget: true,
        budget: { allowedMs: 1000, spentMs: 110, remaining: 0.89 },
        monitorIds: [1],
        incidents: 1,
        mttaMs: 60_000,
        mttrMs: 110_000,
        days: [],
      },
    ],
    monitors: [
      {
        monitorId: 1,
        name: 'Live stream',
        group: 'Live streaming',
        kind: 'hls',
        target,
        uptime: acc,
        meetsTarget: true,
        budget: { allowedMs: 1000, spentMs: 110, remaining: 0.89 },
        incidents: [],
        mttaMs: null,
        mttrMs: null,
        maintenance: [],
        latency: {
          count: 0,
          avg: null,
          p50: null,
          p95: null,
          previousP50: null,
          previousP95: null,
          p50Change: null,
          p95Change: null,
          shareOverSlow: null,
        },
        pageLoad: null,
        days: [],
      },
    ],
    deploys: {
      services: [{ group: 'Live streaming', deploys: 3, regressions: 1 }],
      regressions: [{ id: 7, at: 0, group: 'Live streaming', version: '2.1.0', note: 'new encoder' }],
    },
  };
}

describe('the Report page', () => {
  it('builds the report for a quarter in a zone, shows groups and monitors, and says why a range is refused', async () => {
    const { ApiError } = await import('../../../shared/errors');
    const acc = {
      ratio: 0.9995,
      observedFrom: 0,
      measuredMs: 90 * 24 * HOUR,
      downMs: 110_000,
      degradedMs: 0,
      maintenanceMs: 0,
      pausedMs: 0,
      gapMs: 0,
    };
    const t = setup();
    t.handlers['report.get'] = (q) => {
      if (q.period === 'quarter' && q.index === 4)
        throw new ApiError('invalid_input', 'refused', [
          {
            path: 'index',
            message: 'The report range starts in the future (1 Oct 2027 00:00 UTC); choose a period that has begun',
          },
        ]);
      return reportFor(q, acc);
    };
    window.location.hash = '#/report';
    fireEvent.change(await screen.findByLabelText('Time zone'), { target: { value: 'Europe/Amsterdam' } });
    fireEvent.change(screen.getByLabelText('Quarter'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Build report' }));
    const article = await screen.findByRole('article', { name: /Service report Q2 \d+ \(Europe\/Amsterdam\)/ });
    // The dashboard's precision (shared/dashboard.ts formatUptime), and the target as set.
    expect(within(article).getAllByText('99.95%')).toHaveLength(2);
    expect(within(article).getAllByText('99%')).toHaveLength(2);
    expect(within(article).getAllByText('11.0%')).toHaveLength(2);
    expect(t.callsOf('report.get').at(-1)).toMatchObject({ period: 'quarter', index: 2, zone: 'Europe/Amsterdam' });
    const deploys = within(article).getByRole('table', { name: 'Deploys per service' });
    expect(within(deploys).getByRole('row', { name: /Live streaming 3 1/ })).toBeTruthy();
    expect(within(article).getByRole('list', { name: 'Regressions after a deploy' }).textContent).toMatch(
      /2\.1\.0 — new encoder: regression/,
    );
    fireEvent.change(screen.getByLabelText('Quarter'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Build report' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/starts in the future/);
  });
});

describe('one monitor’s uptime reads the same on the dashboard and the Report page', () => {
  // 98.996% against a 99% promise must read below it in both places; 100% only when nothing was down.
  it.each([
    [0.98996, '98.99%'],
    [0.57, '57.00%'],
    [0.9999999, '99.99%'],
    [1, '100%'],
  ])('uptime %s shows as %s in the dashboard row and the report table', async (ratio, shown) => {
    const dashboard = dashboardOf([m], { 1: { d1: ratio, sloTarget: 0.99 } });
    const acc = dashboard.rows[0]!.uptime.d1;
    window.location.hash = '#/';
    const t = setup(dashboard);
    const row = await screen.findByRole('button', { name: /Live stream/ });
    const cell = () => row.querySelector('.uptime-cell')!.textContent.replace('24 h', '').trim();
    await waitFor(() => expect(cell()).not.toBe('—'));
    const onDashboard = cell();
    const target = row.querySelector('.monitor-row__slo')!.textContent.replace('SLO', '').trim();

    t.handlers['report.get'] = (q) => reportFor(q, acc, 0.99);
    window.location.hash = '#/report';
    fireEvent.click(await screen.findByRole('button', { name: 'Build report' }));
    const article = await screen.findByRole('article', { name: /Service report/ });
    const monitorRow = within(article)
      .getAllByRole('row')
      .find((r) => r.querySelector('td')?.textContent === 'Live stream')!;
    const cells = [...monitorRow.querySelectorAll('td')].map((c) => c.textContent);

    expect({ onDashboard, inReport: cells[1], target, reportTarget: cells[2] }).toEqual({
      onDashboard: shown,
      inReport: shown,
      target: '99%',
      reportTarget: '99%',
    });
  });
});
