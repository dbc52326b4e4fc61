import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchChromium, startServe, type ServeProcess } from './support';

/** The machine is shared: give the UI time rather than fail on a slow tick. */
const POLL = { timeout: 15_000 };

/** Next Sunday (UTC) at least two days ahead, as YYYY-MM-DD. */
function nextSunday(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

describe('maintenance windows in the UI (serve mode, real Chromium)', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const sunday = nextSunday();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-mx-'));
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, timezoneId: 'UTC' });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function schedule(start: string, durationMin: string) {
    await page.getByLabel('Start (in the window’s zone)').fill(start);
    await page.getByLabel('Time zone').fill('UTC');
    await page.getByLabel('Duration (minutes)').fill(durationMin);
    await page.getByLabel('Repeats').selectOption('weekly');
  }

  /** The Maintenance page, reached from the nav as an operator would, with its heading shown. */
  async function maintenancePage() {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Maintenance', exact: true }).click();
    await page.getByRole('button', { name: 'Maintenance window' }).waitFor(POLL);
  }

  it('declares a weekly live-stream peak event', async () => {
    await maintenancePage();
    await page.getByRole('button', { name: 'Peak events' }).click();
    await page.getByLabel('Peak event', { exact: true }).fill('Season finale');
    await page.getByLabel('Kind', { exact: true }).selectOption('live_stream');
    await schedule(`${sunday}T20:00`, '90');
    await page.getByRole('button', { name: 'Add peak event' }).click();
    await expect.poll(() => page.locator('[data-peak-event="Season finale"]').count(), POLL).toBe(1);
  });

  it('warns about the conflict before saving a weekly window, saves it anyway, and shows it on the calendar', async () => {
    // Its own peak event to conflict with (another test declares one through the form).
    await apiCall(serve, 'peaks.create', {
      peak: { title: 'Cup final', kind: 'live_stream', start: `${sunday}T20:00`, zone: 'UTC', durationMin: 90 },
    });
    await maintenancePage();
    await page.getByRole('button', { name: 'Maintenance window' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Weekly patch');
    await schedule(`${sunday}T19:30`, '120');
    // The form shows where the next occurrences fall, and the DST rule.
    await expect
      .poll(() => page.getByRole('region', { name: 'Next occurrences' }).textContent(), POLL)
      .toContain(`${sunday} 19:30 UTC`);
    await page.getByLabel('Web (group)').check();
    await page.getByRole('button', { name: 'Create window' }).click();

    const conflicts = page.getByRole('alert', { name: 'Conflicts' });
    await expect.poll(() => conflicts.textContent(), POLL).toContain('Peak event “Cup final”');
    // Nothing saved yet.
    expect(await page.locator('[data-agenda="Weekly patch"]').count()).toBe(0);

    await conflicts.getByRole('button', { name: 'Save anyway' }).click();
    await expect.poll(() => page.locator('[data-agenda="Weekly patch"]').count(), POLL).toBeGreaterThan(0);
    // The week view moves to the window's first week: the occurrence and the peak share the Sunday.
    const day = page.locator(`[data-day="${new Date(`${sunday}T12:00:00Z`).toDateString()}"]`);
    await expect.poll(() => day.locator('[data-occurrence="Weekly patch"]').count(), POLL).toBe(1);
    expect(await day.locator('[data-peak="Cup final"]').count()).toBe(1);
    // Month view shows it too, on the same day, with the later Sundays of the grid.
    await page.getByRole('button', { name: 'Month' }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('grid', { name: 'Month calendar' })
            .locator(`[data-day="${new Date(`${sunday}T12:00:00Z`).toDateString()}"] [data-occurrence="Weekly patch"]`)
            .count(),
        POLL,
      )
      .toBe(1);
    // The month's occurrences may arrive after the week's: wait until every one shown is on a Sunday.
    const onSundays = async () => {
      const sundays = await page.locator('[role="gridcell"]:nth-child(7n) [data-occurrence="Weekly patch"]').count();
      const all = await page.locator('[data-occurrence="Weekly patch"]').count();
      return sundays >= 1 && all === sundays;
    };
    await expect.poll(onSundays, POLL).toBe(true);
  });

  it('shows the contract’s error at the field for a zero duration', async () => {
    await maintenancePage();
    await page.getByRole('button', { name: 'Maintenance window' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Broken');
    await page.getByLabel('Duration (minutes)').fill('0');
    await page.getByRole('button', { name: 'Create window' }).click();
    const duration = page.getByLabel('Duration (minutes)');
    await expect.poll(() => duration.getAttribute('aria-invalid'), POLL).toBe('true');
    const errorId = (await duration.getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('Duration must be at least 1 minute');
  });
});
