// @vitest-environment jsdom
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { EventName, EventPayload, Input, MethodName, Output, Transport } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import { startCore, type Core } from '../../../electron/core/app';
import { TransportProvider } from '../../../renderer/api/context';
import { PlatformChecks } from '../../../renderer/pages/PlatformChecks';
import { IncidentDeploys } from '../../../renderer/components/platform-checks/IncidentDeploys';

/** The real core behind the page: a transport that calls its dispatcher and listens to its bus. */
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
let url: string;
let monitor: Monitor;

async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
  const out = await core.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
  return out.result as Output<K>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-checks-ui-'));
  target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
  core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
  monitor = await call('monitors.create', {
    name: 'Submit API',
    group: 'Task submissions',
    intervalSec: 3600,
    kind: 'http',
    config: { url },
  });
});
afterAll(async () => {
  cleanup();
  await core.close();
  await new Promise<void>((r) => target.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('the Load checks and deploys page', () => {
  it('runs a check only after a confirmation naming the target and the total, then shows its go / no-go card', async () => {
    await call('loadchecks.save', {
      check: { name: 'Before the final', url, rate: 10, durationSec: 2, thresholds: { p95Ms: 1000 } },
    });
    render(
      <TransportProvider transport={coreTransport(core)}>
        <PlatformChecks monitors={[monitor]} readOnly={false} />
      </TransportProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Confirm the load check' });
    expect(dialog.textContent).toContain(`Send 20 requests to GET ${url} over 2 s (up to 10/s)?`);
    expect(await call('loadchecks.runs', {})).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Send 20 requests' }));
    await screen.findByRole('region', { name: 'Load check progress' });
    const card = await screen.findByRole('article', { name: /^Run \d+$/ }, { timeout: 10_000 });
    await waitFor(() => expect(card.textContent).toMatch(/^Go Before the final/), { timeout: 10_000 });
    expect(card.textContent).toContain('p95 ms');
  }, 20_000);

  it('records a deploy from the form and lists it, refusing one without a version at the field', async () => {
    fireEvent.change(screen.getByLabelText('Service group'), { target: { value: 'Task submissions' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record deploy' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/version/i);
    fireEvent.change(screen.getByLabelText('Version'), { target: { value: '1.4.2' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'new validator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record deploy' }));
    await waitFor(() => expect(screen.getByText(/Task submissions 1\.4\.2/)).toBeTruthy());
    expect((await call('deploys.list', {}))[0]).toMatchObject({
      version: '1.4.2',
      source: 'ui',
      group: 'Task submissions',
    });
  });

  it("names the deploys of the incident's monitor in its timeline", async () => {
    cleanup();
    render(
      <TransportProvider transport={coreTransport(core)}>
        <IncidentDeploys monitorId={monitor.id} startedAt={Date.now() + 60_000} endedAt={null} />
      </TransportProvider>,
    );
    const list = await screen.findByRole('list', { name: 'Deploys' });
    expect(list.textContent).toMatch(/Deploy 1\.4\.2 of Task submissions — new validator$/);
  });

  it('saves the maximum rate and a deploy detector from the page', async () => {
    cleanup();
    render(
      <TransportProvider transport={coreTransport(core)}>
        <PlatformChecks monitors={[monitor]} readOnly={false} />
      </TransportProvider>,
    );
    const max = await screen.findByLabelText(/^Maximum rate for any load check/);
    fireEvent.change(max, { target: { value: '300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save maximum' }));
    await waitFor(async () => expect((await call('loadchecks.limits', {})).maxRate).toBe(300));
    fireEvent.change(screen.getByLabelText('Monitor'), { target: { value: String(monitor.id) } });
    fireEvent.change(screen.getByLabelText('Header name'), { target: { value: 'x-app-version' } });
    fireEvent.click(screen.getByRole('button', { name: 'Detect' }));
    await waitFor(async () =>
      expect(await call('deploys.detectors', {})).toEqual([{ monitorId: monitor.id, header: 'x-app-version' }]),
    );
    await screen.findByRole('button', { name: 'Stop detecting' });
  });
});
