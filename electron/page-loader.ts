import { BrowserWindow, session } from 'electron';
import type { PageLoad, PageLoader, PageLoadOptions } from './core/probes/context';
import { hostAddress, isLinkLocal } from './core/probes/common/redirects';
import { chromiumNetError, PAGE_TIMING_SCRIPT, parsePageTiming } from './core/probes/page/timing';

/** In-memory partition (no `persist:`): probe pages never share cookies or cache with the app. */
export const PROBE_PARTITION = 'lookout-probe';

/**
 * Page loads in the desktop shell: one offscreen, sandboxed window per load in its own session,
 * no Node, no preload, no permissions, no popups, muted; storage and cache cleared before each load
 * so every probe is a first visit. Destroyed when the load is measured, fails, or the deadline hits.
 */
export function createElectronPageLoader(): PageLoader {
  let closed = false;
  const open = new Set<BrowserWindow>();

  /** Whether the load now running may reach link-local addresses (one load at a time: see below). */
  let allowLinkLocal = false;
  /** Loads share one session (cleared before each), so they run one after another. */
  let queue: Promise<unknown> = Promise.resolve();
  let configured = false;

  function probeSession() {
    const ses = session.fromPartition(PROBE_PARTITION, { cache: false });
    if (!configured) {
      configured = true;
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      // Cloud metadata lives on link-local addresses: a page or its redirects must not reach it.
      ses.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !allowLinkLocal && isLinkLocalUrl(details.url) }),
      );
      // A target answering with a file must not write it to the operator's disk.
      ses.on('will-download', (event) => event.preventDefault());
    }
    return ses;
  }

  async function loadOne(
    url: string,
    { timeoutMs, signal, allowLinkLocal: allow }: PageLoadOptions,
  ): Promise<PageLoad> {
    if (closed) return { kind: 'unavailable', message: 'The page loader has been shut down' };
    if (signal.aborted) return { kind: 'failed', error: 'cancelled', message: 'Probe cancelled' };
    const ses = probeSession();
    allowLinkLocal = allow ?? false;
    await ses.clearStorageData().catch(() => undefined);
    await ses.clearCache().catch(() => undefined);
    const win = new BrowserWindow({
      show: false,
      width: 1280,
      height: 800,
      webPreferences: {
        offscreen: true,
        session: ses,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
        backgroundThrottling: false,
        webgl: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    open.add(win);
    const contents = win.webContents;
    contents.setAudioMuted(true);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    let httpStatus: number | null = null;
    contents.on('did-navigate', (_e, _url, code) => {
      httpStatus = code > 0 ? code : null;
    });

    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: () => void = () => undefined;
    const stopped = new Promise<'timeout' | 'cancelled'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      onAbort = () => resolve('cancelled');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const loaded = contents.loadURL(url).then(
        () => null,
        (err: unknown) => err,
      );
      const first = await Promise.race([loaded, stopped]);
      if (first === 'timeout') return { kind: 'failed', error: 'timeout', message: 'Timed out' };
      if (first === 'cancelled') return { kind: 'failed', error: 'cancelled', message: 'Probe cancelled' };
      if (first !== null) {
        const text = first instanceof Error ? first.message : typeof first === 'string' ? first : JSON.stringify(first);
        const code = (first as { code?: unknown }).code;
        return {
          kind: 'failed',
          error: typeof code === 'string' ? code : (chromiumNetError(text) ?? 'unknown'),
          message: text.split('\n')[0] ?? text,
        };
      }
      const measured = await Promise.race([
        contents.executeJavaScript(PAGE_TIMING_SCRIPT) as Promise<unknown>,
        stopped,
      ]);
      if (measured === 'timeout') return { kind: 'failed', error: 'timeout', message: 'Timed out' };
      if (measured === 'cancelled') return { kind: 'failed', error: 'cancelled', message: 'Probe cancelled' };
      const { timings, httpStatus: fromTiming } = parsePageTiming(measured);
      return { kind: 'loaded', httpStatus: httpStatus ?? fromTiming, finalUrl: contents.getURL(), timings };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      open.delete(win);
      if (!win.isDestroyed()) win.destroy();
    }
  }

  return {
    load(url, opts) {
      const run = queue.then(() => loadOne(url, opts));
      queue = run.catch(() => undefined);
      return run;
    },
    close() {
      closed = true;
      for (const win of open) if (!win.isDestroyed()) win.destroy();
      open.clear();
      return Promise.resolve();
    },
  };
}

function isLinkLocalUrl(url: string): boolean {
  try {
    return isLinkLocal(hostAddress(new URL(url)));
  } catch {
    return false;
  }
}
