import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium, startServe, type ServeProcess } from './support';

// The service report against serve with the demo platform, in real Chromium: built for the quarter
// to date, its figures, a CSV download, and a future quarter refused with the reason.
describe('service report (serve + demo platform, real Chromium)', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-report-e2e-'));
    serve = await startServe(['--db', path.join(dir, 'lookout.db'), '--demo']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds this quarter’s report with every service group, and downloads its CSV', async () => {
    await page.goto(serve.url);
    await expect.poll(() => page.locator('[data-monitor-id] svg.strip').count(), { timeout: 70_000 }).toBe(4);
    await page.goto(`${serve.url.split('#')[0]}#/report`);
    await page.getByRole('button', { name: 'Build report' }).click();
    const report = page.getByRole('article', { name: /^Service report Q[1-4] \d{4} \(UTC\)$/ });
    await expect.poll(() => report.count(), { timeout: 20_000 }).toBe(1);
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/The period is not over: figures are to date/);
    expect(text).toMatch(/Live streaming/);
    expect(text).toMatch(/Task submissions/);
    await page.screenshot({ path: artifactPath('report-page.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'date,zone,group,monitor_id,monitor,target_percent,uptime_percent,measured_s,down_s,degraded_s,maintenance_s,console_offline_s,incidents_started,paused_s',
    );
    expect(csv.length).toBeGreaterThan(4);
    expect(errors).toEqual([]);
  }, 120_000);

  it('refuses a quarter that has not begun, saying so', async () => {
    await page.goto(`${serve.url.split('#')[0]}#/report`);
    const year = page.getByLabel('Year');
    await year.fill(String(new Date().getUTCFullYear() + 1));
    await page.getByRole('button', { name: 'Build report' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/starts in the future/);
    expect(errors).toEqual([]);
  });
});
