import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiCall, ARTIFACTS, launchChromium, startServe, type ServeProcess } from './support';

const POLL = { timeout: 20_000 };

describe('workspace file in the console (serve mode, real Chromium)', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let target: http.Server;
  let hits = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-ws-'));
    target = http.createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await new Promise((r) => target?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (port: number, extra = '') => `version: 1
monitors:
  - id: checkout
    name: Checkout API
    kind: http
    intervalSec: 5
    config: { url: "http://127.0.0.1:${port}/health"${extra} }
  - id: origin
    name: Stream origin
    kind: tcp
    intervalSec: 5
    config: { host: 127.0.0.1, port: ${port} }
`;

  // Each test starts on an empty console: monitors an earlier test applied would change its plan.
  beforeEach(async () => {
    for (const m of await apiCall<{ id: number }[]>(serve, 'monitors.list', {}))
      await apiCall(serve, 'monitors.delete', { id: m.id });
  });

  async function dataPage() {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByLabel('Workspace file to import').waitFor(POLL);
  }

  async function upload(name: string, text: string) {
    await page
      .getByLabel('Workspace file to import')
      .setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  }

  it('shows every error of a bad file at its line and column, and applies nothing', async () => {
    await dataPage();
    const port = (target.address() as { port: number }).port;
    const text = file(port, ', timeotMs: 5');
    const col = text.split('\n')[6]!.indexOf('timeotMs') + 1;
    await upload('bad.yaml', text);
    const errors = page.getByRole('alert', { name: 'Workspace file errors' });
    await expect
      .poll(() => errors.textContent(), POLL)
      .toContain(
        `bad.yaml:7:${col} monitors.0.config.timeotMs: Unknown field \`timeotMs\` (did you mean \`timeoutMs\`?)`,
      );
    expect(await page.getByRole('button', { name: /^Apply/ }).count()).toBe(0);
    expect(await apiCall<unknown[]>(serve, 'monitors.list', {})).toEqual([]);
  });

  it('imports a file: shows the plan, applies it on confirmation, and the monitors start probing', async () => {
    const port = (target.address() as { port: number }).port;
    await dataPage();
    await upload('workspace.yaml', file(port));
    const plan = page.getByLabel('Workspace plan');
    await expect.poll(() => plan.textContent(), POLL).toContain('create monitor checkout “Checkout API”');
    expect(await plan.textContent()).toContain('create monitor origin “Stream origin”');
    expect(await plan.textContent()).toContain('2 to create, 0 to change, 0 to delete');
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-plan.png'), fullPage: true });
    await page.getByRole('button', { name: 'Apply 2 changes' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Applied' }).textContent(), POLL)
      .toContain('Applied: 2 created, 0 changed, 0 deleted');

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect.poll(() => page.locator('[data-monitor-id]').count(), POLL).toBe(2);
    await expect.poll(() => page.locator('[data-monitor-id] [data-status="up"]').count(), { timeout: 30_000 }).toBe(2);
    expect(hits).toBeGreaterThan(0);

    // The same file again: nothing to apply.
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await upload('workspace.yaml', file(port));
    await expect
      .poll(() => page.getByLabel('Workspace plan').textContent(), POLL)
      .toContain('0 to create, 0 to change, 0 to delete');
    expect(await page.getByRole('button', { name: 'Nothing to apply' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('follows a file: a change to it shows its plan, applied only on confirmation', async () => {
    const port = (target.address() as { port: number }).port;
    const followed = path.join(dir, 'lookout.yaml');
    writeFileSync(followed, file(port));
    // The file as it stands is already applied, so following it first asks nothing.
    await apiCall(serve, 'workspace.apply', { text: file(port), fileName: 'lookout.yaml' });
    await dataPage();
    await page.getByLabel(/Follow a file on this machine/).fill(followed);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Following' }).textContent(), POLL).toContain(followed);
    // Already applied: nothing to ask.
    expect(await page.getByLabel('Workspace plan').count()).toBe(0);

    writeFileSync(
      followed,
      file(port)
        .replace('name: Stream origin', 'name: Stream origin (EU)')
        .replace('intervalSec: 5\n    config: { host', 'intervalSec: 10\n    config: { host'),
    );
    const plan = page.getByLabel('Workspace plan');
    await expect.poll(() => plan.textContent(), POLL).toContain('change monitor origin “Stream origin (EU)”');
    expect(await plan.textContent()).toContain('intervalSec: 5 → 10');
    await page.getByRole('button', { name: 'Apply 1 change' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Applied' }).textContent(), POLL)
      .toContain('Applied: 0 created, 1 changed, 0 deleted');
    await page.getByRole('button', { name: 'Stop following' }).click();
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-monitor-id]').allTextContents(), POLL)
      .toContainEqual(expect.stringContaining('Stream origin (EU)'));
  });
});
