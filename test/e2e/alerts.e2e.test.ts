import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import { startReceiver, startSmtp, type TestReceiver, type TestSmtp } from '../support/alert-servers';
import { step } from './story';
import { apiCall as call, artifactPath, launchChromium, startServe, type ServeProcess } from './support';

/**
 * Alerts that reach people, end to end: an email channel added in Settings (its "Send test" answered
 * by a loopback SMTP server), a fault on the platform takes two monitors down, the emails arrive,
 * the Alerts page shows the deliveries, and acknowledging one incident stops its escalation while
 * the other one escalates to the webhook tier.
 */
describe('alerts: email on a real outage, the alert log, escalation stopped by acknowledging', () => {
  let dir: string;
  let platform: Platform;
  let smtp: TestSmtp;
  let hook: TestReceiver;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let monitorA: number;
  let monitorB: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-alerts-'));
    platform = await startPlatform();
    smtp = await startSmtp();
    hook = await startReceiver();
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    await call(serve, 'demo.decline', {});
    await call(serve, 'settings.update', { probing: { retryIntervalSec: 5 }, connectivity: { enabled: false } });
    monitorA = (
      await call<{ id: number }>(serve, 'monitors.create', {
        name: 'Checkout API',
        intervalSec: 5,
        retries: 2,
        kind: 'http',
        config: { url: platform.urls.health },
      })
    ).id;
    monitorB = (
      await call<{ id: number }>(serve, 'monitors.create', {
        name: 'Submissions API',
        intervalSec: 5,
        retries: 2,
        kind: 'http',
        config: { url: platform.urls.health },
      })
    ).id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await platform?.close();
    await smtp?.close();
    await hook?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // One outage from channel to recovery: each step needs what the previous one left (the channel,
  // the incidents, the deliveries), so they are steps of one test, not tests of their own.
  it('an outage is emailed, logged, escalated unless acknowledged, and its recovery emailed', async () => {
    await step(
      'Settings: an email channel is added, and Send test shows the SMTP server’s answer',
      settingsAnEmailChannel,
    );
    await step('a fault takes both monitors down; the down emails arrive at the SMTP server', aFaultTakesBoth);
    await step('the Alerts page shows each delivery with the server’s answer', theAlertsPageShows);
    await step(
      'acknowledging one incident stops its escalation; the other escalates to the next tier',
      acknowledgingOneIncidentStops,
    );
    await step(
      'recovery: "recovered" replaces "down" in the notification area and is emailed',
      recoveryRecoveredReplacesDown,
    );
    // The steps' own waits add up past one test's default timeout.
  }, 300_000);

  async function settingsAnEmailChannel() {
    await page.goto(`${serve.url}#/settings`);
    await page.getByRole('button', { name: 'Add a channel' }).click();
    const form = page.getByRole('form', { name: 'New alert channel' });
    await form.getByLabel('Name', { exact: true }).fill('On-call email');
    await form.getByLabel('SMTP host').fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await form.getByLabel('Security').selectOption('none');
    await form.getByLabel('From', { exact: true }).fill('lookout@example.test');
    await form.getByLabel('Recipients').fill('oncall@example.test\nlead@example.test');
    await form.getByRole('button', { name: 'Send test' }).click();
    await expect
      .poll(() => page.getByTestId('channel-test-result').textContent(), { timeout: 15_000 })
      .toMatch(/^Delivered: 250 .*queued as M1/);
    const [test] = await smtp.waitFor(1);
    expect(test?.parsed.subject).toBe('[Lookout] Test message from Lookout');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await expect
      .poll(() => page.locator('.channel-list').textContent(), { timeout: 10_000 })
      .toContain('On-call email');
    await page.screenshot({ path: artifactPath('alerts-channel.png'), fullPage: true });
  }

  async function aFaultTakesBoth() {
    const channels = await call<{ id: number; name: string }[]>(serve, 'channels.list', {});
    const email = channels.find((c) => c.name === 'On-call email')!;
    const pager = await call<{ id: number }>(serve, 'channels.create', {
      kind: 'webhook',
      name: 'Pager webhook',
      config: { url: `${hook.url}/page`, signingSecret: 'e2e' },
    });
    await call(serve, 'alerts.setRules', {
      routes: [
        {
          name: 'On-call',
          kinds: ['down', 'recovered'],
          channelIds: [email.id],
          escalation: [{ afterMinutes: 1, channelIds: [pager.id] }],
        },
      ],
    });
    platform.setFault('web', { status: 503 });
    const mails = await smtp.waitFor(3, 45_000);
    const down = mails
      .slice(1)
      .map((m) => m.parsed.subject)
      .sort();
    expect(down).toEqual(['[Lookout] Checkout API is down', '[Lookout] Submissions API is down']);
    expect(mails[1]?.envelope.to).toEqual(['oncall@example.test', 'lead@example.test']);
    expect(mails[1]?.parsed.text).toContain('First error: ');
  }

  async function theAlertsPageShows() {
    await page.goto(`${serve.url}#/alerts`);
    const delivered = page.locator(
      '[role="row"][data-channel="On-call email"][data-status="delivered"][data-kind="down"]',
    );
    await expect.poll(() => delivered.count(), { timeout: 15_000 }).toBe(2);
    expect(await delivered.first().textContent()).toMatch(/250 .*queued as M/);
    // The notification area: one line per monitor, above the page, not over it.
    await expect
      .poll(() => page.locator('.notifs .notif[data-alert-kind="down"]').count(), { timeout: 10_000 })
      .toBe(2);
    await page.screenshot({ path: artifactPath('alerts-page.png'), fullPage: true });
  }

  async function acknowledgingOneIncidentStops() {
    const consoleRow = page
      .locator(`[role="row"][data-channel="This console"][data-kind="down"]`)
      .filter({ hasText: 'Checkout API' });
    await consoleRow.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByLabel('Acknowledge as').fill('Dana');
    await page
      .getByRole('dialog', { name: 'Who is acknowledging?' })
      .getByRole('button', { name: /Acknowledge/ })
      .click();
    await expect
      .poll(
        async () =>
          (
            await call<{ items: { monitorId: number; acknowledgedBy: string | null }[] }>(serve, 'incidents.list', {})
          ).items.find((i) => i.monitorId === monitorA)?.acknowledgedBy,
        { timeout: 10_000 },
      )
      .toBe('Dana');
    // The escalation is due a minute after the down alert.
    const [escalated] = await hook.waitFor(1, 80_000);
    const body = JSON.parse(escalated!.body) as { kind: string; tier: number; monitor: { id: number } };
    expect(body).toMatchObject({ kind: 'escalation', tier: 1, monitor: { id: monitorB } });
    await new Promise((r) => setTimeout(r, 6000));
    expect(hook.requests).toHaveLength(1);
    await page.reload();
    await expect
      .poll(
        () =>
          page
            .locator('[role="row"][data-channel="Pager webhook"][data-kind="escalation"][data-status="delivered"]')
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    // After a reload the notification area is read from the log: the acknowledged incident says by whom.
    await expect
      .poll(() => page.locator(`.notifs .notif[data-monitor-id="${monitorA}"]`).textContent(), { timeout: 10_000 })
      .toContain('Acknowledged by Dana');
    await expect
      .poll(() =>
        page
          .locator(`.notifs .notif[data-monitor-id="${monitorB}"]`)
          .getByRole('button', { name: 'Acknowledge' })
          .count(),
      )
      .toBe(1);
    await page.screenshot({ path: artifactPath('alerts-escalated.png'), fullPage: true });
    platform.clearFaults();
  }

  async function recoveryRecoveredReplacesDown() {
    const before = smtp.mails.length;
    await smtp.waitFor(before + 2, 45_000);
    expect(
      smtp.mails
        .slice(before)
        .map((m) => m.parsed.subject)
        .sort(),
    ).toEqual(['[Lookout] Checkout API recovered', '[Lookout] Submissions API recovered']);
    await expect
      .poll(() => page.locator('.notifs .notif[data-alert-kind="recovered"]').count(), { timeout: 10_000 })
      .toBe(2);
    expect(await page.locator('.notifs .notif[data-alert-kind="down"]').count()).toBe(0);
  }
});
