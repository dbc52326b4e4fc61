/**
 * A TEST DOUBLE of the `electron` module. It is not Electron and runs no Chromium: it models the
 * parts of Electron's main-process API that electron/main.ts and its modules call, with the
 * behaviour those calls have in Electron 45, so the real main.ts boots under Node on the real core:
 *
 * - `app`: lifecycle events (`ready` at once, `before-quit` that can be cancelled with
 *   preventDefault, then `will-quit` / `quit`), `exit`, `getPath` under a temporary folder, the
 *   single-instance lock (held per userData folder across doubles in this process; a refused
 *   instance's argv and additionalData reach the holder's `second-instance` like Electron does),
 *   protocol client and login item settings recorded, `setAppUserModelId` recorded.
 * - `BrowserWindow` / `webContents`: constructor options kept; every new contents announced with
 *   `web-contents-created`; `will-navigate` / `will-attach-webview` / the window-open handler are
 *   exercised by helpers that say whether the action was allowed; `send` and `executeJavaScript`
 *   recorded; no page runs: `loadURL` goes through the session's onBeforeRequest and then does
 *   what `pages.respond(url)` says (status, the script's answer, a network error, no answer);
 *   bounds, visibility, title; `printToPDF` records its options and answers a PDF header naming the
 *   page (no layout is printed).
 * - `ipcMain.handle` (a second handler for one channel throws, as in Electron) with `invoke` helper
 *   taking a sender frame, `session` with the headers hook (`respond` runs it like a response),
 *   permission handlers, `Notification` (instances kept, `click` helper), `Tray` and `Menu`
 *   (templates kept so their items' `click` can be called), `nativeImage` (keeps the data URL),
 *   `powerMonitor` (an EventEmitter), `shell.openExternal` recorded, `safeStorage` with a
 *   configurable availability and Linux backend (reversible, not real, encryption), `dialog` and
 *   `screen` (configured displays).
 *
 * What it does not model: rendering, the preload and renderer processes, real OS integration.
 */
import os from 'node:os';
import path from 'node:path';
import { cancellable, EventEmitter } from './electron-double/emitter';
import { createSessions } from './electron-double/session';
import { createUi, type MenuTemplate } from './electron-double/ui';
import { createWindows, type Pages } from './electron-double/windows';

type Handler = (event: { senderFrame: unknown }, ...args: unknown[]) => unknown;

export interface DoubleOptions {
  userData: string;
  safeStorage?: { available: boolean; backend: string };
  displays?: { x: number; y: number; width: number; height: number }[];
  platform?: NodeJS.Platform;
  /** Hold `app.whenReady()` until `releaseReady()`: models a slow start (GPU, profile) to launch into. */
  holdReady?: boolean;
}

// On globalThis, not in this module: vi.resetModules() gives the mock factory a fresh copy of this file.
const slot = globalThis as { __lookoutElectronDouble?: ElectronDouble };

interface LockRegistry {
  holders: Map<string, ElectronDouble>;
}
const registry: LockRegistry = ((globalThis as Record<string, unknown>).__lookoutElectronLocks ??= {
  holders: new Map(),
}) as LockRegistry;

