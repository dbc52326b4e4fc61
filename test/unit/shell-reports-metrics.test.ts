import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellInfo } from '../../shared/shell';
import { loadIdentity } from '../../electron/serve/token-store';
import { bootShell, tempDir, until, type BootedShell } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

// What the desktop shell adds around the core's reports and metrics: printing with Electron's own
// Chromium and a /metrics server of its own.
let t: ReturnType<typeof tempDir>;
let shell: BootedShell | undefined;

beforeEach(() => {
  t = tempDir();
});
afterEach(async () => {
  if (shell && !shell.e.state.quit) await shell.quit();
  shell = undefined;
  t.cleanup();
});

describe('the desktop shell prints reports with its own Chromium', () => {
  it('report.export as PDF goes through webContents.printToPDF in a script-less window that can load nothing but the report', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    await s.call('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9, timeoutMs: 1000 },
      intervalSec: 3600,
      retries: 1,
    });
    const now = Date.now();
    const before = s.e.BrowserWindow.all.length;
    const file = await s.call<{ filename: string; mimeType: string; encoding: string; content: string }>(
      'report.export',
      {
        query: { period: 'custom', from: now - 3_600_000, to: now - 60_000 },
        format: 'pdf',
      },
    );
    expect(file.mimeType).toBe('application/pdf');
    expect(file.filename).toMatch(/\.pdf$/);
    expect(Buffer.from(file.content, 'base64').subarray(0, 8).toString()).toBe('%PDF-1.7');

    const printWin = s.e.BrowserWindow.all.slice(before).find((w) => w.webContents.printed.length > 0);
    expect(printWin, 'a window printed the report').toBeDefined();
    const w = printWin!;
    expect(w.webContents.printed[0]).toMatchObject({ printBackground: true, pageSize: 'A4' });
    expect(w.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    // The print session refuses the network: a report that tried to fetch anything would be blocked.
    const ses = w.webContents.session;
    expect(ses.partition).toBe('lookout-print');
    let cancelled: boolean | undefined;
    ses.beforeRequestHook?.(
      { url: 'https://example.com/track.png' },
      (r: { cancel?: boolean }) => (cancelled = r.cancel),
    );
    expect(cancelled).toBe(true);
    // Nothing is left behind: the window is gone and so is the temporary copy of the HTML.
    expect(w.isDestroyed()).toBe(true);
    const printedFrom = w.webContents.mainFrame.url;
    expect(printedFrom).toMatch(/^file:.*report\.html$/);
    expect(existsSync(fileURLToPath(printedFrom))).toBe(false);
  });
});

describe('the desktop app serves its own /metrics when the operator turns it on', () => {
  it('starts a loopback /metrics behind the database token, shows where in Settings, and stops when turned off or on quit', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    expect((await s.call<ShellInfo>('shell.info')).metricsUrl).toBeNull();
    await s.call('monitors.create', {
      name: 'Checkout API',
      group: 'Task submissions',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9, timeoutMs: 1000 },
      intervalSec: 3600,
      retries: 1,
    });

    await s.call('settings.update', { metrics: { enabled: true } });
    const url = await until(
      'the metrics URL',
      async () => (await s.call<ShellInfo>('shell.info')).metricsUrl ?? undefined,
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const token = loadIdentity(s.dbPath).token;

    // Each request on a fresh connection (reset), so a refused connection shows as refused.
    const refused = await request(url, { reset: true });
    expect(refused.statusCode).toBe(401);
    await refused.body.dump();
    const ok = await request(url, { reset: true, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    const text = await ok.body.text();
    expect(text).toMatch(/lookout_probe_up\{[^}]*monitor="Checkout API"/);

    await s.call('settings.update', { metrics: { enabled: false } });
    await until('metrics to stop', async () => (await s.call<ShellInfo>('shell.info')).metricsUrl === null);
    await expect(request(url, { reset: true, headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(
      /ECONNREFUSED/,
    );

    // On again, then quit: the server goes with the app.
    await s.call('settings.update', { metrics: { enabled: true } });
    const again = await until(
      'the metrics URL again',
      async () => (await s.call<ShellInfo>('shell.info')).metricsUrl ?? undefined,
    );
    expect(again).toBe(url); // the same port: one scrape config keeps working
    await s.quit();
    await expect(request(again, { reset: true, headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
