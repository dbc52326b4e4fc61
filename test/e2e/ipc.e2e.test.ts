import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, ConsoleMessage, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import { forwardEvents, registerIpc, type IpcMainLike } from '../../electron/ipc';
import { isOwnPage, RENDERER_CSP } from '../../electron/shell/policy';
import {
  badUrlRefusedAtTheField,
  downAndRecovered,
  homepageUpWithAChart,
  row as rowOf,
  startEmpty,
} from './skeleton-steps';
import { step } from './story';
import { launchChromium, ROOT } from './support';

/**
 * The real renderer (dist/renderer) over the Electron IPC transport, in real Chromium. The page
 * gets `window.lookout` from the real preload bundle (dist/electron/preload.cjs), run before the
 * page's scripts with its `electron` import answered by a stand-in: `contextBridge` defines the
 * global, `ipcRenderer.invoke` crosses to Node through Playwright's exposeBinding into the same
 * `registerIpc` handlers the shell registers, with the calling frame as senderFrame; events come
 * back through `forwardEvents`. The page is served from a stand-in origin with the shell's CSP
 * header (Chromium will not run module scripts from file://, Electron does).
 */
const ORIGIN = 'http://lookout.invalid';
const PAGE = `${ORIGIN}/index.html`;

function preloadScript(): string {
  const preload = readFileSync(path.join(ROOT, 'dist/electron/preload.cjs'), 'utf8');
  // Only what electron/preload.ts uses: contextBridge.exposeInMainWorld, ipcRenderer.invoke / on.
  const shim = `{
    contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }) },
    ipcRenderer: {
      invoke: (channel, input) => window.__lookoutIpcInvoke(channel, input === undefined ? null : input),
      on: (channel, fn) => { (window.__lookoutIpcListeners[channel] ??= []).push(fn); },
    },
  }`;
  return `(() => {
    window.__lookoutIpcListeners = {};
    Object.defineProperty(window, '__lookoutIpcEmit', { value: (channel, message) => { for (const fn of window.__lookoutIpcListeners[channel] ?? []) fn({}, message); } });
    const electron = ${shim};
    const module = { exports: {} };
    const require = (name) => { if (name === 'electron') return electron; throw new Error('a sandboxed preload may require only electron, not ' + name); };
    (function (require, module, exports) {\n${preload}\n})(require, module, module.exports);
  })();`;
}

async function serveRenderer(page: Page): Promise<void> {
  const dir = path.join(ROOT, 'dist/renderer');
  await page.route(`${ORIGIN}/**`, async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) return route.fulfill({ status: 404 });
    const type = file.endsWith('.html')
      ? 'text/html'
      : file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
    try {
      await route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: { 'content-type': type, 'content-security-policy': RENDERER_CSP },
      });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
}

describe('walking skeleton over the Electron IPC transport (real renderer, real preload, real Chromium)', () => {
  let dir: string;
  let platform: Platform;
  let core: Core;
  let browser: Browser;
  let page: Page;
  let refused = 0;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-ipc-'));
    platform = await startPlatform();
    core = await startCore({ dbPath: path.join(dir, 'lookout.db'), mode: 'electron', version: 'e2e' });
    await core.dispatch('settings.update', { connectivity: { enabled: false } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // ipcMain, as far as registerIpc uses it; the handlers are the shell's own.
    const handlers = new Map<
      string,
      (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown>
    >();
    const ipc: IpcMainLike = {
      handle: (c, fn) => void handlers.set(c, fn),
      removeHandler: (c) => void handlers.delete(c),
    };
    // The trusted-frame stand-in: the page's own top frame, showing our page (electron/main.ts `trusted`).
    const frames = new WeakMap<Frame, { url: string }>();
    const senderFor = (f: Frame) => {
      let s = frames.get(f);
      if (!s) frames.set(f, (s = { url: '' }));
      s.url = f.url();
      return s;
    };
    registerIpc(ipc, core.dispatch, (e) => {
      const ok =
        e.senderFrame !== null && e.senderFrame === frames.get(page.mainFrame()) && isOwnPage(e.senderFrame.url, PAGE);
      if (!ok) refused += 1;
      return ok;
    });
    await page.exposeBinding('__lookoutIpcInvoke', async (source, channel: string, input: unknown) => {
      const h = handlers.get(channel);
      if (!h) return { ok: false, error: { code: 'unknown_method', message: `No handler for ${channel}` } };
      return h({ senderFrame: senderFor(source.frame) }, input ?? undefined);
    });
    forwardEvents(core.bus, (channel, message) => {
      void page
        .evaluate(
          ([c, m]) =>
            (window as unknown as { __lookoutIpcEmit: (c: string, m: unknown) => void }).__lookoutIpcEmit(c, m),
          [channel, message] as const,
        )
        .catch(() => undefined);
    });
    await page.addInitScript({ content: preloadScript() });
    await serveRenderer(page);
  });

  afterAll(async () => {
    await browser?.close();
    await core?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (name: string) => rowOf(page, name);

  // The walking-skeleton story over IPC: each step relies on the state the previous one left, so they
  // are steps of one test, not tests of their own.
  it('the walking skeleton over IPC: first run to outage, recovery and reload, under the strict CSP', async () => {
    await step('the page talks over IPC (window.lookout from the preload), not a WebSocket', talksOverIpc);
    await step('offers the demo on first run and can start empty', () => startEmpty(page));
    await step('shows the contract’s error at the URL field for bad input', () => badUrlRefusedAtTheField(page));
    await step('adds a monitor that turns up and draws a latency chart (results arrive as IPC events)', () =>
      homepageUpWithAChart(page, platform.urls.web),
    );
    await step('turns down when the platform fails, and recovers', () =>
      downAndRecovered(page, platform, 'ipc-dashboard'),
    );
    await step('keeps its data across a reload of the page (the shell allows its own reload)', async () => {
      await page.reload();
      await expect.poll(() => row('Homepage').isVisible(), { timeout: 10_000 }).toBe(true);
    });
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(refused).toBe(0);
    // The steps' own waits add up past one test's default timeout.
  }, 180_000);

  async function talksOverIpc() {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(PAGE);
    expect(
      await page.evaluate(() => typeof (window as unknown as { lookout?: { invoke: unknown } }).lookout?.invoke),
    ).toBe('function');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Welcome to Lookout' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(sockets).toEqual([]);
    expect(await page.locator('.conn').getAttribute('data-state')).toBe('open');
  }
});
