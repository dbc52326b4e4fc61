import { app, BrowserWindow, session, shell, type Session, type WebContents } from 'electron';
import { PROBE_PARTITION } from '../page-loader';
import { isOwnPage, RENDERER_CSP } from './policy';
import type { WindowBounds } from './window-state';

export function createMainWindow(opts: {
  preload: string;
  rendererIndex: string;
  bounds: WindowBounds | undefined;
}): BrowserWindow {
  const b = opts.bounds;
  const w = new BrowserWindow({
    width: b?.width ?? 1280,
    height: b?.height ?? 820,
    ...(b?.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: 'Lookout',
    show: false,
    // Written out here, not spread from a constant, so the security scan (npm run security:electron) sees them.
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would otherwise open a link as a new window past the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (b?.maximized) w.maximize();
  w.once('ready-to-show', () => w.show());
  void w.loadFile(opts.rendererIndex);
  return w;
}

/**
 * Every web contents the app creates: no navigation away from our page (a reload of the page itself,
 * after a restore or a database switch, is allowed), no redirects, no webviews, no new windows;
 * http(s) links go to the system browser. Probe pages (their own partition) may follow redirects.
 */
export function hardenContents(rendererUrl: string): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    const probe = contents.session === session.fromPartition(PROBE_PARTITION, { cache: false });
    if (!probe) {
      contents.on('will-navigate', (e, url) => {
        if (!isOwnPage(url, rendererUrl)) e.preventDefault();
        if (!isOwnPage(url, rendererUrl) && /^https?:\/\//.test(url)) void shell.openExternal(url);
      });
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

/** The app's session: the CSP on every response, and no permission but notifications. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'notifications'));
  ses.setPermissionCheckHandler((_wc, permission) => permission === 'notifications');
  ses.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}
