import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, screen, session } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCli, USAGE, type CliOptions } from './cli/args';
import { startCore, type Core } from './core/app';
import type { PowerInput } from './core/power/relay';
import { createKeyFileBox } from './core/secrets/key-file';
import { forwardEvents, registerIpc, type InvokeEventLike } from './ipc';
import { createElectronPageLoader } from './page-loader';
import { createSafeStorageBox } from './secrets';
import { wireDesktopAlerts } from './shell/alerts';
import { appMenuTemplate } from './shell/app-menu';
import { LINK_SCHEME, linkInArgv, parseDeepLink, routeForLink } from './shell/deep-link';
import { clearInstance, otherDatabaseMessage, readInstance, writeInstance } from './shell/instance';
import { createLoginItem } from './shell/login-item';
import { isOwnPage } from './shell/policy';
import { createMainWindow, hardenContents, hardenSession } from './shell/window';
import { createElectronPdfPrinter } from './shell/pdf-printer';
import { wireDesktopMetrics, type DesktopMetrics } from './shell/metrics';
import { loadBounds, trackBounds } from './shell/window-state';
import { createStatusTray, type StatusTray } from './tray';

declare const __LOOKOUT_VERSION__: string;

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const log = (line: string) => console.error(`lookout: ${line}`);

let core: (Core & { power: PowerInput }) | undefined;
let win: BrowserWindow | undefined;
let tray: StatusTray | undefined;
let metrics: DesktopMetrics | undefined;
let quitting = false;
/** Links that arrived before the core was up (a second launch or macOS open-url during start-up). */
const pendingLinks: string[] = [];

function trusted(event: InvokeEventLike): boolean {
  // Only our own top-level page, loaded from our own file: never an iframe or a navigated page.
  const frame = event.senderFrame;
  return (
    frame !== null &&
    win !== undefined &&
    !win.isDestroyed() &&
    frame === (win.webContents.mainFrame as unknown) &&
    isOwnPage(frame.url, rendererUrl)
  );
}

/** The window, recreated when it was closed while the console kept running in the tray. */
function ensureWindow(): BrowserWindow {
  if (!win || win.isDestroyed()) {
    const stateFile = path.join(app.getPath('userData'), 'window-state.json');
    win = createMainWindow({
      preload: path.join(here, 'preload.cjs'),
      rendererIndex,
      bounds: loadBounds(
        stateFile,
        screen.getAllDisplays().map((d) => d.workArea),
      ),
    });
    trackBounds(win, stateFile);
  }
  return win;
}

function bringToFront(): BrowserWindow {
  const w = ensureWindow();
  if (w.isMinimized()) w.restore();
  w.show();
  w.focus();
  return w;
}

/** Shows the window at a hash route (renderer/lib/route.ts), once the page has loaded. */
function openRoute(hash: string): void {
  const w = bringToFront();
  const go = () => void w.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
  if (w.webContents.isLoading()) w.webContents.once('did-finish-load', go);
  else go();
}

function handleLink(raw: string): void {
  const link = parseDeepLink(raw);
  if (!link) {
    log(
      `ignored a malformed link: ${JSON.stringify(raw.slice(0, 200))} (expected lookout://monitor/12, lookout://incident/7 or lookout://maintenance/3)`,
    );
    return;
  }
  if (!core) {
    pendingLinks.push(raw);
    return;
  }
  void routeForLink(link, core.dispatch).then(openRoute);
}

function onSecondInstance(argv: string[], data: unknown, dbPath: string): void {
  const wanted = (data as { dbPath?: unknown } | null)?.dbPath;
  if (typeof wanted === 'string' && path.resolve(wanted) !== dbPath) {
    // The second instance refuses too (shell/instance.ts); keep this window as it is.
    log(`refused a second launch for ${wanted}: this instance has ${dbPath} open`);
    return;
  }
  const link = linkInArgv(argv);
  if (link) handleLink(link);
  else if (core) bringToFront();
}

function databasePath(cli: CliOptions): string {
  return path.resolve(cli.review ?? cli.db ?? path.join(app.getPath('userData'), 'lookout.db'));
}

/** How this app is launched again (login item, protocol handler): packaged or `electron main.js`. */
function launchCommand(cli: CliOptions): string[] {
  const self = app.isPackaged
    ? [process.env.APPIMAGE ?? process.execPath]
    : [process.execPath, path.resolve(process.argv[1] ?? path.join(here, 'main.js'))];
  return cli.db ? [...self, '--db', path.resolve(cli.db)] : self;
}

