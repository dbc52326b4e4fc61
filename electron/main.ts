import { app, BrowserWindow, ipcMain, Notification, powerMonitor, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCli, USAGE } from './cli/args';
import { startCore, type Core } from './core/app';
import { forwardEvents, registerIpc, type InvokeEventLike } from './ipc';
import { createKeyFileBox } from './core/secrets/key-file';
import { createElectronPageLoader, PROBE_PARTITION } from './page-loader';
import { createSafeStorageBox } from './secrets';
import { createStatusTray, type StatusTray } from './tray';

declare const __LOOKOUT_VERSION__: string;

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let core: Awaited<ReturnType<typeof startCore>> | undefined;
let win: BrowserWindow | undefined;

function trusted(event: InvokeEventLike): boolean {
  // Only our own top-level page, loaded from our own file: never an iframe or a navigated page.
  const frame = event.senderFrame;
  return frame !== null && win !== undefined && !win.isDestroyed() && frame === (win.webContents.mainFrame as unknown) && frame.url.split('#')[0] === rendererUrl;
}

function hardenContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    // Page probes load monitored sites, redirects included, in their own sandboxed partition;
    // they still never open windows or webviews.
    const probe = contents.session === session.fromPartition(PROBE_PARTITION, { cache: false });
    if (!probe) {
      contents.on('will-navigate', (e) => e.preventDefault());
      contents.on('will-redirect', (e) => e.preventDefault());
    }
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links the operator clicks (runbooks, status pages) open in the system browser, never in-app.
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Lookout',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  void w.loadFile(rendererIndex);
  return w;
}

/** The window, recreated when it was closed while the console kept running in the tray. */
function ensureWindow(): BrowserWindow {
  if (!win || win.isDestroyed()) win = createWindow();
  return win;
}

async function boot(): Promise<void> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(app.isPackaged ? 1 : 2));
  } catch (err) {
    console.error(`lookout: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    app.exit(2);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  hardenContents();
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'notifications'));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });

  const dbPath = path.resolve(cli.review ?? cli.db ?? path.join(app.getPath('userData'), 'lookout.db'));
  try {
    core = await startCore({
      dbPath,
      mode: 'electron',
      version: typeof __LOOKOUT_VERSION__ === 'string' ? __LOOKOUT_VERSION__ : app.getVersion(),
      readOnly: cli.review !== undefined,
      demo: cli.demo,
      log: (line) => console.error(`lookout: ${line}`),
      pageLoader: createElectronPageLoader(),
      secrets: createSafeStorageBox(createKeyFileBox(path.join(path.dirname(dbPath), 'secrets.key'))),
      // `npm start` built better-sqlite3 for this Electron (native/sqlite-binding.ts); a packaged app's
      // own copy was rebuilt by electron-builder, so it needs none.
      ...(process.env.LOOKOUT_SQLITE_BINDING ? { nativeBinding: process.env.LOOKOUT_SQLITE_BINDING } : {}),
    });
  } catch (err) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Lookout cannot open its database', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, core.dispatch, trusted);
  forwardEvents(core.bus, (channel, message) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, message);
  });
  win = createWindow();
  wireAlerts(core);
  app.on('second-instance', () => {
    const w = ensureWindow();
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  });
}

/** OS notifications for the core's alerts, the down count in the window title, and sleep / wake. */
function wireAlerts(c: NonNullable<typeof core>): void {
  powerMonitor.on('suspend', () => c.power.suspend());
  powerMonitor.on('resume', () => c.power.resume());
  c.bus.on('alert', (a) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: a.title, body: a.body, silent: !a.sound });
    // The alert links to its incident (hash route, see renderer/lib/route.ts).
    n.on('click', () => {
      const w = ensureWindow();
      w.show();
      w.focus();
      const href = a.incidentId === null ? '#/incidents' : `#/incidents?id=${a.incidentId}`;
      void w.webContents.executeJavaScript(`location.hash = ${JSON.stringify(href)}`);
    });
    n.show();
  });
  const down = new Set<number>();
  tray = createStatusTray({ window: ensureWindow, quit: () => app.quit() });
  const title = () => {
    if (win && !win.isDestroyed()) win.setTitle(down.size > 0 ? `Lookout — ${down.size} down` : 'Lookout');
    tray?.setDown(down.size);
  };
  c.bus.on('state', (s) => {
    if (s.state === 'down') down.add(s.monitorId);
    else down.delete(s.monitorId);
    title();
  });
  // Monitors still down from before a restart have no new state event.
  void c.dispatch('state.list', {}).then((r) => {
    if (!r.ok) return;
    for (const s of r.result as { monitorId: number; state: string }[]) if (s.state === 'down') down.add(s.monitorId);
    title();
  });
}

let tray: StatusTray | undefined;
let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !core) return;
  e.preventDefault();
  quitting = true;
  void core.close().finally(() => app.quit());
});
// With a tray the console keeps probing and alerting while its window is closed (it is an on-call
// tool); without one, closing the window quits.
app.on('window-all-closed', () => {
  if (!tray) app.quit();
});

void boot();
