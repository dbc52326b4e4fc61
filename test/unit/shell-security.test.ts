import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/api';
import { SHORTCUTS } from '../../shared/shortcuts';
import { RENDERER_CSP } from '../../electron/shell/policy';
import { bootShell, tempDir, type BootedShell } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

const rendererUrl = pathToFileURL(path.resolve('renderer/index.html')).href;
let t: ReturnType<typeof tempDir>;
let shell: BootedShell;

beforeEach(async () => {
  t = tempDir();
  shell = await bootShell(t.dir);
});
afterEach(async () => {
  await shell.quit();
  t.cleanup();
});

describe('the desktop shell, booted on the Electron double with the real core', () => {
  it('opens one window on our page with context isolation, the sandbox and no Node', () => {
    const w = shell.e.mainWindow()!;
    expect(w.loadedFile).toBe(path.resolve('renderer/index.html'));
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(w.options.webPreferences!.preload)).toMatch(/preload\.cjs$/);
  });

  it('puts the strict CSP on every response, replacing whatever the response carried', () => {
    const page = shell.e.session.defaultSession.respond(rendererUrl, {
      'content-security-policy': ["script-src 'unsafe-inline'"],
    });
    expect(page['Content-Security-Policy']).toEqual([RENDERER_CSP]);
    const asset = shell.e.session.defaultSession.respond(pathToFileURL(path.resolve('dist/renderer/assets/x.js')).href);
    expect(asset['Content-Security-Policy']).toEqual([RENDERER_CSP]);
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)|ws:/);
  });

  it("index.html's own meta tag is exactly that CSP, so a file:// page without the header is as strict", () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    // Prettier wraps the tag over several lines: attributes are separated by any whitespace.
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a meta tag (header only), so the tag leaves it out.
    expect(meta).toBe(RENDERER_CSP.replace("; frame-ancestors 'none'", ''));
  });

  it('grants the page no permission but notifications', () => {
    const ses = shell.e.session.defaultSession;
    expect(ses.requestPermission('notifications')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal'])
      expect(ses.requestPermission(p)).toBe(false);
  });

  it('blocks navigation away, window.open and webviews; http(s) links go to the system browser', () => {
    const wc = shell.e.mainWindow()!.webContents;
    expect(wc.navigate('https://evil.example/phish')).toBe(false);
    expect(wc.navigate('file:///etc/passwd')).toBe(false);
    expect(wc.openWindow('https://status.example.com/runbook')).toBe(false);
    expect(wc.openWindow('file:///etc/passwd')).toBe(false);
    expect(wc.openWindow('javascript:alert(1)')).toBe(false);
    expect(wc.attachWebview('https://evil.example/')).toBe(false);
    expect(shell.e.state.openedExternally).toEqual([
      'https://evil.example/phish',
      'https://status.example.com/runbook',
    ]);
    expect(wc.getURL()).toBe(rendererUrl);
  });

  it('lets the page reload itself (after a restore or a database switch) and change its own route', () => {
    const wc = shell.e.mainWindow()!.webContents;
    expect(wc.navigate(rendererUrl)).toBe(true);
    expect(wc.navigate(`${rendererUrl}#/data`)).toBe(true);
    expect(shell.e.state.openedExternally).toEqual([]);
  });

  it('lets page probes follow redirects in their own partition, but never open windows', () => {
    const probe = new shell.e.BrowserWindow({
      show: false,
      webPreferences: { offscreen: true, session: shell.e.session.fromPartition('lookout-probe', { cache: false }) },
    });
    expect(probe.webContents.navigate('https://monitored.example/login')).toBe(true);
    expect(probe.webContents.openWindow('https://monitored.example/popup')).toBe(false);
    probe.destroy();
  });

  it('registers every contract method on ipcMain, and nothing else', () => {
    expect(shell.e.ipcMain.channels().sort()).toEqual(METHOD_NAMES.map((m) => `lookout:${m}`).sort());
  });

  it('answers our own top frame and refuses a null, foreign or navigated-away sender', async () => {
    const ok = (await shell.e.ipcMain.invoke('lookout:app.info', shell.frame(), {})) as {
      ok: boolean;
      result: { mode: string; dbPath: string };
    };
    expect(ok).toMatchObject({ ok: true, result: { mode: 'electron', dbPath: shell.dbPath } });
    for (const sender of [null, { url: rendererUrl, name: 'iframe' }]) {
      const r = (await shell.e.ipcMain.invoke('lookout:monitors.delete', sender, { id: 1 })) as {
        ok: boolean;
        error: { code: string };
      };
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const frame = shell.frame() as { url: string };
    frame.url = 'https://evil.example/';
    const r = (await shell.e.ipcMain.invoke('lookout:app.info', frame, {})) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(r.error.message).toContain('app.info');
    frame.url = rendererUrl;
  });

  it("validates input with the contract's schema before the core sees it", async () => {
    const r = (await shell.e.ipcMain.invoke('lookout:monitors.create', shell.frame(), {
      name: '',
      kind: 'tcp',
      config: {},
    })) as {
      ok: boolean;
      error: { code: string; issues: { path: string }[] };
    };
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.error.issues.map((i) => i.path)).toContain('name');
    expect(await shell.call<unknown[]>('monitors.list')).toEqual([]);
  });

  it('forwards core events to the window on one channel', async () => {
    const m = await shell.call<{ id: number }>('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9 },
      intervalSec: 3600,
    });
    const sent = shell.e.mainWindow()!.webContents.sent;
    expect(sent).toContainEqual({
      channel: 'lookout:event',
      message: { event: 'monitors', payload: { reason: 'created', id: m.id } },
    });
    expect(new Set(sent.map((s) => s.channel))).toEqual(new Set(['lookout:event']));
  });

  it('sets the AppUserModelID (Windows notifications), registers lookout:// and an application menu with shortcuts', () => {
    expect(shell.e.state.appUserModelId).toBe('dev.lookout.console');
    expect(shell.e.state.protocolClients.map((p) => p.scheme)).toEqual(['lookout']);
    const items = shell.e.state.applicationMenu!.items.flatMap((i) => i.submenu ?? []);
    const acc = Object.fromEntries(items.filter((i) => i.label).map((i) => [i.label, i.accelerator]));
    expect(acc).toMatchObject({
      Dashboard: 'CmdOrCtrl+1',
      Incidents: 'CmdOrCtrl+2',
      Maintenance: 'CmdOrCtrl+3',
      'Settings…': 'CmdOrCtrl+,',
      'Keyboard shortcuts (?)': 'F1',
      'Quit Lookout': 'CmdOrCtrl+Q',
    });
    const help = shell.e.state.applicationMenu!.items.find((i) => i.label === '&Help')!.submenu!;
    for (const k of SHORTCUTS) expect(help.map((i) => i.label)).toContain(`${k.keys}    ${k.what}`);
    items.find((i) => i.label === 'Incidents')!.click!();
    expect(shell.e.mainWindow()!.webContents.executed.at(-1)).toBe('location.hash = "#/incidents"');
  });
});
