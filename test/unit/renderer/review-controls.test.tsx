// @vitest-environment jsdom
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import {
  MUTATING_METHODS,
  type EventName,
  type EventPayload,
  type Input,
  type MethodName,
  type Output,
  type Transport,
} from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { startCore, type Core } from '../../../electron/core/app';
import { TransportProvider, useTransport } from '../../../renderer/api/context';
import { createQueryClient } from '../../../renderer/api/query-client';
import { REVIEW_READ_ONLY } from '../../../renderer/api/review-guard';
import { App } from '../../../renderer/App';
import { shellHooks, validInputs } from '../contract-inputs';
import { fakeChartLayout, polyfillResizeObserver } from './fake-transport';

/**
 * Review mode in the renderer, over the real core in a real review session (a database seeded by a
 * writing core, then opened `readOnly` as `--review FILE` does). Every control wired to a method
 * the contract marks `mutates` must be disabled with the reason, and no enabled control may reach
 * such a method: each page's enabled buttons are all pressed and the review guard must refuse
 * nothing (a refusal means a control that should have been disabled was not).
 */

/**
 * Methods the sweep must not reach for reasons outside this test: switching the database ends the
 * session under review; a channel test, PDF or history export would send, launch Chromium or write
 * files; the shell's token and login item belong to the machine, not the database. None is marked
 * `mutates`.
 */
const OFF_LIMITS: ReadonlySet<MethodName> = new Set([
  'data.review',
  'data.reviewEnd',
  'data.restore',
  'data.startFresh',
  'channels.test',
  'shell.rotateToken',
  'shell.setStartAtLogin',
  'report.export',
  'history.export',
]);

let dir: string;
let core: Core;
let monitorId: number;
/** Every call that reached the core (after the renderer's review guard). */
const reached: MethodName[] = [];

function coreTransport(): Transport {
  return {
    async invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      reached.push(method);
      if (OFF_LIMITS.has(method)) throw new ApiError('conflict', `${method} is not called in this test`);
      const out = await core.dispatch(method, input);
      if (!out.ok) throw ApiError.from(out.error);
      return out.result as Output<K>;
    },
    on<E extends EventName>(event: E, listener: (p: EventPayload<E>) => void) {
      return core.bus.on(event, listener);
    },
  };
}

beforeAll(async () => {
  polyfillResizeObserver();
  fakeChartLayout();
  Element.prototype.scrollIntoView = () => {};
  URL.createObjectURL = () => 'blob:review-test';
  URL.revokeObjectURL = () => {};
  // Confirmations say yes, so a control behind one is followed to the call it makes.
  window.confirm = () => true;
  dir = mkdtempSync(join(tmpdir(), 'lookout-review-controls-'));
  const file = join(dir, 'old.db');
  const writer = await startCore({ dbPath: file, mode: 'serve', version: 'test' });
  const probed = new Promise<void>((resolve) => {
    const off = writer.bus.on('result', () => (off(), resolve()));
  });
  const created = await writer.dispatch('monitors.create', {
    name: 'Seed',
    kind: 'http',
    config: { url: 'http://127.0.0.1:9/' },
  });
  if (!created.ok) throw new Error(created.error.message);
  monitorId = (created.result as { id: number }).id;
  await probed;
  const inputs = validInputs(monitorId);
  for (const m of [
    'windows.create',
    'peaks.create',
    'channels.create',
    'drafts.create',
    'loadchecks.save',
    'deploys.record',
  ] as const) {
    const out = await writer.dispatch(m, inputs[m]);
    if (!out.ok) throw new Error(`${m}: ${out.error.message}`);
  }
  await writer.close();
  // An open, unacknowledged incident: acknowledge and notes are offered on it.
  const db = new Database(file);
  db.prepare('INSERT INTO incidents (id, monitor_id, started_at, failed_probes) VALUES (1, ?, ?, 2)').run(
    monitorId,
    Date.now() - 600_000,
  );
  db.close();
  core = await startCore({ dbPath: file, mode: 'serve', version: 'test', readOnly: true, shell: shellHooks() });
}, 30_000);
afterEach(cleanup);
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Renders the console at `hash` and waits until it knows it is in review mode and every query has answered. */
async function renderConsole(hash: string, refused: MethodName[]): Promise<QueryClient> {
  window.location.hash = hash;
  const client = createQueryClient();
  render(
    <TransportProvider transport={coreTransport()} queryClient={client} onRefused={(m) => refused.push(m)}>
      <App />
    </TransportProvider>,
  );
  await screen.findByText('Read-only', {}, { timeout: 5000 });
  await settle(client);
  return client;
}

async function settle(client: QueryClient): Promise<void> {
  await waitFor(() => expect(client.isFetching()).toBe(0), { timeout: 5000 });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 20));
  });
}

const PAGES = [
  '#/',
  `#/monitor/MONITOR`,
  '#/incidents',
  '#/alerts',
  '#/maintenance',
  '#/report',
  '#/drafts',
  '#/drafts/window/1',
  '#/checks',
  '#/data',
  '#/settings',
];

function marked(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-mutates]')];
}

