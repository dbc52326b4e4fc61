// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AppInfo } from '../../../shared/api';
import type { Monitor } from '../../../shared/monitor';
import type { ClientTransport, ConnectionInfo } from '../../../renderer/api/connection';
import { TransportProvider } from '../../../renderer/api/context';
import { Dashboard } from '../../../renderer/pages/Dashboard';
import { FakeTransport, fakeChartLayout, monitor, polyfillResizeObserver, result } from './fake-transport';

beforeAll(() => {
  polyfillResizeObserver();
  fakeChartLayout();
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

function renderWith(t: ClientTransport) {
  return render(
    <TransportProvider transport={t}>
      <Dashboard />
    </TransportProvider>,
  );
}

function row(name: string): HTMLElement {
  return screen.getByRole('button', { name: new RegExp(`^\\S*\\s*(Up|Down|Degraded|Unknown|Pending)\\s*${name}`) });
}

describe('Dashboard', () => {
  it('updates the status badge when a result event arrives (Up → Down)', async () => {
    const t = new FakeTransport({
      'app.info': () => info(),
      'monitors.list': () => [monitor(1, 'Homepage'), monitor(2, 'Ingest', 'Live streaming')],
      'results.latest': () => [result(1, { status: 'up', latencyMs: 87, ts: 1000 })],
    });
    renderWith(t);

    const home = await screen.findByRole('button', { name: /Homepage/ });
    await waitFor(() => expect(within(home).getByText('Up')).toBeTruthy());
    expect(home.textContent).toContain('87 ms');
    expect(within(screen.getByRole('button', { name: /Ingest/ })).getByText('Pending')).toBeTruthy();
    // Groups in their fixed order: Live streaming before Web.
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Live streaming (1)', 'Web (1)']);

    act(() => {
      t.emit('result', result(1, { status: 'down', latencyMs: null, ts: 2000, message: 'Connection refused' }));
    });
    expect(within(home).getByText('Down')).toBeTruthy();
    expect(within(home).queryByText('Up')).toBeNull();
    expect(home.textContent).toContain('Connection refused');
    const summary = screen.getByRole('list', { name: 'Monitor status summary' });
    expect(summary.textContent).toContain('1 down');
    expect(summary.textContent).toContain('0 up');

    // An older result arriving late does not overwrite the newer one.
    act(() => t.emit('result', result(1, { status: 'up', ts: 1500 })));
    expect(within(home).getByText('Down')).toBeTruthy();
  });

  it('offers the demo on first run and loads it', async () => {
    let loaded = false;
    const t = new FakeTransport({
      'app.info': () => info({ firstRun: !loaded, demo: loaded }),
      'monitors.list': () => (loaded ? [monitor(1, 'Demo live stream', 'Live streaming')] : []),
      'results.latest': () => [],
      'demo.load': () => {
        loaded = true;
        return { monitors: 1 };
      },
    });
    renderWith(t);

    fireEvent.click(await screen.findByRole('button', { name: 'Load demo workspace' }));
    await waitFor(() => expect(t.callsOf('demo.load')).toHaveLength(1));
    act(() => t.emit('monitors', { reason: 'loaded' }));
    expect(await screen.findByRole('button', { name: /Demo live stream/ })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load demo workspace' })).toBeNull());
    expect(t.callsOf('demo.decline')).toHaveLength(0);
  });

  it('"Start empty" declines the demo', async () => {
    let declined = false;
    const t = new FakeTransport({
      'app.info': () => info({ firstRun: !declined }),
      'monitors.list': () => [],
      'results.latest': () => [],
      'demo.decline': () => {
        declined = true;
        return { ok: true as const };
      },
    });
    renderWith(t);
    fireEvent.click(await screen.findByRole('button', { name: 'Start empty' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Start empty' })).toBeNull());
    expect(t.callsOf('demo.decline')).toHaveLength(1);
    expect(screen.getByText(/No monitors yet/)).toBeTruthy();
  });

  it('does not offer the demo when monitors exist', async () => {
    const t = new FakeTransport({
      'app.info': () => info({ firstRun: true }),
      'monitors.list': () => [monitor(1, 'Homepage')],
      'results.latest': () => [],
    });
    renderWith(t);
    await screen.findByRole('button', { name: /Homepage/ });
    expect(screen.queryByRole('button', { name: 'Load demo workspace' })).toBeNull();
  });

  it('opens a detail panel with range buttons and counts, and deletes after confirmation', async () => {
    let monitors: Monitor[] = [monitor(1, 'Homepage'), monitor(2, 'Submit API', 'Task submissions')];
    const t = new FakeTransport({
      'app.info': () => info(),
      'monitors.list': () => monitors,
      'results.latest': () => [],
      'series.get': (q) => ({
        monitorId: q.monitorId,
        from: q.from,
        to: q.to,
        bucketMs: 60_000,
        points: [{ t: q.from, up: 3, degraded: 1, down: 2, unknown: 0, min: 50, avg: 90, max: 4000 }],
      }),
      'monitors.delete': ({ id }) => {
        monitors = monitors.filter((m) => m.id !== id);
        return { id };
      },
    });
    renderWith(t);
    fireEvent.click(await screen.findByRole('button', { name: /Homepage/ }));

    const panel = await screen.findByRole('region', { name: 'Homepage' });
    expect(within(panel).getByRole('button', { name: '1 h', pressed: true })).toBeTruthy();
    const counts = await within(panel).findByRole('list', { name: /Probe results/ });
    await waitFor(() => expect(counts.textContent).toContain('Down2'));
    // The chart draws the monitor's slow threshold as a labelled reference line.
    expect(await within(panel).findByText('3 s threshold')).toBeTruthy();
    const q = t.callsOf('series.get')[0] as { monitorId: number; from: number; to: number; maxPoints: number };
    expect(q.monitorId).toBe(1);
    expect(q.to - q.from).toBe(3_600_000);
    expect(q.maxPoints).toBe(300);

    fireEvent.click(within(panel).getByRole('button', { name: '15 min' }));
    await waitFor(() => expect(t.callsOf('series.get')).toHaveLength(2));
    const q2 = t.callsOf('series.get')[1] as { from: number; to: number };
    expect(q2.to - q2.from).toBe(15 * 60_000);

    fireEvent.click(within(panel).getByRole('button', { name: 'Delete monitor' }));
    expect(t.callsOf('monitors.delete')).toHaveLength(0);
    fireEvent.click(within(panel).getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => expect(t.callsOf('monitors.delete')).toEqual([{ id: 1 }]));
    act(() => t.emit('monitors', { reason: 'deleted', id: 1 }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Homepage/ })).toBeNull());
    expect(screen.queryByRole('region', { name: 'Homepage' })).toBeNull();
  });

  it('shows the connection banner and re-fetches after a reconnect', async () => {
    const fake = new FakeTransport({
      'app.info': () => info(),
      'monitors.list': () => [monitor(1, 'Homepage')],
      'results.latest': () => [],
    });
    let conn: ConnectionInfo = { state: 'open', opens: 1 };
    const subs = new Set<() => void>();
    const t: ClientTransport = {
      invoke: (m, i) => fake.invoke(m, i),
      on: (e, l) => fake.on(e, l),
      getConnection: () => conn,
      onConnectionChange: (l) => {
        subs.add(l);
        return () => subs.delete(l);
      },
    };
    const setConn = (c: ConnectionInfo) => {
      conn = c;
      act(() => subs.forEach((l) => l()));
    };
    renderWith(t);
    await screen.findByRole('button', { name: /Homepage/ });
    expect(fake.callsOf('monitors.list')).toHaveLength(1);
    expect(screen.queryByText('Connection to Lookout lost — reconnecting…')).toBeNull();

    setConn({ state: 'closed', opens: 1 });
    expect(screen.getByText('Connection to Lookout lost — reconnecting…').getAttribute('role')).toBe('status');
    setConn({ state: 'open', opens: 2 });
    expect(screen.queryByText('Connection to Lookout lost — reconnecting…')).toBeNull();
    await waitFor(() => expect(fake.callsOf('monitors.list')).toHaveLength(2));
    expect(fake.callsOf('results.latest')).toHaveLength(2);
  });
});