export function createElectronDouble(opts: DoubleOptions) {
  const events = {
    quitted: undefined as undefined | (() => void),
  };
  let ready = false;
  let releaseReady = () => undefined as void;
  const readyGate = opts.holdReady ? new Promise<void>((r) => (releaseReady = r)) : Promise.resolve();
  const state = {
    exitCode: undefined as number | undefined,
    quit: false,
    appUserModelId: undefined as string | undefined,
    protocolClients: [] as { scheme: string; exe?: string; args?: string[] }[],
    loginItem: { openAtLogin: false, args: [] as string[] },
    applicationMenu: undefined as undefined | { items: MenuTemplate },
    openedExternally: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    lockData: undefined as unknown,
  };
  const quitted = new Promise<void>((resolve) => {
    events.quitted = resolve;
  });

  // ---- sessions -----------------------------------------------------------------------------
  const { defaultSession, session } = createSessions();

  // ---- app ------------------------------------------------------------------------------------
  class DoubleApp extends EventEmitter {
    isPackaged = false;
    readonly commandLine = { appendSwitch: () => undefined, hasSwitch: () => false };
    whenReady(): Promise<void> {
      return readyGate.then(() => {
        ready = true;
      });
    }
    isReady() {
      return ready;
    }
    getPath(name: string): string {
      return name === 'userData' ? opts.userData : path.join(opts.userData, '..', `double-${name}`);
    }
    getVersion() {
      return '0.0.0-double';
    }
    setAppUserModelId(id: string) {
      state.appUserModelId = id;
    }
    setAsDefaultProtocolClient(scheme: string, exe?: string, args?: string[]) {
      state.protocolClients.push({ scheme, ...(exe ? { exe } : {}), ...(args ? { args } : {}) });
      return true;
    }
    getLoginItemSettings() {
      return { openAtLogin: state.loginItem.openAtLogin };
    }
    setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }) {
      state.loginItem = { openAtLogin: s.openAtLogin, args: s.args ?? [] };
    }
    requestSingleInstanceLock(additionalData?: unknown): boolean {
      state.lockData = additionalData;
      const holder = registry.holders.get(opts.userData);
      if (holder && holder !== double && !holder.state.quit) {
        // Electron: the holder gets our argv, cwd and additionalData; we get false.
        setImmediate(() => {
          // This instance is done (it quits or exits right after a refused lock); the holder's code runs on.
          slot.__lookoutElectronDouble = holder;
          holder.app.emit('second-instance', cancellable(), [...process.argv], process.cwd(), additionalData);
        });
        return false;
      }
      registry.holders.set(opts.userData, double);
      return true;
    }
    quit(): void {
      if (state.quit) return;
      const e = cancellable();
      this.emit('before-quit', e);
      if (e.defaultPrevented) return;
      // Electron closes every window (each gets 'close', then 'closed') before will-quit.
      for (const w of [...DoubleBrowserWindow.all]) {
        if (w.isDestroyed()) continue;
        w.emit('close', cancellable());
        w.destroy();
      }
      const wq = cancellable();
      this.emit('will-quit', wq);
      if (wq.defaultPrevented) return;
      state.quit = true;
      if (registry.holders.get(opts.userData) === double) registry.holders.delete(opts.userData);
      this.emit('quit', cancellable(), 0);
      events.quitted?.();
    }
    exit(code = 0): void {
      state.exitCode = code;
      state.quit = true;
      if (registry.holders.get(opts.userData) === double) registry.holders.delete(opts.userData);
      events.quitted?.();
    }
  }
  const app = new DoubleApp();

  // ---- windows ----------------------------------------------------------------------------
  const pages: Pages = { respond: () => ({ status: 200 }) };
  const { DoubleBrowserWindow } = createWindows(app, defaultSession, pages);

  // ---- ipc ------------------------------------------------------------------------------------
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle(channel: string, fn: Handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    channels: () => [...handlers.keys()],
    /** Helper: what ipcRenderer.invoke(channel, ...args) from `senderFrame` would get back. */
    invoke(channel: string, senderFrame: unknown, ...args: unknown[]): Promise<unknown> {
      const h = handlers.get(channel);
      if (!h) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      // As ipcMain does: a handler that throws is a rejection, and its promise is passed through.
      return new Promise((resolve) => resolve(h({ senderFrame }, ...args)));
    },
  };

  // ---- notifications, tray, menus ------------------------------------------------------------
  const { DoubleNotification, Menu, DoubleTray } = createUi(state);

  const nativeImage = { createFromDataURL: (dataUrl: string) => ({ dataUrl, toDataURL: () => dataUrl }) };
  const powerMonitor = new EventEmitter();
  const shell = {
    openExternal(url: string) {
      state.openedExternally.push(url);
      return Promise.resolve();
    },
  };
  const storage = {
    available: opts.safeStorage?.available ?? true,
    backend: opts.safeStorage?.backend ?? 'gnome_libsecret',
  };
  const safeStorage = {
    isEncryptionAvailable: () => storage.available,
    getSelectedStorageBackend: () => storage.backend,
    encryptString: (s: string) => Buffer.from(`double-sealed:${s}`).reverse(),
    decryptString: (b: Buffer) => {
      const text = Buffer.from(b).reverse().toString();
      if (!text.startsWith('double-sealed:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice('double-sealed:'.length);
    },
  };
  const dialog = {
    showErrorBox(title: string, content: string) {
      state.errorBoxes.push({ title, content });
    },
  };
  const displays = opts.displays ?? [{ x: 0, y: 0, width: 1920, height: 1080 }];
  const screen = { getAllDisplays: () => displays.map((workArea, id) => ({ id, workArea, bounds: workArea })) };

  const double = {
    /** How URLs behave when a window loads them (page probes); set `respond` in a test. */
    pages,
    app,
    BrowserWindow: DoubleBrowserWindow,
    ipcMain,
    Menu,
    Notification: DoubleNotification,
    Tray: DoubleTray,
    nativeImage,
    powerMonitor,
    session,
    shell,
    safeStorage,
    dialog,
    screen,
    state,
    quitted,
    releaseReady: () => releaseReady(),
    /** The app's main window (the first that is not an offscreen probe page). */
    mainWindow(): InstanceType<typeof DoubleBrowserWindow> | undefined {
      return DoubleBrowserWindow.all.filter((w) => !w.options.webPreferences?.offscreen && !w.isDestroyed()).at(-1);
    },
  };
  return double;
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;

/** The double `vi.mock('electron', …)` hands to the code under test; install one before importing main.ts. */
export function installElectronDouble(opts: DoubleOptions): ElectronDouble {
  slot.__lookoutElectronDouble = createElectronDouble(opts);
  return slot.__lookoutElectronDouble;
}

/**
 * The mocked module. Vitest evaluates a mock factory once per file, so each export is a getter onto
 * the double installed last: every boot of main.ts (after vi.resetModules) sees its own double.
 */
export function currentElectron(): ElectronDouble & { default: ElectronDouble } {
  const now = (): ElectronDouble => {
    const current = slot.__lookoutElectronDouble;
    if (!current) throw new Error('installElectronDouble() first');
    return current;
  };
  const keys = Object.keys(createElectronDouble({ userData: os.tmpdir() })) as (keyof ElectronDouble)[];
  const mod = {} as ElectronDouble & { default: ElectronDouble };
  for (const k of keys) Object.defineProperty(mod, k, { enumerable: true, get: () => now()[k] });
  Object.defineProperty(mod, 'default', { enumerable: true, get: now });
  return mod;
}
