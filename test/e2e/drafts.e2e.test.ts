import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium, startServe, type ServeProcess } from './support';

const POLL = { timeout: 15_000 };

/** A date about ten days ahead, as YYYY-MM-DD (UTC). */
function aheadDate(): string {
  return new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
}

describe('notice drafts from a maintenance window (serve mode, real Chromium)', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const day = aheadDate();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-drafts-'));
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'UTC' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.url).origin });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drafts the announcement from a window, shows the SMS segment count, and copies it', async () => {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Maintenance', exact: true }).click();
    await page.getByRole('button', { name: 'Maintenance window' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Database upgrade');
    await page.getByLabel('Start (in the window’s zone)').fill(`${day}T02:00`);
    await page.getByLabel('Time zone').fill('Africa/Johannesburg');
    await page.getByLabel('Duration (minutes)').fill('150');
    await page.getByLabel('Live streaming (group)').check();
    await page.getByRole('button', { name: 'Create window' }).click();

    const item = page.locator('[data-agenda="Database upgrade"]').first();
    await expect.poll(() => item.count(), POLL).toBe(1);
    await item.getByRole('button', { name: /Draft notice/ }).click();

    const preview = page.getByRole('region', { name: 'Email preview' });
    await expect
      .poll(() => preview.textContent(), POLL)
      .toContain('The platform will undergo scheduled maintenance on');
    expect(await preview.textContent()).toContain('between 02:00 and 04:30 SAST');

    await page.getByRole('tab', { name: 'SMS' }).click();
    const limits = page.getByRole('status', { name: 'sms limits' });
    await expect.poll(() => limits.textContent(), POLL).toMatch(/^GSM-7 · \d+ segments? · \d+ \/ \d+ septets/);
    await page.screenshot({ path: artifactPath('drafts-sms.png') });

    await page.getByRole('button', { name: 'Copy SMS' }).click();
    await expect.poll(() => page.getByText('Copied to the clipboard').count(), POLL).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const smsPreview = await page.getByRole('region', { name: 'SMS preview' }).textContent();
    expect(copied.length).toBeGreaterThan(20);
    expect(smsPreview).toContain(copied.slice(0, 20));
    expect(copied).toContain('scheduled maintenance');
  });
});
