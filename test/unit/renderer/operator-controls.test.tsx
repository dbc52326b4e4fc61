// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AppInfo } from '../../../shared/api';
import type { Incident } from '../../../shared/incidents';
import type { Occurrence } from '../../../shared/maintenance';
import { Settings } from '../../../shared/settings';
import type { MonitorState } from '../../../shared/state';
import { TransportProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/App';
import { Agenda } from '../../../renderer/components/maintenance/Agenda';
import { minutesUntil } from '../../../renderer/components/HeaderControls';
import { openIncident } from '../../support/incidents';
import {
  FakeTransport,
  dashboardOf,
  fakeChartLayout,
  monitor,
  polyfillResizeObserver,
  result,
  type Handlers,
} from './fake-transport';

/** Mid-incident controls (issue 18): header pause / snooze / running maintenance, row menu, acknowledge, End now. */
beforeAll(() => {
  polyfillResizeObserver();
  fakeChartLayout();
});
beforeEach(() => {
  window.location.hash = '#/';
});
afterEach(cleanup);

const info: AppInfo = {
  version: '0.1.0',
  mode: 'serve',
  dbPath: '/tmp/lookout.db',
  readOnly: false,
  firstRun: false,
  demo: false,
};
const list = [monitor(1, 'Live stream', 'Live streaming'), monitor(2, 'Task submission', 'Task submissions')];
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

function occurrence(over: Partial<Occurrence> = {}): Occurrence {
  const start = Date.now() - 10 * 60_000;
  return {
    windowId: 7,
    title: 'HLS packager upgrade',
    zone: 'UTC',
    start,
    end: start + 90 * 60_000,
    plannedEnd: start + 90 * 60_000,
    localStart: '2026-12-01T03:00',
    shifted: false,
    state: 'in_progress',
    extendedMin: 0,
    endedEarlyAt: null,
    ...over,
  } as Occurrence;
}

const incident = (id: number, over: Partial<Incident> = {}): Incident =>
  openIncident(id, {
    monitorId: 2,
    startedAt: Date.now() - 60_000,
    durationMs: 60_000,
    lastError: 'HTTP 500',
    ...over,
  });

function transport(extra: Handlers = {}) {
  return new FakeTransport({
    'app.info': () => info,
    'monitors.list': () => list,
    'results.latest': () => [result(1, { status: 'up' }), result(2, { status: 'up' })],
    'dashboard.get': () => dashboardOf(list),
    'state.list': () => [state(1, 'up'), state(2, 'up')],
    'occurrences.list': () => ({ windows: [], peaks: [] }),
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

describe('header: mid-incident controls', () => {
  it('pauses every monitor, and offers Resume all once they are paused', async () => {
    let paused = false;
    const t = transport({
      'state.list': () => (paused ? [state(1, 'paused'), state(2, 'paused')] : [state(1, 'up'), state(2, 'up')]),
      'monitors.pauseAll': () => ((paused = true), { pausedAll: true }),
      'monitors.resumeAll': () => ((paused = false), { pausedAll: false }),
    });
    renderApp(t);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause all' }));
    await waitFor(() => expect(t.callsOf('monitors.pauseAll')).toHaveLength(1));
    act(() => {
      t.emit('state', state(1, 'paused'));
      t.emit('state', state(2, 'paused'));
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Resume all' }));
    await waitFor(() => expect(t.callsOf('monitors.resumeAll')).toHaveLength(1));
  });

  it('snoozes every monitor’s alerts for an hour, or until a time, and shows until when', async () => {
    const t = transport({
      'alerts.snooze': (i) => ({ monitorId: i.monitorId, until: Date.now() + i.minutes * 60_000 }),
    });
    renderApp(t);
    fireEvent.click(await screen.findByRole('button', { name: 'Snooze alerts' }));
    fireEvent.click(screen.getByRole('button', { name: 'For 1 hour' }));
    await waitFor(() =>
      expect(t.callsOf('alerts.snooze')).toEqual([
        { monitorId: 1, minutes: 60 },
        { monitorId: 2, minutes: 60 },
      ]),
    );
    const until = Date.now() + 3_600_000;
    act(() => {
      t.emit('state', state(1, 'up', { snoozedUntil: until }));
      t.emit('state', state(2, 'up', { snoozedUntil: until }));
    });
    expect((await screen.findByText(/Alerts snoozed until/)).textContent).toMatch(/until \d{2}:\d{2}/);
    fireEvent.click(screen.getByRole('button', { name: 'Unsnooze' }));
    await waitFor(() =>
      expect(t.callsOf('alerts.snooze').slice(2)).toEqual([
        { monitorId: 1, minutes: 0 },
        { monitorId: 2, minutes: 0 },
      ]),
    );
  });

  it('names the maintenance window running now and when it ends', async () => {
    const o = occurrence();
    const t = transport({ 'occurrences.list': () => ({ windows: [o], peaks: [] }) });
    renderApp(t);
    const end = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      o.end,
    );
    expect((await screen.findByTestId('running-maintenance')).textContent).toBe(
      `In maintenance until ${end}: HLS packager upgrade`,
    );
  });

  it('counts minutes to a snooze time, rolling over to tomorrow', () => {
    const now = new Date(2026, 11, 1, 22, 30).getTime();
    expect(minutesUntil('23:00', now)).toBe(30);
    expect(minutesUntil('04:00', now)).toBe(330);
    expect(minutesUntil('4pm', now)).toBeNull();
  });
});

describe('one monitor: pause from its row menu', () => {
  it('pauses from the row’s menu without opening the monitor', async () => {
    const t = transport({ 'monitors.pause': (i) => state(i.id, 'paused') });
    renderApp(t);
    await screen.findByRole('button', { name: /Task submission/ });
    const wrap = document.querySelector('[data-monitor-id="2"]')!.parentElement!;
    fireEvent.click(within(wrap).getByRole('button', { name: 'More actions' }));
    fireEvent.click(within(wrap).getByRole('button', { name: 'Pause monitoring' }));
    await waitFor(() => expect(t.callsOf('monitors.pause')).toEqual([{ id: 2 }]));
    expect(window.location.hash).toBe('#/');
  });
});

describe('incidents: acknowledge with the remembered name', () => {
  it('acknowledges every open incident at once as the name in Settings, without asking', async () => {
    window.location.hash = '#/incidents';
    const items = [
      incident(3),
      incident(4),
      incident(5, { acknowledgedBy: 'Sam', acknowledgedAt: 1 }),
      incident(2, { endedAt: Date.now() }),
    ];
    const t = transport({
      'settings.get': () => Settings.parse({ operator: { name: 'Dana' } }),
      'incidents.list': () => ({ items, total: items.length }),
      'incidents.acknowledge': (i) => incident(i.id, { acknowledgedBy: i.by }),
    });
    renderApp(t);
    expect((await screen.findByText(/Acknowledging as/)).textContent).toContain('Dana');
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge all open (2)' }));
    await waitFor(() =>
      expect(t.callsOf('incidents.acknowledge')).toEqual([
        { id: 3, by: 'Dana' },
        { id: 4, by: 'Dana' },
      ]),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    // One card's own button, also without a name box.
    const card = screen.getByRole('article', { name: /Incident 3/ });
    fireEvent.click(within(card).getByRole('button', { name: 'Acknowledge as Dana' }));
    await waitFor(() => expect(t.callsOf('incidents.acknowledge')).toHaveLength(3));
  });
});

describe('maintenance agenda: End now', () => {
  it('asks before ending a running window, and shows that it ended early', async () => {
    const t = new FakeTransport({
      'windows.endEarly': () => occurrence({ state: 'completed', endedEarlyAt: Date.now() }),
    });
    const view = render(
      <TransportProvider transport={t}>
        <Agenda occurrences={[occurrence()]} now={Date.now()} readOnly={false} />
      </TransportProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'End now' }));
    expect(t.callsOf('windows.endEarly')).toEqual([]);
    const ask = screen.getByRole('group', { name: 'End HLS packager upgrade now?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep it running' }));
    expect(t.callsOf('windows.endEarly')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'End now' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, end now' }));
    await waitFor(() => expect(t.callsOf('windows.endEarly')).toHaveLength(1));
    const ended = occurrence({ state: 'completed', endedEarlyAt: Date.now() });
    view.rerender(
      <TransportProvider transport={t}>
        <Agenda occurrences={[ended]} now={Date.now()} readOnly={false} />
      </TransportProvider>,
    );
    expect(document.querySelector('[data-ended-early]')?.textContent).toMatch(/^ended early at \d{2}:\d{2}$/);
  });
});
