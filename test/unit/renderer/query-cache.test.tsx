// @vitest-environment jsdom
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { EventName, EventPayload, Input, MethodName, Output, Transport } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { startCore, type Core } from '../../../electron/core/app';
import { TransportProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/App';
import { fakeChartLayout, polyfillResizeObserver } from './fake-transport';

/** The real core behind the page: a transport that calls its dispatcher and listens to its bus, counting calls. */
function coreTransport(core: Core): Transport & { count(method: MethodName): number } {
  const calls: MethodName[] = [];
  return {
    async invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      calls.push(method);
      const out = await core.dispatch(method, input);
      if (!out.ok) throw ApiError.from(out.error);
      return out.result as Output<K>;
    },
    on<E extends EventName>(event: E, listener: (p: EventPayload<E>) => void) {
      return core.bus.on(event, listener);
    },
    count: (method) => calls.filter((m) => m === method).length,
  };
}

let dir: string;
let core: Core;
let target: Server;
let url: string;

async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
  return out.result as Output<K>;
}

beforeAll(async () => {
  polyfillResizeObserver();
  fakeChartLayout();
  dir = mkdtempSync(join(tmpdir(), 'lookout-query-cache-'));
  target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
  core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
  await call('monitors.create', { name: 'Homepage', group: 'Web', intervalSec: 3600, kind: 'http', config: { url } });
});
beforeEach(() => {
  window.location.hash = '#/';
});
afterEach(cleanup);
afterAll(async () => {
  await core.close();
  await new Promise<void>((r) => target.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('the shared query cache', () => {
  it('fetches monitors.list once for the dashboard with its header and list, and again when the monitors event says it changed', async () => {
    const t = coreTransport(core);
    render(
      <TransportProvider transport={t}>
        <App />
      </TransportProvider>,
    );
    expect(await screen.findByRole('button', { name: /Homepage/ })).toBeTruthy();
    // The header's counts and controls and the list all read the same cached answer.
    expect(screen.getByRole('list', { name: 'Monitor status summary' }).textContent).toMatch(/1 pending|0 up/);
    await waitFor(() => expect(t.count('dashboard.get')).toBeGreaterThan(0));
    expect(t.count('monitors.list')).toBe(1);

    // Another window adds a monitor: the core's event invalidates the list, fetched once more.
    await call('monitors.create', {
      name: 'Ingest',
      group: 'Live streaming',
      intervalSec: 3600,
      kind: 'http',
      config: { url },
    });
    expect(await screen.findByRole('button', { name: /Ingest/ })).toBeTruthy();
    expect(t.count('monitors.list')).toBe(2);
  });

  it('shares one monitors.list between the shell and the Alerts page, whose filter lists the monitors', async () => {
    window.location.hash = '#/alerts';
    const t = coreTransport(core);
    render(
      <TransportProvider transport={t}>
        <App />
      </TransportProvider>,
    );
    expect(await screen.findByRole('option', { name: 'Homepage' })).toBeTruthy();
    await waitFor(() => expect(t.count('alerts.log')).toBeGreaterThan(0));
    expect(t.count('monitors.list')).toBe(1);
  });
});
