import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core/app';
import { sqlitePackageDir } from '../../electron/native/build-binding';

const require = createRequire(import.meta.url);
const loadedAddons = () => Object.keys(require.cache).filter((k) => k.endsWith('better_sqlite3.node'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-native-restore-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Under Electron the Node build in node_modules cannot load at all, so every connection the core
// opens (the store, the pre-open inspection, a backup's validation before restore) must go through
// the addon the shell passed. Here that addon is a copy of Node's build at another path, and the
// test checks that node_modules' copy was never loaded.
describe('every database connection of the core uses the nativeBinding it was given', () => {
  it('opens, backs up and restores without ever loading the default addon', async () => {
    expect(loadedAddons()).toEqual([]);
    const addon = path.join(dir, 'electron-v999', 'better_sqlite3.node');
    mkdirSync(path.dirname(addon));
    copyFileSync(path.join(sqlitePackageDir(), 'build', 'Release', 'better_sqlite3.node'), addon);
    const dbPath = path.join(dir, 'lookout.db');

    const core = await startCore({ dbPath, mode: 'electron', version: 't', nativeBinding: addon });
    try {
      const made = await core.dispatch('monitors.create', {
        name: 'api',
        kind: 'tcp',
        config: { host: '127.0.0.1', port: 9 },
        intervalSec: 3600,
      });
      expect(made.ok).toBe(true);
      const backup = await core.dispatch('data.backup', { path: path.join(dir, 'backup.db') });
      expect(backup).toMatchObject({ ok: true });
      const restored = await core.dispatch('data.restore', { path: path.join(dir, 'backup.db') });
      expect(restored).toMatchObject({ ok: true });
      const list = await core.dispatch('monitors.list', {});
      expect(list.ok && (list.result as { name: string }[]).map((m) => m.name)).toEqual(['api']);
    } finally {
      await core.close();
    }
    expect(loadedAddons()).toEqual([addon]);
  });
});
