import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium, startServe, type ServeProcess } from './support';

/**
 * What a first-time operator does (issue 18): the demo workspace in serve mode, real Chromium,
 * at the two window sizes the issue was seen at.
 */
describe('operator: demo workspace in a real browser', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-operator-'));
    serve = await startServe(['--db', path.join(dir, 'lookout.db'), '--demo']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (name: string) => page.locator('[data-monitor-id]', { hasText: name }).first();

  it('breaks the demo platform from its panel: submissions failing turn the submission monitor down', async () => {
    await page.goto(serve.url);
    const panel = page.getByRole('region', { name: 'Demo platform' });
    await expect.poll(() => panel.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => row('Task submission').textContent(), { timeout: 30_000 }).toMatch(/Up/);
    await panel.getByLabel('Submissions fail (HTTP 500)').check();
    await expect.poll(() => panel.getByLabel('Submissions fail (HTTP 500)').isChecked()).toBe(true);
    await expect.poll(() => row('Task submission').textContent(), { timeout: 40_000, interval: 500 }).toMatch(/Down/);
    await page.screenshot({ path: artifactPath('operator-demo-fault.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Clear all faults' }).click();
    await expect.poll(() => panel.getByLabel('Submissions fail (HTTP 500)').isChecked()).toBe(false);
    await expect.poll(() => row('Task submission').textContent(), { timeout: 40_000, interval: 500 }).toMatch(/Up/);
  });
});
