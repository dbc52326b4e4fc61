// @vitest-environment jsdom
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { EventName, EventPayload, Input, MethodName, Output, Transport } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { startCore, type Core } from '../../../electron/core/app';
import { openStore } from '../../../electron/core/store';
import { connectionOf } from '../../../electron/core/store/connection';
import { TransportProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/App';
import { DeliveryAttempts } from '../../../renderer/components/alerts/DeliveryAttempts';
import { fakeChartLayout, polyfillResizeObserver } from './fake-transport';

/**
 * The real core behind the page: a monitor whose target answers 500 is confirmed down (retries 1),
 * the core opens an incident and shows the alert; its line in the notification strip links to the
 * incident, and following the link opens the Incidents page on that incident.
 */
function coreTransport(core: Core): Transport {
  return {
    async invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      const out = await core.dispatch(method, input);
      if (!out.ok) throw ApiError.from(out.error);
      return out.result as Output<K>;
    },
    on<E extends EventName>(event: E, listener: (p: EventPayload<E>) => void) {
      return core.bus.on(event, listener);
    },
  };
}

let dir: string;
let core: Core;
let target: Server;
/** jsdom does no layout and has no scrollIntoView: record which element the page brings into view. */
const scrolledTo: Element[] = [];

beforeAll(async () => {
  polyfillResizeObserver();
  fakeChartLayout();
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolledTo.push(this);
  };
  dir = mkdtempSync(join(tmpdir(), 'lookout-alert-link-'));
  target = createServer((_req, res) => res.writeHead(500).end('origin down'));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
});
afterEach(cleanup);
afterAll(async () => {
  await core.close();
  await new Promise<void>((r) => target.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('an alert about an incident opens that incident', () => {
  it('the notification line’s incident link goes to #/incidents?id=N, where that incident is the current one', async () => {
    window.location.hash = '#/';
    render(
      <TransportProvider transport={coreTransport(core)}>
        <App />
      </TransportProvider>,
    );
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
    const out = await core.dispatch('monitors.create', {
      name: 'Ingest',
      group: 'Live streaming',
      intervalSec: 3600,
      retries: 1,
      kind: 'http',
      config: { url },
    });
    expect(out.ok).toBe(true);
    const line = await waitFor(
      () => {
        const el = document.querySelector<HTMLElement>('.notifs .notif[data-alert-kind="down"]');
        if (!el) throw new Error('no down alert shown yet');
        return el;
      },
      { timeout: 15_000 },
    );
    const incidents = await core.dispatch('incidents.list', {});
    const id = (incidents.ok ? (incidents.result as { items: { id: number }[] }).items : [])[0]?.id;
    expect(id).toBeGreaterThan(0);
    const link = within(line).getByRole('link', { name: `#${id}` });
    expect(link.getAttribute('href')).toBe(`#/incidents?id=${id}`);
    fireEvent.click(link);
    await waitFor(() => expect(window.location.hash).toBe(`#/incidents?id=${id}`));
    const card = await screen.findByRole('article', { name: new RegExp(`Incident ${id}`) }, { timeout: 5000 });
    expect(card.getAttribute('aria-current')).toBe('true');
    expect(card.getAttribute('data-incident-id')).toBe(String(id));
    await waitFor(() => expect(scrolledTo).toContain(card));
  }, 30_000);
});

describe('a link to an incident that is not on the first page of the list', () => {
  /** 25 resolved incidents of a paused monitor, oldest first: the oldest is past the first page (20). */
  async function seedOlderIncidents(): Promise<{ oldest: number; monitorId: number }> {
    const m = await core.dispatch('monitors.create', {
      name: 'Archive API',
      kind: 'http',
      paused: true,
      config: { url: 'http://127.0.0.1:9/' },
    });
    if (!m.ok) throw new Error(m.error.message);
    const monitorId = (m.result as { id: number }).id;
    const insert = connectionOf(core.store).prepare(
      'INSERT INTO incidents (monitor_id, started_at, ended_at, failed_probes) VALUES (?, ?, ?, 2)',
    );
    const base = Date.now() - 30 * 86_400_000;
    const ids = Array.from({ length: 25 }, (_, n) =>
      Number(insert.run(monitorId, base + n * 3_600_000, base + n * 3_600_000 + 600_000).lastInsertRowid),
    );
    return { oldest: ids[0]!, monitorId };
  }

  function renderAt(hash: string) {
    window.location.hash = hash;
    render(
      <TransportProvider transport={coreTransport(core)}>
        <App />
      </TransportProvider>,
    );
  }

  it('pins the linked incident above the list, marked and scrolled into view', async () => {
    const { oldest } = await seedOlderIncidents();
    const first = await core.dispatch('incidents.list', { limit: 20, offset: 0 });
    const firstPage = first.ok ? (first.result as { items: { id: number }[] }).items.map((i) => i.id) : [];
    expect(firstPage).toHaveLength(20);
    expect(firstPage).not.toContain(oldest);

    renderAt(`#/incidents?id=${oldest}`);
    const pinned = await screen.findByRole('region', { name: 'Linked incident' }, { timeout: 5000 });
    const card = within(pinned).getByRole('article', { name: `Incident ${oldest}: Archive API` });
    expect(card.getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(scrolledTo).toContain(card));
    // The list keeps its first page; the linked incident is shown once, in the pinned entry.
    expect(document.querySelectorAll(`[data-incident-id="${oldest}"]`)).toHaveLength(1);
    expect(document.querySelectorAll('.incidents__list [data-incident-id]')).toHaveLength(20);
  }, 20_000);

  it('says an incident that does not exist does not exist', async () => {
    renderAt('#/incidents?id=987654');
    const alert = await screen.findByText(/Incident #987654 does not exist/, {}, { timeout: 5000 });
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/deleted with its monitor/);
    expect(screen.queryByRole('region', { name: 'Linked incident' })).toBeNull();
  });

  it('says a link that names no incident number names none', async () => {
    renderAt('#/incidents?id=abc');
    const alert = await screen.findByText(/“abc”, which is not an incident number/, {}, { timeout: 5000 });
    expect(alert.getAttribute('role')).toBe('alert');
  });
});

describe('the alert log shows each SMS recipient’s outcome', () => {
  it('delivered and still-owed numbers, as the outbox store records them', () => {
    const store = openStore({ path: join(dir, 'log.db') });
    try {
      const outbox = store.tables.outbox;
      const id = outbox.enqueue({
        dedupeKey: 'k1',
        channelId: 3,
        channelName: 'On-call SMS',
        channelKind: 'sms',
        message: {
          kind: 'down',
          monitorId: 1,
          monitorName: 'Ingest',
          group: null,
          incidentId: 9,
          state: 'down',
          title: 'Ingest is down',
          body: '',
          firstError: null,
          at: 1_700_000_000_000,
        },
        status: 'pending',
        reason: null,
        nextAt: 1_700_000_000_000,
        createdAt: 1_700_000_000_000,
      }) as number;
      outbox.claim(id);
      const at = 1_700_000_001_000;
      outbox.recipient(id, { recipient: '+15550001', ok: true, at, answer: 'HTTP 201 queued', code: null });
      outbox.recipient(id, {
        recipient: '+15550002',
        ok: false,
        at,
        answer: 'no answer within 500 ms',
        code: 'timeout',
      });
      outbox.settle(
        id,
        {
          at,
          ok: false,
          ms: 510,
          answer: '+15550002: no answer within 500 ms; delivered to +15550001',
          code: 'timeout',
        },
        { status: 'pending', nextAt: at + 2000 },
      );
      const entry = outbox.get(id);
      if (!entry) throw new Error('entry missing');
      render(<DeliveryAttempts e={entry} />);
      const list = screen.getByRole('list', { name: 'Recipients' });
      const rows = within(list).getAllByRole('listitem');
      expect(rows.map((r) => [r.getAttribute('data-recipient'), r.getAttribute('data-ok')])).toEqual([
        ['+15550001', 'true'],
        ['+15550002', 'false'],
      ]);
      expect(rows[0]?.textContent).toMatch(/^\+15550001: delivered .*HTTP 201 queued$/);
      expect(rows[1]?.textContent).toMatch(/^\+15550002: not yet, retried next .*timeout no answer within 500 ms$/);
    } finally {
      store.close();
    }
  });
});
