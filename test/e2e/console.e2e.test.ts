import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, artifactPath, launchChromium, startServe, type ServeProcess } from './support';

// The operator's console against serve with the demo platform: the dashboard, search, a monitor's
// detail page by keyboard, ranges and zoom, and both themes. Each test opens the page it starts
// on, so none relies on where another left the browser.
describe('operator console (serve + demo platform, real Chromium)', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-console-'));
    serve = await startServe(['--db', path.join(dir, 'lookout.db'), '--demo']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each test's own page errors, so a test fails for what it caused.
  afterEach(() => {
    expect(errors.splice(0).filter((e) => !/favicon/i.test(e))).toEqual([]);
  });

  const rows = () => page.locator('[data-monitor-id]');
  const base = () => serve.url.split('#')[0]!;
  async function dashboard(): Promise<void> {
    await page.goto(base());
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(4);
  }
  /** A demo monitor's page with its live latency chart drawn. */
  async function monitorPage(name: string): Promise<void> {
    const list = await apiCall<{ id: number; name: string }[]>(serve, 'monitors.list', {});
    const m = list.find((x) => x.name === name)!;
    await page.goto(`${base()}#/monitor/${m.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 2, name }).isVisible(), { timeout: 15_000 }).toBe(true);
  }

  it('renders every demo monitor with status, uptime and its 24 h strip, grouped by service', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(serve.url);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(4);
    // Probes ran: every row leaves "Pending" and gets a strip.
    await expect
      .poll(() => page.locator('[data-monitor-id] [data-status="pending"]').count(), { timeout: 30_000 })
      .toBe(0);
    await expect.poll(() => page.locator('[data-monitor-id] svg.strip').count(), { timeout: 70_000 }).toBe(4);
    const headings = await page.locator('.monitor-group__title').allTextContents();
    expect(headings.map((h) => h.replace(/\s*\(.*$/, '')).slice(0, 3)).toEqual([
      'Live streaming',
      'Task submissions',
      'Web',
    ]);
    expect(await page.getByRole('list', { name: 'Monitor status summary' }).textContent()).toMatch(
      /\d+ down.*\d+ degraded.*\d+ up.*\d+ in maintenance/,
    );
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    // Each service group's SLO: the platform promises 99% for live streaming and submissions.
    await expect
      .poll(() => page.getByRole('region', { name: 'Live streaming: service level' }).textContent(), {
        timeout: 15_000,
      })
      .toContain('Target 99%');
    await expect
      .poll(() => page.getByRole('region', { name: 'Task submissions: service level' }).textContent(), {
        timeout: 15_000,
      })
      .toMatch(/Budget left/i);
    await page.screenshot({ path: artifactPath('console-dashboard-light.png'), fullPage: true });
  });

  it('searches', async () => {
    await dashboard();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('stream');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('Live stream');
    await page.keyboard.press('Escape'); // clears the search
    await expect.poll(() => rows().count()).toBe(4);
  });

  it('moves with j / k and opens the selected monitor with Enter', async () => {
    await dashboard();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selected = page.locator('[data-monitor-id][aria-current="true"]');
    await expect.poll(() => selected.count()).toBe(1);
    const name = (await selected.locator('.monitor-row__name').textContent())!.trim();
    const id = await selected.getAttribute('data-monitor-id');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/monitor/${id}`);
    await expect.poll(() => page.getByRole('heading', { level: 2, name }).isVisible()).toBe(true);
    // The demo monitors are minutes old: the page opens on the range that holds their data (15 min), not 24 h.
    await expect
      .poll(() => page.getByRole('img', { name: /^Latency over the last 15 minutes/ }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Live', pressed: true }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Status timeline/ }).count()).toBe(1);
  });

  it('changes range and zooms by dragging across the chart', async () => {
    await monitorPage('Live stream');
    await page.getByRole('button', { name: '7 d' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/range=7d$/);
    await page.getByRole('button', { name: 'Live' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/range=live$/);
    await expect
      .poll(() => page.locator('.detail-chart path.recharts-curve').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('console-detail-light.png'), fullPage: true });

    const box = (await page.locator('.detail-chart .recharts-surface').first().boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.35, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
    await page.mouse.move(box.x + box.width * 0.95, y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/from=\d+&to=\d+$/);
    const [from, to] = (await page.evaluate(() => location.hash)).match(/\d+/g)!.slice(1).map(Number) as [
      number,
      number,
    ];
    expect(to - from).toBeLessThan(15 * 60_000);
    await expect.poll(() => page.getByRole('button', { name: 'Reset zoom' }).isVisible()).toBe(true);
  });

  it('follows a dark system theme, and shows the shortcuts on ?', async () => {
    await monitorPage('Live stream');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('button', { name: 'Live' }).click();
    await expect
      .poll(() => page.locator('.detail-chart path.recharts-curve').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('console-detail-dark.png'), fullPage: true });
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(4);
    await page.screenshot({ path: artifactPath('console-dashboard-dark.png'), fullPage: true });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(false);
  });

  it('shades a maintenance window on the chart and counts the monitor as in maintenance', async () => {
    // A window that started ten minutes ago, on the live-stream group, planned in UTC.
    const start = new Date(Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000).toISOString().slice(0, 16);
    await page.goto(`${serve.url.split('#')[0]}#/maintenance`);
    await page.getByRole('button', { name: 'Maintenance window' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Encoder swap');
    await page.getByLabel('Start (in the window’s zone)').fill(start);
    await page.getByLabel('Time zone').fill('UTC');
    await page.getByLabel('Duration (minutes)').fill('60');
    await page.getByLabel('Live streaming (group)').check();
    await page.getByRole('button', { name: 'Create window' }).click();
    await expect
      .poll(() => page.locator('[data-agenda="Encoder swap"][data-state="in_progress"]').count(), { timeout: 15_000 })
      .toBe(1);

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const stream = rows().filter({ hasText: 'Live stream' }).first();
    // The next probe of the stream is taken inside the window.
    await expect.poll(() => stream.textContent(), { timeout: 30_000 }).toContain('In maintenance');
    await stream.click();
    await page.getByRole('button', { name: '1 h', exact: true }).click();
    await expect.poll(() => page.locator('.maintenance-shade').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('console-detail-maintenance.png'), fullPage: true });
  });
});
