// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  methods,
  type EventName,
  type EventPayload,
  type Input,
  type MethodName,
  type Output,
  type Transport,
} from '../../shared/api';
import { ApiError, issuesFromZod } from '../../shared/errors';
import { createEventBus } from '../../electron/core/events';
import { createMaintenance, type Maintenance } from '../../electron/core/maintenance/service';
import { openStore, type Store } from '../../electron/core/store';
import { TransportProvider } from '../../renderer/api/context';
import { WindowForm } from '../../renderer/components/maintenance/WindowForm';
import { FakeClock } from '../support/fake-clock';
import { draft, tempDir } from './store-helpers';

/** The real maintenance core behind the contract's validation, as the dispatcher does it (no Electron, no socket). */
function coreTransport(m: Maintenance, bus: ReturnType<typeof createEventBus>): Transport {
  return {
    async invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) throw new ApiError('invalid_input', 'Invalid input', issuesFromZod(parsed.error));
      const handler = (m.handlers as Record<string, (i: unknown) => unknown>)[method];
      if (!handler) throw new ApiError('unknown_method', method);
      return (await handler(parsed.data)) as Output<K>;
    },
    on<E extends EventName>(event: E, listener: (p: EventPayload<E>) => void) {
      return bus.on(event, listener);
    },
  };
}

describe('WindowForm against the maintenance core', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let m: Maintenance;
  let transport: Transport;

  beforeEach(() => {
    tmp = tempDir();
    store = openStore({ path: tmp.file('db.sqlite3') });
    const bus = createEventBus();
    m = createMaintenance({
      windows: store.tables.windows,
      readOnly: false,
      clock: new FakeClock(Date.parse('2026-03-02T09:00:00Z')),
      bus,
      monitors: store.monitors,
    });
    transport = coreTransport(m, bus);
  });
  afterEach(() => {
    cleanup();
    store.close();
    tmp.cleanup();
  });

  function setup() {
    const monitors = [store.monitors.create(draft('Homepage'))];
    render(
      <TransportProvider transport={transport as never}>
        <WindowForm monitors={monitors} readOnly={false} />
      </TransportProvider>,
    );
    const set = (label: string, value: string) =>
      fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });
    return { set, submit: () => fireEvent.click(screen.getByRole('button', { name: 'Create window' })) };
  }

  it('shows each contract error at its field and saves nothing', async () => {
    const f = setup();
    f.set('Title', 'DB upgrade');
    f.set('Start (in the window’s zone)', '2026-03-08T02:00');
    f.set('Time zone', 'Mars/Olympus_Mons');
    f.set('Duration (minutes)', '0');
    f.submit();
    const zone = screen.getByLabelText('Time zone');
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(zone.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toMatch(
      /Unknown time zone/,
    );
    const duration = screen.getByLabelText('Duration (minutes)');
    expect(duration.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Duration must be at least 1 minute')).toBeTruthy();
    expect(screen.getByText('Choose at least one affected monitor or service group')).toBeTruthy();

    // A malformed custom RRULE is the core's finding (rrule parsing), shown at the RRULE field.
    f.set('Time zone', 'Europe/London');
    f.set('Duration (minutes)', '60');
    fireEvent.click(screen.getByLabelText('Homepage'));
    f.set('Repeats', 'custom');
    f.set('RRULE', 'FREQ=WEEKLY;BYDAY=XX');
    f.submit();
    const rrule = screen.getByLabelText('RRULE');
    await waitFor(() => expect(rrule.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/Malformed RRULE/)).toBeTruthy();
    expect(m.handlers['windows.list']({})).toEqual([]);
  });

  it('lists the conflict with a peak event before saving, then “Save anyway” saves it', async () => {
    await m.handlers['peaks.create']({
      peak: {
        title: 'Season finale',
        kind: 'live_stream',
        description: '',
        start: '2026-03-08T01:30',
        zone: 'Europe/London',
        durationMin: 90,
        recurrence: null,
      },
    });
    const f = setup();
    f.set('Title', 'DB upgrade');
    f.set('Start (in the window’s zone)', '2026-03-08T02:00');
    f.set('Time zone', 'Europe/London');
    f.set('Duration (minutes)', '60');
    fireEvent.click(screen.getByLabelText('Web (group)'));
    f.submit();
    const alert = await screen.findByRole('alert', { name: 'Conflicts' });
    expect(alert.textContent).toContain('Peak event “Season finale”');
    expect(m.handlers['windows.list']({})).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() =>
      expect((m.handlers['windows.list']({}) as { title: string }[]).map((w) => w.title)).toEqual(['DB upgrade']),
    );
    expect(await screen.findByText('Saved “DB upgrade”.')).toBeTruthy();
  });
});
