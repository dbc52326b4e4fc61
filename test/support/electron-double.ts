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
 *   recorded (no page runs: executeJavaScript resolves undefined); bounds, visibility, title.
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
import { pathToFileURL } from 'node:url';

/**
 * A minimal event emitter (on / once / off / emit), as Electron's objects are Node emitters; our own
 * so the double's declared types stay simple.
 */
class EventEmitter {
  readonly listeners_ = new Map<string, ((...args: never[]) => unknown)[]>();
  on(event: string, fn: (...args: never[]) => unknown): this {
    this.listeners_.set(event, [...(this.listeners_.get(event) ?? []), fn]);
    return this;
  }
  addListener(event: string, fn: (...args: never[]) => unknown): this {
    return this.on(event, fn);
  }
  once(event: string, fn: (...args: never[]) => unknown): this {
    const wrapped = (...args: never[]) => {
      this.off(event, wrapped);
      return fn(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, fn: (...args: never[]) => unknown): this {
    this.listeners_.set(event, (this.listeners_.get(event) ?? []).filter((f) => f !== fn));
    return this;
  }
  removeListener(event: string, fn: (...args: never[]) => unknown): this {
    return this.off(event, fn);
  }
  emit(event: string, ...args: unknown[]): boolean {
    const fns = this.listeners_.get(event) ?? [];
    for (const fn of [...fns]) (fn as (...a: unknown[]) => unknown)(...args);
    return fns.length > 0;
  }
  listenerCount(event: string): number {
    return (this.listeners_.get(event) ?? []).length;
  }
}

type Handler = (event: { senderFrame: unknown }, ...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => unknown;

export interface DoubleOptions {
  userData: string;
  safeStorage?: { available: boolean; backend: string };
  displays?: { x: number; y: number; width: number; height: number }[];
  platform?: NodeJS.Platform;
  /** Hold `app.whenReady()` until `releaseReady()`: models a slow start (GPU, profile) to launch into. */
  holdReady?: boolean;
}

/** Cancellable event object, as Electron passes to will-navigate, before-quit and the like. */
export function cancellable(): { preventDefault(): void; defaultPrevented: boolean } {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

// On globalThis, not in this module: vi.resetModules() gives the mock factory a fresh copy of this file.
const slot = globalThis as { __lookoutElectronDouble?: ElectronDouble };

interface LockRegistry {
  holders: Map<string, ElectronDouble>;
}
const registry: LockRegistry = ((globalThis as Record<string, unknown>).__lookoutElectronLocks ??= { holders: new Map() }) as LockRegistry;

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
  class DoubleSession extends EventEmitter {
    readonly partition: string;
    headersHook: ((details: { url: string; responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void) => void) | undefined;
    beforeRequestHook: Listener | undefined;
    permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
    permissionCheck: ((wc: unknown, permission: string) => boolean) | undefined;
    readonly webRequest = {
      onHeadersReceived: (fn: DoubleSession['headersHook']) => {
        this.headersHook = fn;
      },
      onBeforeRequest: (fn: Listener) => {
        this.beforeRequestHook = fn;
      },
    };
    constructor(partition: string) {
      super();
      this.partition = partition;
    }
    setPermissionRequestHandler(fn: DoubleSession['permissionRequest']) {
      this.permissionRequest = fn;
    }
    setPermissionCheckHandler(fn: DoubleSession['permissionCheck']) {
      this.permissionCheck = fn;
    }
    clearStorageData() {
      return Promise.resolve();
    }
    clearCache() {
      return Promise.resolve();
    }
    /** Helper: the headers a response would reach the page with, after our hook. */
    respond(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> {
      let out = responseHeaders;
      this.headersHook?.({ url, responseHeaders }, (r) => {
        out = r.responseHeaders ?? responseHeaders;
      });
      return out;
    }
    /** Helper: whether the page would be granted a permission it asks for. */
    requestPermission(permission: string): boolean {
      let granted = false;
      if (!this.permissionRequest) return true; // Electron's default grants
      this.permissionRequest({}, permission, (ok) => {
        granted = ok;
      });
      return granted;
    }
  }
  const sessions = new Map<string, DoubleSession>();
  const defaultSession = new DoubleSession('');
  const session = {
    defaultSession,
    fromPartition(partition: string, _opts?: { cache?: boolean }) {
      let s = sessions.get(partition);
      if (!s) sessions.set(partition, (s = new DoubleSession(partition)));
      return s;
    },
  };

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
  let nextId = 1;
  class DoubleWebContents extends EventEmitter {
    readonly id = nextId++;
    readonly session: DoubleSession;
    readonly mainFrame = { url: '', name: 'main' };
    readonly sent: { channel: string; message: unknown }[] = [];
    readonly executed: string[] = [];
    windowOpenHandler: ((d: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
    muted = false;
    constructor(ses: DoubleSession) {
      super();
      this.session = ses;
    }
    send(channel: string, message: unknown) {
      this.sent.push({ channel, message });
    }
    executeJavaScript(code: string): Promise<unknown> {
      this.executed.push(code);
      return Promise.resolve(undefined);
    }
    setWindowOpenHandler(fn: DoubleWebContents['windowOpenHandler']) {
      this.windowOpenHandler = fn;
    }
    setAudioMuted(m: boolean) {
      this.muted = m;
    }
    isLoading() {
      return false;
    }
    getURL() {
      return this.mainFrame.url;
    }
    loadURL(url: string): Promise<void> {
      this.mainFrame.url = url;
      return Promise.resolve();
    }
    /** Helper: a navigation the page starts (link, location.href, reload); true when allowed. */
    navigate(url: string): boolean {
      const e = cancellable();
      this.emit('will-navigate', e, url);
      if (!e.defaultPrevented) this.mainFrame.url = url;
      return !e.defaultPrevented;
    }
    /** Helper: window.open or a target=_blank link; true when a window would open. */
    openWindow(url: string): boolean {
      return (this.windowOpenHandler?.({ url }) ?? { action: 'allow' }).action === 'allow';
    }
    /** Helper: a <webview> the page tries to attach; true when allowed. */
    attachWebview(src: string): boolean {
      const e = cancellable();
      this.emit('will-attach-webview', e, {}, { src });
      return !e.defaultPrevented;
    }
  }

  type Rect = { x: number; y: number; width: number; height: number };
  class DoubleBrowserWindow extends EventEmitter {
    static all: DoubleBrowserWindow[] = [];
    static getAllWindows() {
      return DoubleBrowserWindow.all.filter((w) => !w.isDestroyed());
    }
    readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
    readonly webContents: DoubleWebContents;
    destroyed_ = false;
    visible = false;
    focused = false;
    minimized = false;
    maximized = false;
    title: string;
    bounds: Rect;
    loadedFile: string | undefined;
    constructor(options: DoubleBrowserWindow['options'] = {}) {
      super();
      this.options = options;
      this.title = String(options.title ?? '');
      this.bounds = { x: (options.x as number) ?? 100, y: (options.y as number) ?? 100, width: (options.width as number) ?? 800, height: (options.height as number) ?? 600 };
      const ses = (options.webPreferences?.session as DoubleSession | undefined) ?? defaultSession;
      this.webContents = new DoubleWebContents(ses);
      DoubleBrowserWindow.all.push(this);
      app.emit('web-contents-created', cancellable(), this.webContents);
    }
    loadFile(file: string): Promise<void> {
      this.loadedFile = file;
      this.webContents.mainFrame.url = pathToFileURL(file).href;
      setImmediate(() => {
        this.webContents.emit('did-finish-load');
        this.emit('ready-to-show');
      });
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      return this.webContents.loadURL(url);
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {
      this.focused = true;
    }
    isVisible() {
      return this.visible;
    }
    isMinimized() {
      return this.minimized;
    }
    minimize() {
      this.minimized = true;
      this.focused = false;
    }
    restore() {
      this.minimized = false;
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    setTitle(t: string) {
      this.title = t;
    }
    getTitle() {
      return this.title;
    }
    getBounds(): Rect {
      return { ...this.bounds };
    }
    getNormalBounds(): Rect {
      return { ...this.bounds };
    }
    setBounds(b: Partial<Rect>) {
      const moved = b.x !== undefined || b.y !== undefined;
      this.bounds = { ...this.bounds, ...b };
      this.emit(moved ? 'move' : 'resize');
    }
    isDestroyed() {
      return this.destroyed_;
    }
    destroy() {
      if (this.destroyed_) return;
      this.destroyed_ = true;
      this.emit('closed');
    }
    /** The user closes the window: close (cancellable), closed, and window-all-closed when it was the last. */
    close() {
      const e = cancellable();
      this.emit('close', e);
      if (e.defaultPrevented) return;
      this.destroy();
      if (DoubleBrowserWindow.getAllWindows().every((w) => w.options.webPreferences?.offscreen)) app.emit('window-all-closed');
    }
  }

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
    async invoke(channel: string, senderFrame: unknown, ...args: unknown[]): Promise<unknown> {
      const h = handlers.get(channel);
      if (!h) throw new Error(`No handler registered for '${channel}'`);
      return h({ senderFrame }, ...args);
    },
  };

  // ---- notifications, tray, menus ------------------------------------------------------------
  class DoubleNotification extends EventEmitter {
    static instances: DoubleNotification[] = [];
    static isSupported() {
      return true;
    }
    readonly options: { title?: string; body?: string; silent?: boolean };
    shown = false;
    constructor(options: DoubleNotification['options']) {
      super();
      this.options = options;
      DoubleNotification.instances.push(this);
    }
    show() {
      this.shown = true;
    }
    close() {
      this.emit('close');
    }
    /** Helper: the operator clicks the notification. */
    click() {
      this.emit('click');
    }
  }

  type MenuTemplate = { label?: string; role?: string; type?: string; accelerator?: string; click?: () => void; submenu?: MenuTemplate }[];
  const Menu = {
    buildFromTemplate: (items: MenuTemplate) => ({ items }),
    setApplicationMenu(m: { items: MenuTemplate } | null) {
      state.applicationMenu = m ?? undefined;
    },
  };

  class DoubleTray extends EventEmitter {
    static instances: DoubleTray[] = [];
    image: { dataUrl: string };
    tooltip = '';
    title = '';
    menu: { items: MenuTemplate } | undefined;
    destroyed = false;
    constructor(image: { dataUrl: string }) {
      super();
      this.image = image;
      DoubleTray.instances.push(this);
    }
    setImage(i: { dataUrl: string }) {
      this.image = i;
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setTitle(t: string) {
      this.title = t;
    }
    setContextMenu(m: { items: MenuTemplate }) {
      this.menu = m;
    }
    destroy() {
      this.destroyed = true;
    }
    /** Helper: click the context-menu item with this label. */
    clickItem(label: string) {
      const item = this.menu?.items.find((i) => i.label === label);
      if (!item?.click) throw new Error(`The tray menu has no item "${label}" (has: ${this.menu?.items.map((i) => i.label).filter(Boolean).join(', ')})`);
      item.click();
    }
  }

  const nativeImage = { createFromDataURL: (dataUrl: string) => ({ dataUrl, toDataURL: () => dataUrl }) };
  const powerMonitor = new EventEmitter();
  const shell = {
    openExternal(url: string) {
      state.openedExternally.push(url);
      return Promise.resolve();
    },
  };
  const storage = { available: opts.safeStorage?.available ?? true, backend: opts.safeStorage?.backend ?? 'gnome_libsecret' };
  const safeStorage = {
    isEncryptionAvailable: () => storage.available,
    getSelectedStorageBackend: () => storage.backend,
    encryptString: (s: string) => Buffer.from(`double-sealed:${s}`).reverse(),
    decryptString: (b: Buffer) => {
      const text = Buffer.from(b).reverse().toString();
      if (!text.startsWith('double-sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
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
    mainWindow(): DoubleBrowserWindow | undefined {
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
