// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AppInfo, Input } from '../../../shared/api';
import type { Monitor } from '../../../shared/monitor';
import { SubmitConfig } from '../../../shared/probes/submit';
import type { Series } from '../../../shared/result';
import { TransportProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/App';
import {
  FakeTransport,
  dashboardOf,
  fakeChartLayout,
  monitor,
  polyfillResizeObserver,
  result,
  type Handlers,
} from './fake-transport';

beforeAll(() => {
  polyfillResizeObserver();
  fakeChartLayout();
});
afterEach(cleanup);

const HOUR = 3_600_000;
const info: AppInfo = {
  version: '0.1.0',
  mode: 'serve',
  dbPath: '/tmp/l.db',
  readOnly: false,
  firstRun: false,
  demo: false,
};

function series(q: Input<'series.get'>): Series {
  const n = 20;
  const step = Math.floor((q.to - q.from) / n);
  return {
    monitorId: q.monitorId,
    from: q.from,
    to: q.to,
    bucketMs: step,
    points: Array.from({ length: n }, (_, i) => ({
      t: q.from + i * step,
      up: i === 5 ? 0 : 3,
      degraded: 0,
      down: i === 5 ? 3 : 0,
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

function setup(m: Monitor, extra: Handlers = {}) {
  const t = new FakeTransport({
    'app.info': () => info,
    'monitors.list': () => [m],
    'results.latest': () => [result(m.id, { status: 'up', latencyMs: 95 })],
    'dashboard.get': () => dashboardOf([m]),
    'series.get': (q) => series(q),
    'results.recent': () => [],
    'slo.get': (q) => ({
      scope: { kind: 'monitor', monitorId: q.monitorId!, name: m.name, group: m.group },
      target: 0.99,
      period: q.period ?? 'month',
      periodStart: 0,
      periodEnd: 1,
      uptime: {
        ratio: 0.9995,
        observedFrom: 0,
        measuredMs: 10 * 24 * HOUR,
        downMs: 432_000,
        degradedMs: 0,
        maintenanceMs: 130 * 60_000,
        pausedMs: 0,
        gapMs: 0,
      },
      budget: { allowedMs: 7.2 * HOUR, spentMs: 0.72 * HOUR, remaining: 0.9, remainingMs: 6.48 * HOUR },
      burnRate: { h1: 0, h6: 2.5 },
      sentence: 'uptime 99.95% excluding 2 h 10 min of planned maintenance',
    }),
    ...extra,
  });
  render(
    <TransportProvider transport={t}>
      <App />
    </TransportProvider>,
  );
  return t;
}

describe('Monitor detail page', () => {
  beforeEach(() => {
    window.location.hash = '#/monitor/1?range=24h';
  });

  it('draws the chart with percentile bands and threshold, the status timeline, and the SLO', async () => {
    setup(monitor(1, 'Homepage'));
    const region = await screen.findByRole('article', { name: 'Homepage' });
    const chart = await within(region).findByRole('img', {
      name: /Latency over the last 24 h: average 90 ms, highest p99 380 ms, 3 s threshold/,
    });
    expect(chart).toBeTruthy();
    expect(
      within(region).getByRole('img', { name: /Status timeline: 1 periods down, 0 degraded, 0 unknown, 19 up/ }),
    ).toBeTruthy();
    expect(await within(region).findByText(/uptime 99.95% excluding 2 h 10 min of planned maintenance/)).toBeTruthy();
    expect(within(region).getByRole('meter', { name: 'Error budget remaining' }).getAttribute('aria-valuenow')).toBe(
      '90',
    );
    expect(within(region).getByText('2.5×')).toBeTruthy();
  });

  it('changes range (the address follows) and asks the core for percentiles within 1,000 points', async () => {
    const t = setup(monitor(1, 'Homepage'));
    await screen.findByRole('img', { name: /Latency over the last 24 h/ });
    fireEvent.click(screen.getByRole('button', { name: '7 d' }));
    await waitFor(() => expect(window.location.hash).toBe('#/monitor/1?range=7d'));
    await screen.findByRole('img', { name: /Latency over the last 7 d/ });
    const last = t.callsOf('series.get').at(-1) as Input<'series.get'>;
    expect(last.to - last.from).toBe(7 * 24 * HOUR);
    expect(last).toMatchObject({ maxPoints: 1000, percentiles: true });
    expect(screen.getByRole('button', { name: '7 d' }).getAttribute('aria-pressed')).toBe('true');

    // A custom range is validated before it is asked for.
    const form = screen.getByRole('form', { name: 'Custom range' });
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2025-05-02T10:00' } });
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2025-05-01T10:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Show range' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The end must be after the start.');
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2025-05-02T16:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Show range' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/monitor\/1\?from=\d+&to=\d+$/));
    await waitFor(() =>
      expect(
        (t.callsOf('series.get').at(-1) as Input<'series.get'>).to -
          (t.callsOf('series.get').at(-1) as Input<'series.get'>).from,
      ).toBe(6 * HOUR),
    );
  });

  it('shades maintenance and marks incidents with links to them', async () => {
    setup(monitor(1, 'Homepage'), {
      'maintenance.intervals': (q) => ({
        maintenance: [{ start: q.from + HOUR, end: q.from + 3 * HOUR }],
        peaks: [],
        maintenanceMinutes: 120,
      }),
      'incidents.list': () => ({
        total: 1,
        items: [
          {
            id: 9,
            monitorId: 1,
            startedAt: Date.now() - 2 * HOUR,
            endedAt: Date.now() - HOUR,
            durationMs: HOUR,
            firstErrorCode: null,
            firstError: null,
            lastErrorCode: null,
            lastError: null,
            failedProbes: 3,
            acknowledgedBy: null,
            acknowledgedAt: null,
            maintenanceWindowId: null,
            notes: [],
          },
        ],
      }),
    });
    expect(await screen.findByRole('img', { name: /1 maintenance window shaded, 1 incident marked/ })).toBeTruthy();
    expect(screen.getByText(/2 h of planned maintenance in this range, excluded from uptime/)).toBeTruthy();
    const link = screen.getByRole('link', { name: /Incident 9:/ });
    expect(link.getAttribute('href')).toBe('#/incidents?id=9');
  });

  it('shows the newest HLS and submission measurements', async () => {
    setup(monitor(1, 'Stream', 'Live streaming', { kind: 'hls', config: { url: 'https://x.test/m.m3u8' } } as never), {
      'results.recent': () => [
        result(1, { details: { playlistAgeMs: 4200, segmentMs: 1500, segmentDurationMs: 6000, targetDurationS: 6 } }),
      ],
    });
    expect(await screen.findByText('4.2 s (target duration 6 s)')).toBeTruthy();
    expect(screen.getByText(/downloaded in 1,500 ms for 6.0 s of video/)).toBeTruthy();
    expect(screen.getByText(/25% of real time/)).toBeTruthy();
    cleanup();
    window.location.hash = '#/monitor/2';
    const steps = [
      { method: 'GET', url: 'http://127.0.0.1:9/token' },
      { method: 'POST', url: 'http://127.0.0.1:9/tasks' },
    ];
    setup(monitor(2, 'Submit', 'Task submissions', { kind: 'submit', config: SubmitConfig.parse({ steps }) }), {
      'results.recent': () => [
        result(2, { details: { steps: ['GET token', 'POST task'], stepMs: [120, 840], stepStatus: [200, 202] } }),
      ],
    });
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'POST task' }).parentElement?.textContent).toContain('840 ms');
  });

  it('says when the chart cannot be loaded', async () => {
    setup(monitor(1, 'Homepage'), {
      'series.get': () => {
        throw new Error('database is locked');
      },
    });
    expect((await screen.findByText(/Could not load the chart: database is locked/)).getAttribute('role')).toBe(
      'alert',
    );
  });
});
