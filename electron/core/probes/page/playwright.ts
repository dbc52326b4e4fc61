import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PageLoad, PageLoader, PageLoadOptions } from '../context';
import { chromiumNetError, PAGE_TIMING_SCRIPT, parsePageTiming } from './timing';
import { hostAddress, isLinkLocal } from '../common/redirects';

/**
 * Link-local addresses (cloud metadata) made unresolvable, IP literals included: Chromium maps the
 * host before deciding it is an address. The only block that also stops navigations and redirects
 * without intercepting every request (which would skew the timings).
 */
const NO_LINK_LOCAL =
  '--host-resolver-rules=MAP 169.254.* ~NOTFOUND, MAP [fe80:*] ~NOTFOUND, MAP [::ffff:a9fe:*] ~NOTFOUND';

/** Flags for a quiet, unattended probe browser: no GPU, no background traffic of its own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Where a system Chromium or Chrome usually lives; `LOOKOUT_CHROMIUM` wins over all of them. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | null {
  if (env.LOOKOUT_CHROMIUM) return env.LOOKOUT_CHROMIUM;
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...[env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
      .filter((d): d is string => !!d)
      .map((d) => path.join(d, 'Google', 'Chrome', 'Application', 'chrome.exe')),
  ];
  return candidates.find((p) => exists(p)) ?? null;
}

export interface PlaywrightPageLoaderOptions {
  /** Browser executable; by default `findChromium()`. */
  executablePath?: string | null;
  /** Pages loading at once; more wait their turn (each one is a renderer process). */
  maxConcurrent?: number;
  launchTimeoutMs?: number;
}

/**
 * Page loads under Node (serve mode, tests): one headless Chromium started on first use and kept,
 * a fresh incognito context per load so no cache or cookie carries over between probes.
 */
export function createPlaywrightPageLoader(opts: PlaywrightPageLoaderOptions = {}): PageLoader {
  const maxConcurrent = opts.maxConcurrent ?? 2;
  /** One browser for ordinary monitors and, only if some monitor allows it, one that may reach link-local hosts. */
  const browsers = new Map<boolean, Promise<Browser>>();
  let running = 0;
  const waiting: (() => void)[] = [];
  let closed = false;

  function launch(allowLinkLocal: boolean): Promise<Browser> {
    const existing = browsers.get(allowLinkLocal);
    if (existing) return existing;
    const browser = (async () => {
      const executablePath = opts.executablePath === undefined ? findChromium() : opts.executablePath;
      if (!executablePath)
        throw new Unavailable('No Chromium or Chrome found: install one or set LOOKOUT_CHROMIUM to its path');
      let chromium;
      try {
        ({ chromium } = await import('playwright-core'));
      } catch {
        throw new Unavailable('playwright-core is not installed, so pages cannot be loaded in serve mode');
      }
      try {
        const args = allowLinkLocal ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, NO_LINK_LOCAL];
        const b = await chromium.launch({
          executablePath,
          headless: true,
          args,
          timeout: opts.launchTimeoutMs ?? 30_000,
        });
        b.on('disconnected', () => {
          if (browsers.get(allowLinkLocal) === browser) browsers.delete(allowLinkLocal);
        });
        return b;
      } catch (err) {
        const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
        throw new Unavailable(`The browser at ${executablePath} did not start: ${first}`);
      }
    })();
    // A failed launch is retried on the next probe (the operator may install a browser meanwhile).
    browser.catch(() => {
      if (browsers.get(allowLinkLocal) === browser) browsers.delete(allowLinkLocal);
    });
    browsers.set(allowLinkLocal, browser);
    return browser;
  }

  async function slot(signal: AbortSignal): Promise<boolean> {
    if (running < maxConcurrent) {
      running++;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const go = () => {
        signal.removeEventListener('abort', onAbort);
        running++;
        resolve(true);
      };
      const onAbort = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        resolve(false);
      };
      waiting.push(go);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  function release(): void {
    running--;
    waiting.shift()?.();
  }

  return {
    async load(url, loadOpts): Promise<PageLoad> {
      const { signal } = loadOpts;
      if (closed) return { kind: 'unavailable', message: 'The page loader has been shut down' };
      if (!(await slot(signal))) return { kind: 'failed', error: 'cancelled', message: 'Probe cancelled' };
      try {
        let b: Browser;
        try {
          b = await launch(loadOpts.allowLinkLocal ?? false);
        } catch (err) {
          return { kind: 'unavailable', message: err instanceof Unavailable ? err.message : String(err) };
        }
        return await loadIn(b, url, loadOpts);
      } finally {
        release();
      }
    },
    async close() {
      closed = true;
      const all = [...browsers.values()];
      browsers.clear();
      await Promise.all(all.map((p) => p.then((b) => b.close()).catch(() => undefined)));
    },
  };
}

async function loadIn(browser: Browser, url: string, opts: PageLoadOptions): Promise<PageLoad> {
  const { timeoutMs, signal } = opts;
  const deadline = performance.now() + timeoutMs;
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  // Closing the context ends whatever is pending in it: the hard stop for cancel and deadline alike.
  const stop = () => void context.close().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  let timedOut = false;
  let failedUrl: string | undefined;
  const hardDeadline = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs + 500);
  try {
    const page = await context.newPage();
    // The URL that failed (after redirects), which the goto error does not name.
    page.on('requestfailed', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) failedUrl = r.url();
    });
    const response = await page.goto(url, { waitUntil: 'load', timeout: Math.max(1, deadline - performance.now()) });
    const raw: unknown = await page.evaluate(PAGE_TIMING_SCRIPT);
    const { timings, httpStatus } = parsePageTiming(raw);
    return { kind: 'loaded', httpStatus: response?.status() ?? httpStatus, finalUrl: page.url(), timings };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (timedOut || (err instanceof Error && err.name === 'TimeoutError'))
      return { kind: 'failed', error: 'timeout', message: 'Timed out' };
    if (signal.aborted) return { kind: 'failed', error: 'cancelled', message: 'Probe cancelled' };
    const netError = chromiumNetError(text);
    const blocked =
      !opts.allowLinkLocal &&
      netError === 'ERR_NAME_NOT_RESOLVED' &&
      failedUrl !== undefined &&
      isLinkLocalUrl(failedUrl);
    const error = /Download is starting/i.test(text)
      ? 'download'
      : blocked
        ? 'ERR_BLOCKED_BY_CLIENT'
        : (netError ?? 'unknown');
    return { kind: 'failed', error, message: (text.split('\n')[0] ?? text).replace(/^page\.\w+: /, '') };
  } finally {
    clearTimeout(hardDeadline);
    signal.removeEventListener('abort', stop);
    stop();
  }
}

class Unavailable extends Error {}

function isLinkLocalUrl(url: string): boolean {
  try {
    return isLinkLocal(hostAddress(new URL(url)));
  } catch {
    return false;
  }
}
