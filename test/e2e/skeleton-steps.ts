import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Platform } from '../../electron/core/demo/platform';
import { artifactPath } from './support';

/**
 * The walking-skeleton story's steps, shared by both transports' end-to-end tests (serve's
 * WebSocket in walking-skeleton.e2e.test.ts, Electron's IPC in ipc.e2e.test.ts), so the same
 * operator story is proven the same way over each.
 */

// A dashboard row, not any button that mentions the name (alerts have "Dismiss: Homepage …").
export const row = (page: Page, name: string) => page.locator('button.monitor-row').filter({ hasText: name }).first();
const status = (page: Page, name: string) => row(page, name).locator('[data-status]').getAttribute('data-status');

export async function startEmpty(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start empty' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Lookout' }).count()).toBe(0);
}

/** A typo in the URL is refused with the contract's message at the field, and nothing is created. */
export async function badUrlRefusedAtTheField(page: Page): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill('Homepage');
  await page.getByLabel('URL', { exact: true }).fill('ftp://example.invalid/');
  await page.getByLabel('Interval (s)').fill('5');
  await page.getByRole('button', { name: 'Add monitor' }).click();
  const url = page.getByLabel('URL', { exact: true });
  await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
  const errorId = await url.getAttribute('aria-describedby');
  expect(errorId).toBeTruthy();
  const message = await page.locator(`[id="${errorId!.split(' ')[0]}"]`).textContent();
  expect(message).toContain('Must be an http:// or https:// URL');
  expect(await page.locator('[data-monitor-id]').count()).toBe(0);
}

/** The corrected monitor turns up, and its page draws a live latency line. */
export async function homepageUpWithAChart(page: Page, url: string): Promise<void> {
  await page.getByLabel('URL', { exact: true }).fill(url);
  await page.getByRole('button', { name: 'Add monitor' }).click();
  await expect.poll(() => row(page, 'Homepage').isVisible(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => status(page, 'Homepage'), { timeout: 15_000 }).toBe('up');
  await expect.poll(() => row(page, 'Homepage').textContent()).toContain('Up');
  await row(page, 'Homepage').click();
  await expect.poll(() => page.getByRole('heading', { name: 'Homepage', level: 2 }).isVisible()).toBe(true);
  // Live range (15 min): 1 s buckets streaming in, so the line has points to join within a few probes.
  await page.getByRole('button', { name: 'Live' }).click();
  await expect
    .poll(() => page.locator('.detail-chart path.recharts-curve').count(), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
}

/** The platform answers 503: the row turns down with the error, then up again once it is fixed. */
export async function downAndRecovered(page: Page, platform: Platform, shot: string): Promise<void> {
  platform.setFault('web', { status: 503 });
  await expect.poll(() => status(page, 'Homepage'), { timeout: 20_000, interval: 250 }).toBe('down');
  expect(await row(page, 'Homepage').textContent()).toContain('HTTP 503');
  await page.screenshot({ path: artifactPath(`${shot}-down.png`), fullPage: true });
  platform.clearFaults();
  await expect.poll(() => status(page, 'Homepage'), { timeout: 20_000, interval: 250 }).toBe('up');
  await page.screenshot({ path: artifactPath(`${shot}.png`), fullPage: true });
}
