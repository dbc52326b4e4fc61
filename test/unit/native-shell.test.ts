import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sqlitePackageDir } from '../../electron/native/build-binding';
import { bootShell, tempDir } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

const require = createRequire(import.meta.url);
const loadedAddons = () => Object.keys(require.cache).filter((k) => k.endsWith('better_sqlite3.node'));
const t = tempDir();
afterAll(() => {
  vi.unstubAllEnvs();
  t.cleanup();
});

// `npm start` passes the Electron build's path in LOOKOUT_SQLITE_BINDING (electron/start.ts); the
// shell must open its database through it and never load node_modules' Node build.
describe('the desktop shell opens its database through the Electron build of better-sqlite3', () => {
  it('uses the addon npm start prepared, and only that one', async () => {
    expect(loadedAddons()).toEqual([]);
    const addon = path.join(t.dir, 'cache', 'electron-v150-linux-x64', 'better_sqlite3.node');
    mkdirSync(path.dirname(addon), { recursive: true });
    copyFileSync(path.join(sqlitePackageDir(), 'build', 'Release', 'better_sqlite3.node'), addon);
    vi.stubEnv('LOOKOUT_SQLITE_BINDING', addon);
    const shell = await bootShell(t.dir);
    await shell.call('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9 },
      intervalSec: 3600,
    });
    expect((await shell.call<unknown[]>('monitors.list')).length).toBe(1);
    await shell.quit();
    expect(loadedAddons()).toEqual([addon]);
  });
});
