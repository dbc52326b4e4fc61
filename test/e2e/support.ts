import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import WebSocket from 'ws';
import { findChromium } from '../../electron/core/probes/page/playwright';
import { SERVE_NODE_FLAGS } from '../../electron/serve/node-flags';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** One Api call over the serve WebSocket, the way the renderer makes it (its own socket, closed after). */
export function apiCall<T = unknown>(serve: ServeProcess, method: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${serve.origin.replace('http', 'ws')}/ws?token=${serve.token}`, { origin: serve.origin });
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, method, input })));
    ws.on('message', (data) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.from(data).toString('utf8');
      const msg = JSON.parse(text) as { id?: number; result?: T; error?: { message: string } };
      if (msg.id !== 1) return;
      ws.close();
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(msg.result as T);
    });
  });
}

/** Starts the real serve entry (built dist/) as a child process and waits for its URL line. */
export function startServe(args: string[]): Promise<ServeProcess> {
  // With serve mode's V8 flags, as `npm run serve` and `npm start`'s fallback start it.
  const child = spawn(
    process.execPath,
    [...SERVE_NODE_FLAGS, path.join(ROOT, 'dist/electron/serve.js'), '--port', '0', '--no-open', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time:\n${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Lookout serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=([\w-]+))/.exec(out);
      if (m) {
        clearTimeout(timer);
        const url = m[1]!;
        resolve({
          url,
          origin: new URL(url).origin,
          token: m[2]!,
          child,
          output: () => out,
          stop: (signal = 'SIGTERM') =>
            new Promise((res) => {
              if (child.exitCode !== null) return res(child.exitCode);
              child.once('exit', (code) => res(code));
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

/** Microsoft Edge is Chromium too, and is on every Windows machine. */
function edgePaths(env: NodeJS.ProcessEnv): string[] {
  return [
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...[env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
      .filter((d): d is string => !!d)
      .map((d) => path.join(d, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ...[env.PROGRAMFILES, env.LOCALAPPDATA]
      .filter((d): d is string => !!d)
      .map((d) => path.join(d, 'Chromium', 'Application', 'chrome.exe')),
  ];
}

export type BrowserFound = { path: string; how: 'env' | 'installed' | 'playwright' | 'fetched' } | { error: string };

/**
 * The browser for the end-to-end tests, found as the `page` probe finds one (LOOKOUT_CHROMIUM, then
 * the usual Chromium / Chrome install paths per OS; findChromium is the probe's own list), then
 * Edge; failing that, Playwright's Chromium, fetched once into its cache. `fetch` is injectable so
 * the order is tested without a download.
 */
export function findTestBrowser(
  env: NodeJS.ProcessEnv = process.env,
  deps: {
    exists?: (p: string) => boolean;
    playwrightPath?: () => string;
    fetch?: () => { ok: true } | { ok: false; reason: string };
  } = {},
): BrowserFound {
  const exists = deps.exists ?? existsSync;
  const explicit = env.LOOKOUT_CHROMIUM ?? env.CHROMIUM_PATH;
  if (explicit)
    return exists(explicit)
      ? { path: explicit, how: 'env' }
      : { error: `LOOKOUT_CHROMIUM is set to ${explicit}, which does not exist.` };
  const probe = findChromium({ ...env, LOOKOUT_CHROMIUM: undefined }, exists);
  if (probe) return { path: probe, how: 'installed' };
  const edge = edgePaths(env).find((p) => exists(p));
  if (edge) return { path: edge, how: 'installed' };
  const bundled = (deps.playwrightPath ?? (() => chromium.executablePath()))();
  if (bundled && exists(bundled)) return { path: bundled, how: 'playwright' };
  const fetched = (deps.fetch ?? fetchPlaywrightChromium)();
  if (fetched.ok && exists(bundled)) return { path: bundled, how: 'fetched' };
  return {
    error: `No browser for the end-to-end tests: install Chromium, Google Chrome or Microsoft Edge, or set LOOKOUT_CHROMIUM to one (Playwright's Chromium could not be fetched either: ${fetched.ok ? 'it was not where Playwright said' : fetched.reason}).`,
  };
}

function fetchPlaywrightChromium(): { ok: true } | { ok: false; reason: string } {
  console.log(
    "Lookout e2e: no Chromium, Chrome or Edge found; fetching Playwright's Chromium once (npx playwright-core install chromium)…",
  );
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'install', 'chromium'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 600_000,
  });
  if (r.status === 0) return { ok: true };
  const err =
    r.error?.message ??
    String(r.stderr ?? '')
      .trim()
      .split('\n')
      .pop() ??
    `exit ${r.status}`;
  return { ok: false, reason: err };
}

let found: BrowserFound | undefined;

/** The test browser's path; throws the one-line reason when there is none. */
export function testBrowserPath(): string {
  found ??= findTestBrowser();
  if ('error' in found) throw new Error(found.error);
  return found.path;
}

/** A Chromium-family browser (see findTestBrowser), headless and kept off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testBrowserPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
