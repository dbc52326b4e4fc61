// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AppInfo } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import type { MonitorState } from '../../../shared/state';
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
beforeEach(() => {
  window.location.hash = '#/';
});
afterEach(cleanup);

const info = (over: Partial<AppInfo> = {}): AppInfo => ({
  version: '0.1.0',
  mode: 'serve',
  dbPath: '/tmp/lookout.db',
  readOnly: false,
  firstRun: false,
  demo: false,
  ...over,
});

function transport(monitors: () => Monitor[], extra: Handlers = {}, dash: Parameters<typeof dashboardOf>[1] = {}) {
  return new FakeTransport({
    'app.info': () => info(),
    'monitors.list': () => monitors(),
    'results.latest': () => [],
    'dashboard.get': () => dashboardOf(monitors(), dash),
    ...extra,
  });
}

function renderApp(t: FakeTransport) {
  return render(
    <TransportProvider transport={t}>
      <App />
    </TransportProvider>,
  );
}

const row = (name: string) => screen.getByRole('button', { name: new RegExp(name) });
const rowNames = () => [...document.querySelectorAll('[data-monitor-id] .monitor-row__name')].map((e) => e.textContent);

describe('Dashboard', () => {
  it('shows every monitor with badge, latency, uptime, strip and SLO target; a result event updates it live', async () => {
    const list = [monitor(1, 'Homepage'), monitor(2, 'Ingest', 'Live streaming')];
    const t = transport(
      () => list,
      { 'results.latest': () => [result(1, { status: 'up', latencyMs: 87, ts: 1000 })] },
      { 1: { d1: 0.9995, spark: 'u'.repeat(58) + 'xx', sloTarget: 0.999 } },
    );
    renderApp(t);

    const home = await screen.findByRole('button', { name: /Homepage/ });
    await waitFor(() => expect(within(home).getByText('Up')).toBeTruthy());
    expect(home.textContent).toContain('87 ms');
    await waitFor(() => expect(home.textContent).toContain('99.95%'));
    expect(home.textContent).toContain('SLO 99.9%'); // the monitor's own SLO target, as set (formatTarget)
    expect(within(home).getByRole('img', { name: 'Last 24 h: 2 down of 60 periods' })).toBeTruthy();
    expect(within(row('Ingest')).getByText('Pending')).toBeTruthy();
    // Groups in their fixed order: Live streaming before Web.
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings.filter((h) => !h?.endsWith('service level'))).toEqual(['Live streaming (1)', 'Web (1)']);
    // Each group on the dashboard has its SLO card, in the same order.
    expect(headings.filter((h) => h?.endsWith('service level'))).toEqual([
      'Live streaming: service level',
      'Web: service level',
    ]);

    act(() =>
      t.emit('result', result(1, { status: 'down', latencyMs: null, ts: 2000, message: 'Connection refused' })),
    );
    expect(within(home).getByText('Down')).toBeTruthy();
    expect(home.textContent).toContain('Connection refused');
    const summary = screen.getByRole('list', { name: 'Monitor status summary' });
    expect(summary.textContent).toContain('1 down');
    expect(summary.textContent).toContain('0 up');
    expect(summary.textContent).toContain('0 in maintenance');
    // An older result arriving late does not overwrite the newer one.
    act(() => t.emit('result', result(1, { status: 'up', ts: 1500 })));
    expect(within(home).getByText('Down')).toBeTruthy();
  });

  it('uses the confirmed state when the core reports one, and counts monitors in maintenance', async () => {
    const list = [monitor(1, 'Homepage'), monitor(2, 'Queue', 'Task submissions')];
    const state = (id: number, s: MonitorState['state'], over: Partial<MonitorState> = {}): MonitorState => ({
      monitorId: id,
      state: s,
      since: 1,
      flapping: false,
      incidentId: null,
      inMaintenance: false,
      pendingFailures: 0,
      ...over,
    });
    const t = transport(() => list, {
      'results.latest': () => [result(1, { status: 'down', ts: 5 }), result(2, { status: 'up', ts: 5 })],
      'state.list': () => [state(1, 'up'), state(2, 'down', { inMaintenance: true })],
    });
    renderApp(t);
    await waitFor(() => expect(within(row('Queue')).getByText('Down')).toBeTruthy());
    expect(within(row('Homepage')).getByText('Up')).toBeTruthy(); // one failing probe is not yet an outage
    expect(row('Queue').textContent).toContain('In maintenance');
    expect(screen.getByRole('list', { name: 'Monitor status summary' }).textContent).toContain('1 in maintenance');
  });

  it('searches, filters and sorts worst first', async () => {
    const list = [
      monitor(1, 'Alpha API'),
      monitor(2, 'Beta web'),
      monitor(3, 'Gamma web'),
      monitor(4, 'Stream eu', 'Live streaming'),
    ];
    const t = transport(
      () => list,
      {
        'results.latest': () => [
          result(1, { status: 'up' }),
          result(2, { status: 'degraded' }),
          result(3, { status: 'down' }),
          result(4, { status: 'up' }),
        ],
      },
      { 1: { d1: 0.95 } },
    );
    renderApp(t);
    // Worst first across groups: the Web group holds the down monitor, so it comes before Live streaming.
    await waitFor(() => expect(rowNames()).toEqual(['Gamma web', 'Beta web', 'Alpha API', 'Stream eu']));

    // Words match name, target or group, all of them: "web" alone would match the Web group too.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search monitors' }), { target: { value: 'web  a' } });
    expect(rowNames()).toEqual(['Gamma web', 'Beta web', 'Alpha API']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search monitors' }), { target: { value: 'web ETA' } });
    expect(rowNames()).toEqual(['Beta web']);
    expect(screen.getByText('1 of 4 monitors')).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search monitors' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status filter' }), { target: { value: 'problems' } });
    expect(rowNames()).toEqual(['Gamma web', 'Beta web']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Status filter' }), { target: { value: 'all' } });
    // The quick filter does the same in one click, and a second click shows everything again.
    fireEvent.click(screen.getByRole('button', { name: 'Problems only' }));
    expect(rowNames()).toEqual(['Gamma web', 'Beta web']);
    expect(screen.getByRole('button', { name: 'Problems only' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Problems only' }));
    expect(rowNames()).toHaveLength(4);
    fireEvent.change(screen.getByRole('combobox', { name: 'Service group' }), { target: { value: 'Live streaming' } });
    expect(rowNames()).toEqual(['Stream eu']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Service group' }), { target: { value: 'all' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort' }), { target: { value: 'name' } });
    expect(rowNames()).toEqual(['Stream eu', 'Alpha API', 'Beta web', 'Gamma web']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search monitors' }), {
      target: { value: 'nothing like this' },
    });
    expect(screen.getByText('No monitor matches the search or filters.')).toBeTruthy();
  });

  it('is keyboard-first: / searches, j / k move, Enter opens, a acknowledges, ? shows the shortcuts', async () => {
    const list = [monitor(1, 'Alpha'), monitor(2, 'Beta')];
    const t = transport(() => list, {
      // Alpha's last probe passed but the recovery is not confirmed yet: its row says down, and
      // the incident stays open, only once the confirmed state has arrived.
      'results.latest': () => [result(1, { status: 'up' }), result(2, { status: 'up' })],
      'state.list': () => [
        {
          monitorId: 1,
          state: 'down',
          since: 1,
          flapping: false,
          incidentId: 41,
          inMaintenance: false,
          pendingFailures: 0,
        },
      ],
      'incidents.acknowledge': (i) => ({ id: i.id }) as never,
      'settings.update': (p) => p as never,
    });
    renderApp(t);
    await screen.findByRole('button', { name: /Alpha/ });
    // `a` acts on the open incident the confirmed state names: let that answer arrive first.
    await waitFor(() => expect(row('Alpha').className).toContain('monitor-row--down'));

    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search monitors' }));
    // Typing j in the search box types, it does not move.
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(document.querySelector('[aria-current="true"]')).toBeNull();
    // Escape clears what was typed and leaves the box.
    fireEvent.change(document.activeElement!, { target: { value: 'al' } });
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search monitors' }).value).toBe('');
    expect(document.activeElement).not.toBe(screen.getByRole('searchbox', { name: 'Search monitors' }));

    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => expect(row('Alpha').getAttribute('aria-current')).toBe('true'));
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => expect(row('Beta').getAttribute('aria-current')).toBe('true'));
    fireEvent.keyDown(document.body, { key: 'k' });
    await waitFor(() => expect(row('Alpha').getAttribute('aria-current')).toBe('true'));

    // The first acknowledgement asks who is acknowledging, once; the name goes to Settings.
    fireEvent.keyDown(document.body, { key: 'a' });
    const prompt = await screen.findByRole('dialog', { name: 'Who is acknowledging?' });
    expect(t.callsOf('incidents.acknowledge')).toEqual([]);
    fireEvent.change(within(prompt).getByLabelText('Acknowledge as'), { target: { value: 'Dana' } });
    fireEvent.click(within(prompt).getByRole('button', { name: /Acknowledge/ }));
    await waitFor(() => expect(t.callsOf('incidents.acknowledge')).toEqual([{ id: 41, by: 'Dana' }]));
    expect(t.callsOf('settings.update')).toEqual([{ operator: { name: 'Dana' } }]);
    expect(screen.queryByRole('dialog', { name: 'Who is acknowledging?' })).toBeNull();
    expect(await screen.findByText('Acknowledged the incident on Alpha as Dana.')).toBeTruthy();
    // Later acknowledgements use the remembered name without asking.
    fireEvent.keyDown(document.body, { key: 'a' });
    await waitFor(() => expect(t.callsOf('incidents.acknowledge')).toHaveLength(2));
    expect(t.callsOf('incidents.acknowledge')[1]).toEqual({ id: 41, by: 'Dana' });
    expect(screen.queryByRole('dialog', { name: 'Who is acknowledging?' })).toBeNull();
    expect(await screen.findByText('Acknowledged the incident on Alpha as Dana.')).toBeTruthy();

    fireEvent.keyDown(document.body, { key: '?' });
    expect(screen.getByRole('heading', { name: 'Keyboard shortcuts', hidden: true })).toBeTruthy();
    expect(document.querySelector('dialog')?.hasAttribute('open')).toBe(true);

    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/monitor/1'));
  });

  it('says when monitors cannot be loaded and retries', async () => {
    let fail = true;
    const t = transport(() => {
      if (fail) throw new ApiError('internal', 'database is locked');
      return [monitor(1, 'Homepage')];
    });
    renderApp(t);
    expect((await screen.findByText(/Could not load monitors: database is locked/)).getAttribute('role')).toBe('alert');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('button', { name: /Homepage/ })).toBeTruthy();
  });

  it('offers the demo on first run and loads it', async () => {
    let loaded = false;
    const t = new FakeTransport({
      'app.info': () => info({ firstRun: !loaded, demo: loaded }),
      'monitors.list': () => (loaded ? [monitor(1, 'Demo live stream', 'Live streaming')] : []),
      'results.latest': () => [],
      'dashboard.get': () => dashboardOf(loaded ? [monitor(1, 'Demo live stream', 'Live streaming')] : []),
      'demo.load': () => {
        loaded = true;
        return { monitors: 1 };
      },
    });
    renderApp(t);
    fireEvent.click(await screen.findByRole('button', { name: 'Load demo workspace' }));
    await waitFor(() => expect(t.callsOf('demo.load')).toHaveLength(1));
    act(() => t.emit('monitors', { reason: 'loaded' }));
    expect(await screen.findByRole('button', { name: /Demo live stream/ })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load demo workspace' })).toBeNull());
  });

  it('"Start empty" declines the demo and shows the empty state', async () => {
    let declined = false;
    const t = new FakeTransport({
      'app.info': () => info({ firstRun: !declined }),
      'monitors.list': () => [],
      'results.latest': () => [],
      'dashboard.get': () => dashboardOf([]),
      'demo.decline': () => {
        declined = true;
        return { ok: true as const };
      },
    });
    renderApp(t);
    fireEvent.click(await screen.findByRole('button', { name: 'Start empty' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Start empty' })).toBeNull());
    expect(t.callsOf('demo.decline')).toHaveLength(1);
    expect(await screen.findByText(/No monitors yet/)).toBeTruthy();
  });

  it('navigates between pages from the nav and marks the current one', async () => {
    const t = transport(() => [monitor(1, 'Homepage')], { 'settings.get': () => ({}) as never });
    renderApp(t);
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    window.location.hash = '#/monitor/99';
    await act(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(await screen.findByText('Monitor 99 does not exist (it may have been deleted).')).toBeTruthy();
  });
});
