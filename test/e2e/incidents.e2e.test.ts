import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import { step } from './story';
import { apiCall as call, artifactPath, launchChromium, startServe, type ServeProcess } from './support';

describe('incidents: a fault on the platform opens one, the operator acknowledges it, recovery closes it', () => {
  let dir: string;
  let platform: Platform;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-incidents-'));
    platform = await startPlatform();
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    await call(serve, 'demo.decline', {});
    await call(serve, 'settings.update', { probing: { retryIntervalSec: 5 } });
    await call(serve, 'monitors.create', {
      name: 'Checkout API',
      intervalSec: 5,
      retries: 2,
      kind: 'http',
      config: { url: platform.urls.health },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const card = () => page.locator('[data-incident-id]').first();

  // One incident's life: each step needs the incident the previous one left, so they are steps of
  // one test, not tests of their own.
  it('an incident opens on a confirmed failure, is acknowledged with a note, shown on the chart and closed on recovery', async () => {
    await step('shows no incident while the platform is healthy', healthy);
    await step('opens an incident once the failure is confirmed', opens);
    await step('acknowledges it and adds a note from the page', acknowledges);
    await step('jumps to the monitor’s chart at that time, with the incident marked', jumpsToChart);
    await step('closes it when the platform recovers, keeping the acknowledgement and the note', closes);
    // The steps' own waits add up past one test's default timeout.
  }, 180_000);

  async function healthy() {
    await page.goto(`${serve.url}#/incidents`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Incidents' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => page.getByText('No incidents.').isVisible(), { timeout: 10_000 }).toBe(true);
  }

  async function opens() {
    platform.setFault('web', { status: 503 });
    await expect.poll(() => card().getAttribute('data-open'), { timeout: 30_000, interval: 250 }).toBe('true');
    await expect.poll(() => card().textContent()).toContain('Checkout API');
    expect(await card().textContent()).toContain('HTTP 503');
    expect(await page.locator('[data-incident-id]').count()).toBe(1);
  }

  async function acknowledges() {
    // The name is asked once, at the first acknowledgement, and remembered in Settings.
    await card().getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByLabel('Acknowledge as').fill('Dana');
    await page
      .getByRole('dialog', { name: 'Who is acknowledging?' })
      .getByRole('button', { name: /Acknowledge/ })
      .click();
    await expect.poll(() => card().locator('[data-acknowledged]').textContent()).toContain('by Dana');
    await card().getByLabel('Add a note').fill('503 from the health endpoint; paging the API team');
    await card().getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => card().textContent()).toContain('paging the API team');
    // Every fact stays in its own column: the first error names a URL with no place to break.
    const spills = await card()
      .locator('.facts > div')
      .evaluateAll((cells) =>
        cells.flatMap((c, i) => {
          const next = cells[i + 1];
          const a = c.getBoundingClientRect();
          const wide = c.querySelector('dd')!.scrollWidth > c.clientWidth + 1;
          const overlaps =
            next !== undefined &&
            next.getBoundingClientRect().top === a.top &&
            a.right > next.getBoundingClientRect().left;
          return wide || overlaps ? [c.textContent] : [];
        }),
      );
    expect(spills).toEqual([]);
    await page.screenshot({ path: artifactPath('incidents-open.png'), fullPage: true });
  }

  async function jumpsToChart() {
    await card().getByRole('button', { name: 'Show on chart' }).click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('#/monitor/');
    await expect.poll(() => page.locator('.incident-mark').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('incident-on-chart.png'), fullPage: true });
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await expect.poll(() => card().isVisible(), { timeout: 10_000 }).toBe(true);
  }

  async function closes() {
    platform.clearFaults();
    await expect.poll(() => card().getAttribute('data-open'), { timeout: 30_000, interval: 250 }).toBe('false');
    const text = await card().textContent();
    expect(text).toContain('Resolved');
    expect(text).toContain('by Dana');
    expect(text).toContain('paging the API team');
    expect(await page.locator('[data-incident-id]').count()).toBe(1);
    const page1 = await call<{ items: { endedAt: number | null; acknowledgedBy: string | null }[] }>(
      serve,
      'incidents.list',
      {},
    );
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({ acknowledgedBy: 'Dana' });
    expect(page1.items[0]!.endedAt).not.toBeNull();
  }
});
