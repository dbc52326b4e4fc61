import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPrinter } from '../core/report/pdf';

/** In-memory partition of its own: a printed report shares nothing with the app or probe pages. */
export const PRINT_PARTITION = 'lookout-print';

/**
 * The desktop shell's report printer: the same self-contained HTML serve mode prints through
 * playwright-core, printed by Electron's own Chromium (`webContents.printToPDF`). The HTML goes
 * through a temporary file, not a data: URL (Chromium caps URLs at 2 MB; a quarter's report for
 * hundreds of monitors is larger). The page runs no script and may load nothing but that file and
 * inline data: images, so printing never reaches the network.
 */
export function createElectronPdfPrinter(opts: { timeoutMs?: number } = {}): PdfPrinter {
  let configured = false;
  let allowed = new Set<string>();
  const printSession = () => {
    const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
    if (!configured) {
      configured = true;
      ses.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
      ses.setPermissionCheckHandler(() => false);
      ses.webRequest.onBeforeRequest((details, cb) =>
        cb({ cancel: !(allowed.has(details.url) || details.url.startsWith('data:')) }),
      );
    }
    return ses;
  };

  return async (html) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lookout-print-'));
    const file = path.join(dir, 'report.html');
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        session: printSession(),
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await writeFile(file, html, { mode: 0o600 });
      const url = pathToFileURL(file).href;
      allowed = new Set([url]);
      const timeoutMs = opts.timeoutMs ?? 30_000;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Printing the report took longer than ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
      });
      await Promise.race([win.loadURL(url), timeout]);
      const pdf = await Promise.race([
        win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true }),
        timeout,
      ]);
      return new Uint8Array(pdf);
    } finally {
      clearTimeout(timer);
      allowed = new Set();
      if (!win.isDestroyed()) win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
