import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootShell, tempDir, type BootedShell } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

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
    await s.call('monitors.create', { name: 'api', kind: 'tcp', config: { host: '127.0.0.1', port: 9, timeoutMs: 1000 }, intervalSec: 3600, retries: 1 });
    const now = Date.now();
    const before = s.e.BrowserWindow.all.length;
    const file = await s.call<{ filename: string; mimeType: string; encoding: string; content: string }>('report.export', {
      query: { period: 'custom', from: now - 3_600_000, to: now - 60_000 },
      format: 'pdf',
    });
    expect(file.mimeType).toBe('application/pdf');
    expect(file.filename).toMatch(/\.pdf$/);
    expect(Buffer.from(file.content, 'base64').subarray(0, 8).toString()).toBe('%PDF-1.7');

    const printWin = s.e.BrowserWindow.all.slice(before).find((w) => w.webContents.printed.length > 0);
    expect(printWin, 'a window printed the report').toBeDefined();
    const w = printWin!;
    expect(w.webContents.printed[0]).toMatchObject({ printBackground: true, pageSize: 'A4' });
    expect(w.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    // The print session refuses the network: a report that tried to fetch anything would be blocked.
    const ses = w.webContents.session;
    expect(ses.partition).toBe('lookout-print');
    let cancelled: boolean | undefined;
    ses.beforeRequestHook?.({ url: 'https://example.com/track.png' }, (r: { cancel?: boolean }) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
    // Nothing is left behind: the window is gone and so is the temporary copy of the HTML.
    expect(w.isDestroyed()).toBe(true);
    const printedFrom = w.webContents.mainFrame.url;
    expect(printedFrom).toMatch(/^file:.*report\.html$/);
    expect(existsSync(fileURLToPath(printedFrom))).toBe(false);
  });
});
