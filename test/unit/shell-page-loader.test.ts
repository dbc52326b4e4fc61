import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageLoader } from '../../electron/core/probes/context';
import { installElectronDouble, type ElectronDouble } from '../support/electron-double';
import { cancellable } from '../support/electron-double/emitter';
import { flushMicrotasks } from '../support/fake-clock';
import { tempDir } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

// The desktop shell's page loader (electron/page-loader.ts) on the Electron double: what it asks of
// Electron for each probe (an offscreen sandboxed window in its own session, link-local blocked,
// no permissions or downloads, the window destroyed afterwards), and its deadlines.
let t: ReturnType<typeof tempDir>;
let e: ElectronDouble;
let loader: PageLoader;
beforeEach(async () => {
  t = tempDir();
  e = installElectronDouble({ userData: t.dir });
  vi.resetModules();
  const { createElectronPageLoader } = await import('../../electron/page-loader');
  loader = createElectronPageLoader();
});
afterEach(async () => {
  await loader.close();
  t.cleanup();
});

const opts = (over: Partial<{ timeoutMs: number; signal: AbortSignal; allowLinkLocal: boolean }> = {}) => ({
  timeoutMs: 2000,
  signal: new AbortController().signal,
  ...over,
});
const probeWindows = () => e.BrowserWindow.all.filter((w) => w.options.webPreferences?.offscreen);

describe('page loads in the desktop shell', () => {
  it('loads in an offscreen, sandboxed, muted window of its own session, reports status and timings, and destroys it', async () => {
    e.pages.respond = () => ({
      status: 203,
      script: JSON.stringify({ ttfb: 40, domContentLoaded: 120, load: 180, lcp: 150 }),
    });
    const r = await loader.load('https://status.example.com/', opts());
    expect(r).toEqual({
      kind: 'loaded',
      httpStatus: 203,
      finalUrl: 'https://status.example.com/',
      timings: { ttfb: 40, domContentLoaded: 120, load: 180, lcp: 150 },
    });
    const [w] = probeWindows();
    expect(w!.options.webPreferences).toMatchObject({
      offscreen: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect((w!.webContents.session as { partition: string }).partition).toBe('lookout-probe');
    expect(w!.webContents.muted).toBe(true);
    expect(w!.webContents.openWindow('https://popup.example/')).toBe(false);
    expect(w!.isDestroyed()).toBe(true);
  });

  it('never reaches link-local addresses (cloud metadata) unless the monitor allows it', async () => {
    const blocked = await loader.load('http://169.254.169.254/latest/meta-data/', opts());
    expect(blocked).toMatchObject({ kind: 'failed', error: 'ERR_BLOCKED_BY_CLIENT' });
    const allowed = await loader.load('http://169.254.169.254/latest/meta-data/', opts({ allowLinkLocal: true }));
    expect(allowed).toMatchObject({ kind: 'loaded' });
    expect(await loader.load('http://[fe80::1]/', opts())).toMatchObject({
      kind: 'failed',
      error: 'ERR_BLOCKED_BY_CLIENT',
    });
  });

  it('grants probed pages no permission and lets them download nothing', async () => {
    await loader.load('https://status.example.com/', opts());
    const ses = e.session.fromPartition('lookout-probe');
    for (const p of ['notifications', 'media', 'geolocation']) expect(ses.requestPermission(p)).toBe(false);
    const dl = cancellable();
    ses.emit('will-download', dl, {}, {});
    expect(dl.defaultPrevented).toBe(true);
  });

  it("names the browser's network error", async () => {
    e.pages.respond = () => ({ error: 'net::ERR_CONNECTION_REFUSED' });
    expect(await loader.load('http://127.0.0.1:9/', opts())).toMatchObject({
      kind: 'failed',
      error: 'ERR_CONNECTION_REFUSED',
    });
    expect(probeWindows().every((w) => w.isDestroyed())).toBe(true);
  });

  it('gives up at the deadline or when cancelled, destroying the window, and runs loads one at a time', async () => {
    e.pages.respond = () => ({ hangs: true });
    const started = Date.now();
    expect(await loader.load('https://slow.example/', opts({ timeoutMs: 150 }))).toEqual({
      kind: 'failed',
      error: 'timeout',
      message: 'Timed out',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    const ac = new AbortController();
    const opened = new Promise<void>((r) => e.app.once('web-contents-created', () => r()));
    const first = loader.load('https://slow.example/', opts({ signal: ac.signal, timeoutMs: 5000 }));
    const second = loader.load('https://slow.example/2', opts({ timeoutMs: 100 }));
    // The first has its window; a second run alongside would have opened its own by the time this settles.
    await opened;
    await flushMicrotasks();
    // One shared, cleared session: the second has not opened its window yet.
    expect(probeWindows().filter((w) => !w.isDestroyed())).toHaveLength(1);
    ac.abort();
    expect(await first).toEqual({ kind: 'failed', error: 'cancelled', message: 'Probe cancelled' });
    expect(await second).toMatchObject({ kind: 'failed', error: 'timeout' });
    expect(probeWindows().every((w) => w.isDestroyed())).toBe(true);
  });

  it('answers unavailable once closed', async () => {
    await loader.close();
    expect(await loader.load('https://status.example.com/', opts())).toMatchObject({ kind: 'unavailable' });
  });
});