async function boot(): Promise<void> {
  let cli: CliOptions;
  try {
    cli = parseCli(process.argv.slice(app.isPackaged ? 1 : 2));
  } catch (err) {
    console.error(`lookout: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    app.exit(2);
    return;
  }
  if (cli.help) {
    console.log(USAGE);
    app.exit(0);
    return;
  }
  const dbPath = databasePath(cli);
  const userData = app.getPath('userData');
  // Windows shows notifications only for an app with an AppUserModelID (the builder's appId).
  app.setAppUserModelId('dev.lookout.console');

  if (!app.requestSingleInstanceLock({ dbPath, link: cli.link ?? null })) {
    const running = readInstance(userData);
    if (running && running.dbPath !== dbPath) {
      const message = otherDatabaseMessage(running.dbPath, dbPath);
      console.error(`lookout: ${message}`);
      dialog.showErrorBox('Lookout is already running', message);
      app.exit(1);
      return;
    }
    // The running instance gets our argv (and link) in its second-instance event.
    app.quit();
    return;
  }
  mkdirSync(userData, { recursive: true });
  writeInstance(userData, { pid: process.pid, dbPath });
  // Registered before anything slow: a second launch during start-up must not be lost.
  app.on('second-instance', (_e, argv, _cwd, data) => onSecondInstance(argv, data, dbPath));
  app.on('open-url', (e, url) => {
    e.preventDefault();
    handleLink(url);
  });
  if (cli.link) pendingLinks.push(cli.link);
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  else
    app.setAsDefaultProtocolClient(LINK_SCHEME, process.execPath, [
      path.resolve(process.argv[1] ?? path.join(here, 'main.js')),
    ]);
  hardenContents(rendererUrl);

  await app.whenReady();
  hardenSession(session.defaultSession);
  const keyFile = createKeyFileBox(path.join(path.dirname(dbPath), 'secrets.key'));
  const secrets = createSafeStorageBox(keyFile);
  const loginItem = createLoginItem(app, launchCommand(cli));
  try {
    core = await startCore({
      dbPath,
      mode: 'electron',
      version: typeof __LOOKOUT_VERSION__ === 'string' ? __LOOKOUT_VERSION__ : app.getVersion(),
      readOnly: cli.review !== undefined,
      demo: cli.demo,
      log,
      pageLoader: createElectronPageLoader(),
      secrets: secrets.box,
      shell: { secretsNote: () => secrets.note, startAtLogin: loginItem, metricsUrl: () => metrics?.url() ?? null },
      // Reports print with this Electron's own Chromium, not a second browser (serve mode uses playwright-core).
      printPdf: createElectronPdfPrinter(),
      // `npm start` built better-sqlite3 for this Electron (native/sqlite-binding.ts); a packaged app's
      // own copy was rebuilt by electron-builder, so it needs none.
      ...(process.env.LOOKOUT_SQLITE_BINDING ? { nativeBinding: process.env.LOOKOUT_SQLITE_BINDING } : {}),
    });
  } catch (err) {
    dialog.showErrorBox('Lookout cannot open its database', err instanceof Error ? err.message : String(err));
    clearInstance(userData, process.pid);
    app.exit(1);
    return;
  }
  const c = core;
  metrics = wireDesktopMetrics(c, dbPath, log);
  registerIpc(ipcMain, c.dispatch, trusted);
  forwardEvents(c.bus, (channel, message) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, message);
  });
  ensureWindow();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        open: openRoute,
        shortcuts: () =>
          void bringToFront().webContents.executeJavaScript(
            `document.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }))`,
          ),
        quit: () => app.quit(),
      }),
    ),
  );
  tray = createStatusTray({
    show: () => void bringToFront(),
    pauseAll: async (paused) => {
      const r = await c.dispatch(paused ? 'monitors.pauseAll' : 'monitors.resumeAll', {});
      return r.ok ? (r.result as { pausedAll: boolean }).pausedAll : !paused;
    },
    snoozeAll: async (minutes) => {
      const list = await c.dispatch('monitors.list', {});
      if (!list.ok) return;
      for (const m of list.result as { id: number }[]) await c.dispatch('alerts.snooze', { monitorId: m.id, minutes });
    },
    quit: () => app.quit(),
  });
  wireDesktopAlerts(c, {
    open: openRoute,
    setTitle: (title) => {
      if (win && !win.isDestroyed()) win.setTitle(title);
    },
    tray,
  });
  // macOS: a click on the Dock icon brings the window back (recreated if it was closed to the tray).
  app.on('activate', () => void bringToFront());
  powerMonitor.on('suspend', () => c.power.suspend());
  powerMonitor.on('resume', () => c.power.resume());
  for (const link of pendingLinks.splice(0)) handleLink(link);
}

app.on('before-quit', (e) => {
  if (quitting || !core) return;
  e.preventDefault();
  quitting = true;
  // The writer's queue is flushed and the database closed (its -wal folded in) before the exit.
  void Promise.allSettled([metrics?.close()])
    .then(() => core?.close())
    .finally(() => {
      clearInstance(app.getPath('userData'), process.pid);
      tray?.destroy();
      app.quit();
    });
});
// With a tray the console keeps probing and alerting while its window is closed (it is an on-call
// tool); without one, closing the window quits.
app.on('window-all-closed', () => {
  if (!tray) app.quit();
});

/** Resolves once the shell is up (or has given up); the shell tests wait on it. */
export const booted: Promise<void> = boot();