describe('review mode: controls that would change the database', () => {
  it('every control wired to a mutating method is disabled, with the reason, on every page', async () => {
    const seen = new Set<string>();
    for (const page of PAGES) {
      const refused: MethodName[] = [];
      await renderConsole(page.replace('MONITOR', String(monitorId)), refused);
      for (const el of marked()) {
        const method = el.getAttribute('data-mutates') as MethodName;
        seen.add(method);
        expect.soft(MUTATING_METHODS.has(method), `${page}: ${method} is marked but not mutating`).toBe(true);
        expect.soft((el as HTMLButtonElement).disabled, `${page}: ${el.outerHTML.slice(0, 160)}`).toBe(true);
        expect.soft(el.getAttribute('title'), `${page}: ${method}`).toBe(REVIEW_READ_ONLY);
      }
      cleanup();
    }
    // Pages that do not hide their controls in review mode show them disabled: the incident's
    // acknowledge and note, the settings' save, the alert rules and channels.
    for (const m of [
      'incidents.acknowledge',
      'incidents.addNote',
      'settings.update',
      'alerts.setRules',
      'channels.delete',
    ])
      expect(seen, m).toContain(m);
  }, 60_000);

  it('no enabled control reaches a mutating method: pressing every one is refused nowhere', async () => {
    let presses = 0;
    for (const page of PAGES) {
      const refused: MethodName[] = [];
      reached.length = 0;
      const client = await renderConsole(page.replace('MONITOR', String(monitorId)), refused);
      const pressed = new WeakSet<Element>();
      // Two rounds: a press may open a form or a confirmation whose own buttons appear after it.
      for (let round = 0; round < 2; round++) {
        const buttons = [...document.querySelectorAll<HTMLButtonElement>('button')].filter(
          (b) => !b.disabled && !pressed.has(b),
        );
        for (const b of buttons) {
          if (!b.isConnected || b.disabled) continue;
          pressed.add(b);
          presses++;
          await act(async () => {
            fireEvent.click(b);
            await Promise.resolve();
          });
        }
        await settle(client);
      }
      expect.soft(refused, `${page}: controls left enabled that call mutating methods`).toEqual([]);
      expect
        .soft(
          reached.filter((m) => MUTATING_METHODS.has(m)),
          page,
        )
        .toEqual([]);
      cleanup();
    }
    // The sweep pressed something on every page (header, navigation aside): not a vacuous pass.
    expect(presses).toBeGreaterThan(PAGES.length * 3);
  }, 120_000);

  it('a mutating call attempted anyway fails in the renderer with the review message, without a round trip', async () => {
    const refused: MethodName[] = [];
    let call: (() => Promise<unknown>) | undefined;
    let read: (() => Promise<unknown>) | undefined;
    function Caller() {
      const transport = useTransport();
      call = () => transport.invoke('monitors.pause', { id: monitorId });
      read = () => transport.invoke('monitors.list', {});
      return null;
    }
    window.location.hash = '#/';
    render(
      <TransportProvider transport={coreTransport()} onRefused={(m) => refused.push(m)}>
        <App />
        <Caller />
      </TransportProvider>,
    );
    await screen.findByText('Read-only', {}, { timeout: 5000 });
    reached.length = 0;
    const err = await call!().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('read_only');
    expect((err as ApiError).message).toContain(REVIEW_READ_ONLY);
    expect(refused).toEqual(['monitors.pause']);
    expect(reached).not.toContain('monitors.pause');
    // A method that only reads still goes through to the core.
    await expect(read!()).resolves.toMatchObject([{ id: monitorId, name: 'Seed' }]);
    expect(reached).toContain('monitors.list');
  });
});

/** The renderer's source files, for the wiring check below. */
function rendererFiles(dir = join(__dirname, '../../../renderer')): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? rendererFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Mutating method names quoted in the first argument of each `fn(` call in `text`. */
function quoted(text: string, fn: RegExp): Set<MethodName> {
  const out = new Set<MethodName>();
  for (const call of text.matchAll(new RegExp(`\\b(?:${fn.source})\\(\\s*([^,)]*)`, 'g')))
    for (const name of (call[1] ?? '').matchAll(/'([a-zA-Z.]+)'/g))
      if (MUTATING_METHODS.has(name[1] as MethodName)) out.add(name[1] as MethodName);
  return out;
}

describe('review mode: where the sweep cannot reach (a row that is not seeded, a field to fill first)', () => {
  it('every mutating method the renderer calls has a control wired to it with useMethodControl', () => {
    // Pages may call for a child that renders the control (Drafts → TemplatePanel): counted over the tree.
    const texts = rendererFiles()
      .filter((f) => !f.includes('/api/'))
      .map((f) => readFileSync(f, 'utf8'));
    const called = new Set(texts.flatMap((t) => [...quoted(t, /invoke|useApiMutation/)]));
    const controlled = new Set(texts.flatMap((t) => [...quoted(t, /control/)]));
    expect([...called].filter((m) => !controlled.has(m))).toEqual([]);
    expect(called.size).toBeGreaterThan(30);
  });
});
