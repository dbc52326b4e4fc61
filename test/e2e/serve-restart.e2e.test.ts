import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, type ServeProcess } from './support';

// An open tab outlives a restart of serve mode: same database, same token and port, so the page
// reconnects by itself; while it cannot, the header does not claim the console is online.
describe('serve mode survives its own restart (real Chromium)', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-e2e-restart-'));
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const conn = () => page.locator('.conn').getAttribute('data-state');
  const online = () => page.locator('.console-online').getAttribute('data-online');

  it('reconnects the open tab after a restart, and is never green while disconnected', async () => {
    await page.goto(serve.url);
    await expect.poll(conn, { timeout: 10_000 }).toBe('open');
    await page.getByRole('button', { name: 'Start empty' }).click();
    const firstUrl = serve.url;
    await serve.stop('SIGTERM');
    await expect.poll(conn, { timeout: 10_000 }).not.toBe('open');
    expect(await online()).toBe('unknown');
    expect(await page.locator('.console-online--yes').count()).toBe(0);

    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    expect(serve.url).toBe(firstUrl);
    // No reload, no new URL: the page's own reconnect finds the console again.
    await expect.poll(conn, { timeout: 20_000 }).toBe('open');
    await expect.poll(online, { timeout: 10_000 }).not.toBe('unknown');
  });

  it('rotating the token in Settings moves this tab to the new URL; the old one is refused, also after a restart', async () => {
    const oldUrl = serve.url;
    await page.goto(`${oldUrl}#/settings`);
    await page.getByRole('button', { name: 'Rotate access token' }).click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).not.toContain(serve.token);
    await expect.poll(conn, { timeout: 10_000 }).toBe('open');
    const newToken = new URL(page.url()).searchParams.get('token')!;
    expect(newToken).not.toBe(serve.token);
    expect((await fetch(oldUrl)).status).toBe(401);
    await serve.stop('SIGTERM');
    serve = await startServe(['--db', path.join(dir, 'lookout.db')]);
    expect(serve.token).toBe(newToken);
    expect((await fetch(oldUrl)).status).toBe(401);
  });
});
