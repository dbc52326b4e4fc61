import { findChromium } from '../probes/page/playwright';

/**
 * HTML -> PDF. Serve mode prints through Chromium (playwright-core); the desktop shell passes its
 * own printer built on `webContents.printToPDF` (see CoreOptions.printPdf), so the same HTML prints
 * the same way in both.
 */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export class PdfUnavailable extends Error {}

export function createPlaywrightPrinter(opts: { executablePath?: string | null; timeoutMs?: number } = {}): PdfPrinter {
  return async (html) => {
    const executablePath = opts.executablePath === undefined ? findChromium() : opts.executablePath;
    if (!executablePath)
      throw new PdfUnavailable(
        'No Chromium or Chrome found to print the PDF: install one or set LOOKOUT_CHROMIUM to its path',
      );
    // Loaded on the first print: playwright-core alone is ~85 MB of RSS in a console that rarely prints.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      timeout: opts.timeoutMs ?? 30_000,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      // No network: the report is self-contained, and printing must not fetch anything.
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs ?? 30_000 });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
  };
}
