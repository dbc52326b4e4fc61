import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import {
  badUrlRefusedAtTheField,
  downAndRecovered,
  homepageUpWithAChart,
  row as rowOf,
  startEmpty,
} from './skeleton-steps';
import { step } from './story';
import { launchChromium, startServe, type ServeProcess } from './support';

// One story, in order, as an operator lives it: first run, a typo, a monitor, an outage, a
// recovery, a restart. Each step relies on the state the previous one left, so they are steps of
// one test, not tests of their own.
describe('walking skeleton: UI → probe → SQLite → live chart (serve mode, real Chromium)', () => {
  let dir: string;
  let platform: Platform;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-'));
    platform = await startPlatform();
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (name: string) => rowOf(page, name);

  it('first run, a typo refused, a monitor up with a chart, an outage and recovery, a kill and restart, under the strict CSP', async () => {
    await step('offers the demo on first run and can start empty', async () => {
      await page.goto(serve.url);
      await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Lookout' }).isVisible()).toBe(true);
      await startEmpty(page);
    });
    await step('shows the contract’s error at the URL field for bad input', () => badUrlRefusedAtTheField(page));
    await step('adds a monitor that turns up and draws a latency chart', () =>
      homepageUpWithAChart(page, platform.urls.web),
    );
    await step('turns down when the platform fails, and recovers', () => downAndRecovered(page, platform, 'dashboard'));
    await step('keeps monitors and history after the process is killed and started again', keepsAfterKill);
    expect(cspViolations).toEqual([]);
    // The steps' own waits add up past one test's default timeout.
  }, 180_000);

  async function keepsAfterKill() {
    const before = await page.locator('[data-monitor-id]').count();
    // No clean shutdown: whatever the writer had flushed (every 250 ms) must survive.
    await serve.stop('SIGKILL');
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    await page.goto(serve.url);
    await expect.poll(() => page.locator('[data-monitor-id]').count(), { timeout: 10_000 }).toBe(before);
    // The first-run offer is not shown again to a workspace that has monitors.
    expect(await page.getByRole('heading', { name: 'Welcome to Lookout' }).count()).toBe(0);
    await row('Homepage').click();
    await page.getByRole('button', { name: 'Live' }).click();
    // History from before the restart is on the chart (the down spell included).
    await expect
      .poll(() => page.locator('.detail-chart path.recharts-curve').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.counts__item--down .counts__value').textContent(), { timeout: 10_000 })
      .not.toBe('0');
  }
});
