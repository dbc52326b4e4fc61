import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellInfo } from '../../shared/shell';
import { loadIdentity } from '../../electron/serve/token-store';
import { bootShell, tempDir, until, type BootedShell } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

let t: ReturnType<typeof tempDir>;
let shell: BootedShell | undefined;

beforeEach(() => {
  t = tempDir();
});
afterEach(async () => {
  if (shell && !shell.e.state.quit) await shell.quit();
  shell = undefined;
  t.cleanup();
});

describe('the desktop app serves its own /metrics when the operator turns it on', () => {
  it('starts a loopback /metrics behind the database token, shows where in Settings, and stops when turned off or on quit', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    expect((await s.call<ShellInfo>('shell.info')).metricsUrl).toBeNull();
    await s.call('monitors.create', { name: 'Checkout API', group: 'Task submissions', kind: 'tcp', config: { host: '127.0.0.1', port: 9, timeoutMs: 1000 }, intervalSec: 3600, retries: 1 });

    await s.call('settings.update', { metrics: { enabled: true } });
    const url = await until('the metrics URL', async () => (await s.call<ShellInfo>('shell.info')).metricsUrl ?? undefined);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const token = loadIdentity(s.dbPath).token;

    // Each request on a fresh connection (reset), so a refused connection shows as refused.
    const refused = await request(url, { reset: true });
    expect(refused.statusCode).toBe(401);
    await refused.body.dump();
    const ok = await request(url, { reset: true, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    const text = await ok.body.text();
    expect(text).toMatch(/lookout_probe_up\{[^}]*monitor="Checkout API"/);

    await s.call('settings.update', { metrics: { enabled: false } });
    await until('metrics to stop', async () => (await s.call<ShellInfo>('shell.info')).metricsUrl === null);
    await expect(request(url, { reset: true, headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(/ECONNREFUSED/);

    // On again, then quit: the server goes with the app.
    await s.call('settings.update', { metrics: { enabled: true } });
    const again = await until('the metrics URL again', async () => (await s.call<ShellInfo>('shell.info')).metricsUrl ?? undefined);
    expect(again).toBe(url); // the same port: one scrape config keeps working
    await s.quit();
    await expect(request(again, { reset: true, headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(/ECONNREFUSED/);
  });
});
