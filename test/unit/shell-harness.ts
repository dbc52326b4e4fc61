import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { installElectronDouble, type DoubleOptions, type ElectronDouble } from '../support/electron-double';

/**
 * Boots the real electron/main.ts on the Electron double (test/support/electron-double.ts) with the
 * real core on a database in a temporary folder. Each test file must declare, at its top:
 *   vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());
 */
export interface BootedShell {
  e: ElectronDouble;
  dbPath: string;
  userData: string;
  /** The main window's top frame: what ipcMain sees as senderFrame for our own page. */
  frame(): unknown;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** app.quit() and wait until the app has really quit. */
  quit(): Promise<void>;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-shell-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

type BootOptions = { args?: string[]; db?: string; userData?: string; double?: Partial<DoubleOptions> };

export async function bootShell(dir: string, opts: BootOptions = {}): Promise<BootedShell> {
  const started = await startShell(dir, opts);
  await started.booted;
  return started;
}

/** Imports main.ts and returns at once, with `booted` still pending (e.g. while whenReady is held). */
export async function startShell(
  dir: string,
  opts: BootOptions = {},
): Promise<BootedShell & { booted: Promise<void> }> {
  const userData = opts.userData ?? path.join(dir, 'profile');
  const dbPath = opts.db ?? path.join(dir, 'lookout.db');
  const e = installElectronDouble({ userData, ...opts.double });
  process.argv = [
    process.execPath,
    path.join(dir, 'dist', 'electron', 'main.js'),
    '--db',
    dbPath,
    ...(opts.args ?? []),
  ];
  vi.resetModules();
  const main = await import('../../electron/main');
  const booted = main.booted;
  const frame = () => e.mainWindow()?.webContents.mainFrame;
  return {
    booted,
    e,
    dbPath,
    userData,
    frame,
    async call<T>(method: string, input: unknown = {}) {
      const r = (await e.ipcMain.invoke(`lookout:${method}`, frame(), input)) as {
        ok: boolean;
        result?: T;
        error?: { message: string };
      };
      if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
      return r.result as T;
    },
    async quit() {
      e.app.quit();
      await e.quitted;
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 8000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What whenSent needs of the double's webContents (test/support/electron-double/windows.ts). */
interface SentLog {
  readonly sent: readonly { channel: string; message: unknown }[];
  on(event: 'double:sent', fn: (m: { channel: string; message: unknown }) => void): unknown;
  off(event: 'double:sent', fn: (m: { channel: string; message: unknown }) => void): unknown;
}

/** A message from core to page, as the shell's event forwarding sends it. */
export interface PageEvent {
  event: string;
  payload: unknown;
}

/**
 * The first event sent to the page, at index `from` or later (so already sent ones count), that
 * `pick` accepts; waits on the double's send instead of polling. The test's timeout bounds it.
 */
export function whenSent<T>(
  contents: SentLog,
  pick: (m: PageEvent, index: number) => T | undefined | false,
  from = 0,
): Promise<T> {
  for (let i = from; i < contents.sent.length; i++) {
    const v = pick(contents.sent[i]!.message as PageEvent, i);
    if (v) return Promise.resolve(v);
  }
  return new Promise<T>((resolve) => {
    const onSent = (x: { message: unknown }): void => {
      // send() logs the message before it emits, so it is the newest entry.
      const v = pick(x.message as PageEvent, contents.sent.length - 1);
      if (!v) return;
      contents.off('double:sent', onSent);
      resolve(v);
    };
    contents.on('double:sent', onSent);
  });
}

/** What whenSeen needs of a double's object: Electron-style on / off. */
interface Emits {
  on(event: string, fn: () => void): unknown;
  off(event: string, fn: () => void): unknown;
}

/**
 * check()'s first truthy answer: at once, or after one of `emitter`'s `event`s (the double's
 * 'double:changed' on a tray, 'double:shown' on Notification.events). No polling; the test's timeout bounds it.
 */
export function whenSeen<T>(emitter: Emits, event: string, check: () => T | undefined | false): Promise<T> {
  const now = check();
  if (now) return Promise.resolve(now);
  return new Promise<T>((resolve) => {
    const onEvent = (): void => {
      const v = check();
      if (!v) return;
      emitter.off(event, onEvent);
      resolve(v);
    };
    emitter.on(event, onEvent);
  });
}
