// Part of the Electron test double (../electron-double.ts): `BrowserWindow` and its `webContents`.
import { pathToFileURL } from 'node:url';
import { cancellable, EventEmitter } from './emitter';
import type { DoubleSession } from './session';

/**
 * What a URL does when a window loads it (no page really loads): its HTTP status, what the page's
 * script reports when main runs JavaScript in it, a network error, or no answer at all.
 */
export interface PageBehaviour {
  status?: number;
  script?: unknown;
  /** Chromium's error text, e.g. `net::ERR_CONNECTION_REFUSED`: loadURL rejects with it. */
  error?: string;
  hangs?: boolean;
}
export type Pages = { respond: (url: string) => PageBehaviour };

export function createWindows(app: EventEmitter, defaultSession: DoubleSession, pages: Pages) {
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
      // The double's own event (Electron has none): lets tests wait on a message instead of polling.
      this.emit('double:sent', { channel, message });
    }
    script: unknown = undefined;
    readonly printed: Record<string, unknown>[] = [];
    /** Like Electron: resolves with the PDF's bytes; the double's are a PDF header naming the page it printed. */
    printToPDF(options: Record<string, unknown>): Promise<Buffer> {
      this.printed.push(options);
      return Promise.resolve(Buffer.from(`%PDF-1.7\n% printed by the Electron double from ${this.mainFrame.url}\n`));
    }
    executeJavaScript(code: string): Promise<unknown> {
      this.executed.push(code);
      // The double's own event, as for send(): tests wait on it instead of polling `executed`.
      this.emit('double:executed', code);
      return Promise.resolve(this.script);
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
    /** Like Chromium: the session's onBeforeRequest may cancel it, then the URL behaves as `pages` says. */
    loadURL(url: string): Promise<void> {
      let cancelled = false;
      this.session.beforeRequestHook?.({ url, resourceType: 'mainFrame' }, (r: { cancel?: boolean }) => {
        cancelled = r.cancel === true;
      });
      if (cancelled)
        return Promise.reject(
          Object.assign(new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`), { code: 'ERR_BLOCKED_BY_CLIENT' }),
        );
      const b = pages.respond(url);
      if (b.hangs) return new Promise<void>(() => undefined);
      if (b.error) return Promise.reject(new Error(`${b.error} loading '${url}'`));
      this.mainFrame.url = url;
      this.script = b.script;
      this.emit('did-navigate', cancellable(), url, b.status ?? 200);
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
      this.title = typeof options.title === 'string' ? options.title : '';
      this.bounds = {
        x: (options.x as number) ?? 100,
        y: (options.y as number) ?? 100,
        width: (options.width as number) ?? 800,
        height: (options.height as number) ?? 600,
      };
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
      if (DoubleBrowserWindow.getAllWindows().every((w) => w.options.webPreferences?.offscreen))
        app.emit('window-all-closed');
    }
  }
  return { DoubleWebContents, DoubleBrowserWindow };
}
