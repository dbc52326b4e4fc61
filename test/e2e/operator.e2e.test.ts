import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall as call, artifactPath, launchChromium, startServe, type ServeProcess } from './support';

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

  const row = (name: string) => page.locator('.monitor-row[data-monitor-id]', { hasText: name }).first();

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

  it('mid-incident: `a` acknowledges the worst monitor’s incident as a name asked once; Pause all pauses every monitor', async () => {
    await page.goto(serve.url);
    const panel = page.getByRole('region', { name: 'Demo platform' });
    await panel.getByLabel('Submissions fail (HTTP 500)').check();
    await expect.poll(() => row('Task submission').textContent(), { timeout: 40_000, interval: 500 }).toMatch(/Down/);
    // Worst first across groups: the down monitor is the first row, so one `j` selects it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expect
      .poll(() => page.locator('.monitor-row[aria-current="true"]').textContent())
      .toContain('Task submission');
    await expect
      .poll(
        async () =>
          (await call<{ incidentId: number | null }[]>(serve, 'state.list', {})).some((s) => s.incidentId !== null),
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.keyboard.press('a');
    const prompt = page.getByRole('dialog', { name: 'Who is acknowledging?' });
    await prompt.getByLabel('Acknowledge as').fill('Dana');
    await prompt.getByRole('button', { name: /Acknowledge/ }).click();
    await expect
      .poll(() => page.getByText('Acknowledged the incident on Task submission as Dana.').isVisible())
      .toBe(true);
    const incidents = await call<{ items: { acknowledgedBy: string | null; endedAt: number | null }[] }>(
      serve,
      'incidents.list',
      {},
    );
    expect(incidents.items.find((i) => i.endedAt === null)?.acknowledgedBy).toBe('Dana');
    expect((await call<{ operator: { name: string } }>(serve, 'settings.get', {})).operator.name).toBe('Dana');

    await page.getByRole('button', { name: 'Pause all' }).click();
    await expect.poll(() => page.locator('.monitor-row [data-status="paused"]').count(), { timeout: 10_000 }).toBe(4);
    await page.screenshot({ path: artifactPath('operator-paused-all.png') });
    await page.getByRole('button', { name: 'Resume all' }).click();
    await expect.poll(() => page.locator('.monitor-row [data-status="paused"]').count(), { timeout: 10_000 }).toBe(0);
    await panel.getByRole('button', { name: 'Clear all faults' }).click();
  });

  it('Escape leaves the search box, so j moves the selection instead of typing', async () => {
    await page.goto(serve.url);
    await row('Live stream').waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('liv');
    await page.keyboard.press('Escape');
    const search = page.getByRole('searchbox', { name: 'Search monitors' });
    expect(await search.inputValue()).toBe('');
    await page.keyboard.press('j');
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => page.locator('[data-monitor-id][aria-current="true"]').count()).toBe(1);
  });

  it('in the dark theme the agenda’s state pill is readable, not a blank lozenge', async () => {
    await call(serve, 'settings.update', { theme: 'dark' });
    const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);
    await call(serve, 'windows.create', {
      window: { title: 'HLS packager upgrade', start, zone: 'UTC', durationMin: 60, groups: ['Live streaming'] },
      acknowledgeConflicts: true,
    });
    await page.goto(`${serve.url}#/maintenance`);
    const pill = page.locator('.mx-state').first();
    await pill.waitFor({ timeout: 10_000 });
    const ratio = await pill.evaluate((el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const cs = getComputedStyle(el);
      const [a, b] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x);
      return (a! + 0.05) / (b! + 0.05);
    });
    expect(ratio, 'contrast of the pill’s text on its background').toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: artifactPath('operator-agenda-dark.png') });
    await call(serve, 'settings.update', { theme: 'light' });
  });

  for (const size of [
    { width: 1400, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    describe(`at ${size.width}×${size.height}`, () => {
      it('the status strip never covers the 24 h uptime figure', async () => {
        await page.setViewportSize(size);
        await page.goto(serve.url);
        await expect
          .poll(() => page.locator('.monitor-row__uptime .uptime-cell').count(), { timeout: 15_000 })
          .toBeGreaterThan(0);
        const rows = page.locator('.monitor-row');
        for (let i = 0; i < (await rows.count()); i++) {
          const strip = await box(rows.nth(i).locator('.monitor-row__strip'));
          const day = await box(rows.nth(i).locator('.uptime-cell').first());
          expect(overlap(strip, day), `row ${i}: strip ${JSON.stringify(strip)} vs 24 h ${JSON.stringify(day)}`).toBe(
            false,
          );
        }
        await page.screenshot({ path: artifactPath(`operator-dashboard-${size.width}.png`) });
      });

      it('the monitor form has room: kind select not cut, submission steps inside their card, DNS names told apart', async () => {
        await page.setViewportSize(size);
        await page.goto(serve.url);
        await page.getByRole('button', { name: 'New monitor' }).click();
        const form = page.getByRole('region', { name: 'New monitor' });
        const kind = form.getByLabel('Kind', { exact: true });
        await kind.selectOption('http');
        expect(await fitsText(kind), 'the kind select shows its whole label').toBe(true);

        await kind.selectOption('submit');
        await form.getByRole('button', { name: 'Add step' }).click();
        const step = form.locator('.submit-step').first();
        await step.waitFor();
        const card = await box(step);
        for (const control of [
          step.getByLabel('Method'),
          step.getByLabel('Step timeout (ms)'),
          step.getByRole('button', { name: /Remove step/ }),
        ]) {
          const b = await box(control);
          expect(
            b.x >= card.x - 0.5 && b.x + b.width <= card.x + card.width + 0.5,
            `${await control.evaluate((e) => e.outerHTML.slice(0, 80))} inside ${JSON.stringify(card)}: ${JSON.stringify(b)}`,
          ).toBe(true);
        }
        await page.screenshot({ path: artifactPath(`operator-form-submit-${size.width}.png`), fullPage: true });

        await kind.selectOption('dns');
        await form.getByLabel('Host name to resolve').waitFor();
        expect(
          await form
            .locator('label')
            .filter({ hasText: /^Name$/ })
            .count(),
        ).toBe(1);
        await form.getByRole('button', { name: 'Cancel' }).click();
      });
    });
  }
});

type Box = { x: number; y: number; width: number; height: number };

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether a select is wide enough for its selected option's text (plus its arrow). */
function fitsText(select: Locator): Promise<boolean> {
  return select.evaluate((el) => {
    const s = el as HTMLSelectElement;
    const probe = document.createElement('span');
    const cs = getComputedStyle(s);
    probe.style.font = cs.font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = s.options[s.selectedIndex]!.text;
    document.body.append(probe);
    const need = probe.getBoundingClientRect().width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + 16;
    probe.remove();
    return s.getBoundingClientRect().width >= need;
  });
}
