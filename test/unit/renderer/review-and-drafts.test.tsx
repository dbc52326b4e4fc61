// @vitest-environment jsdom
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { EventName, EventPayload, Input, MethodName, Output, Transport } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { startCore, type Core } from '../../../electron/core/app';
import { TransportProvider } from '../../../renderer/api/context';
import { DataPage } from '../../../renderer/pages/Data';
import { Drafts } from '../../../renderer/pages/Drafts';
import { connectionOf } from '../../../electron/core/store/connection';

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
let core: Core | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-review-ui-'));
});
afterEach(async () => {
  cleanup();
  await core?.close();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
  const out = await core!.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
  return out.result as Output<K>;
}

describe('review mode on the Data page', () => {
  it('turns Back up and Restore off while another database is under review', async () => {
    core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
    const copy = join(dir, 'copy.db');
    await call('data.backup', { path: copy });
    await call('data.backup', {});
    await call('data.review', { path: copy });
    render(
      <TransportProvider transport={coreTransport(core)}>
        <DataPage />
      </TransportProvider>,
    );
    await screen.findByTestId('review-no-backup');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Back up now' }).disabled).toBe(true);
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Restore / }).length).toBeGreaterThan(0));
    for (const b of screen.getAllByRole('button', { name: /^Restore / }))
      expect((b as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('a resolved incident’s notice', () => {
  it('opens on the “resolved” step', async () => {
    core = await startCore({ dbPath: join(dir, 'lookout.db'), mode: 'serve', version: 'test' });
    const m = await call('monitors.create', {
      name: 'Checkout API',
      kind: 'http',
      paused: true,
      config: { url: 'http://127.0.0.1:9/' },
    });
    const now = Date.now();
    connectionOf(core.store)
      .prepare('INSERT INTO incidents (id, monitor_id, started_at, ended_at, failed_probes) VALUES (7, ?, ?, ?, 2)')
      .run(m.id, now - 600_000, now - 60_000);
    render(
      <TransportProvider transport={coreTransport(core)}>
        <Drafts source={{ kind: 'incident', incidentId: 7 }} />
      </TransportProvider>,
    );
    await waitFor(() =>
      expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /step/i }).value).toBe('resolved'),
    );
  });
});
