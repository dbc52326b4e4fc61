import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core/app';
import {
  bindingCacheRoot,
  bindingPath,
  electronAbi,
  ensureElectronBinding,
  type BindingTarget,
  type BuildRequest,
} from '../../electron/native/sqlite-binding';
import { sqlitePackageDir, sqliteVersion } from '../../electron/native/build-binding';

const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
/** Node's own build: stands in for an Electron build so the plumbing is proven with a loadable addon. */
const nodeBuild = path.join(sqlitePackageDir(), 'build', 'Release', 'better_sqlite3.node');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-native-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function target(): BindingTarget {
  return {
    electronVersion,
    sqliteVersion: sqliteVersion(),
    platform: process.platform,
    arch: process.arch,
    cacheRoot: path.join(dir, 'cache'),
  };
}

describe('the Electron build of better-sqlite3', () => {
  it('is looked up by the ABI node-abi gives for the installed Electron, the one Electron itself declares', () => {
    const abi = electronAbi(electronVersion);
    expect(abi).toBe(
      readFileSync(path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim(),
    );
    expect(abi).not.toBe(process.versions.modules);
    expect(bindingPath(target(), abi)).toBe(
      path.join(
        dir,
        'cache',
        `better-sqlite3-${sqliteVersion()}`,
        `electron-v${abi}-${process.platform}-${process.arch}`,
        'better_sqlite3.node',
      ),
    );
  });

  it('is built once, announced, and reused from the cache on the next start', async () => {
    const builds: BuildRequest[] = [];
    const said: string[] = [];
    const build = (req: BuildRequest) => {
      builds.push(req);
      copyFileSync(nodeBuild, path.join(req.outDir, 'better_sqlite3.node'));
      return Promise.resolve();
    };
    const first = await ensureElectronBinding(target(), { build, say: (l) => said.push(l) });
    expect(first).toMatchObject({ ok: true, built: true, abi: electronAbi(electronVersion) });
    expect(builds).toHaveLength(1);
    expect(builds[0]!.abi).toBe(electronAbi(electronVersion));
    expect(said).toEqual([`Preparing the database driver for Electron ${electronVersion.split('.')[0]} (once)…`]);
    if (!first.ok) throw new Error('unreachable');
    expect(existsSync(first.path)).toBe(true);
    // Node's build in node_modules is left as it was.
    expect(existsSync(nodeBuild)).toBe(true);

    const second = await ensureElectronBinding(target(), { build, say: (l) => said.push(l) });
    expect(second).toEqual({ ok: true, path: first.path, abi: first.abi, built: false });
    expect(builds).toHaveLength(1);
    expect(said).toHaveLength(1);
  });

  it('falls back with one line saying why when it cannot be built, leaving nothing half-made behind', async () => {
    const out = await ensureElectronBinding(target(), {
      build: (req) => {
        writeFileSync(path.join(req.outDir, 'partial.o'), 'x');
        return Promise.reject(
          new Error(
            'no prebuilt binary (getaddrinfo ENOTFOUND github.com); compiling failed (gyp ERR! find Python)\n  at stack',
          ),
        );
      },
      say: () => undefined,
    });
    expect(out.ok).toBe(false);
    if (out.ok) throw new Error('unreachable');
    expect(out.reason).toBe(
      `the database driver could not be built for Electron ${electronVersion} (ABI ${electronAbi(electronVersion)}): no prebuilt binary (getaddrinfo ENOTFOUND github.com); compiling failed (gyp ERR! find Python)`,
    );
    expect(out.reason).not.toContain('\n');
    const cacheDir = path.join(dir, 'cache', `better-sqlite3-${sqliteVersion()}`);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  it('a builder that finishes without the addon is a failure, not a cached nothing', async () => {
    const out = await ensureElectronBinding(target(), { build: () => Promise.resolve(), say: () => undefined });
    expect(out).toMatchObject({ ok: false });
    expect(out.ok ? '' : out.reason).toContain('without producing better_sqlite3.node');
  });

  it('an Electron version node-abi does not know is named in the reason', async () => {
    const out = await ensureElectronBinding(
      { ...target(), electronVersion: '999.0.0' },
      { build: () => Promise.resolve(), say: () => undefined },
    );
    expect(out).toMatchObject({ ok: false, abi: undefined });
    expect(out.ok ? '' : out.reason).toContain('Electron 999.0.0');
  });

  it('is cached in the user cache folder of each OS, never in node_modules', () => {
    const home = os.homedir();
    expect(bindingCacheRoot({}, 'linux')).toBe(path.join(home, '.cache', 'lookout', 'native'));
    expect(bindingCacheRoot({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(path.join('/x/cache', 'lookout', 'native'));
    expect(bindingCacheRoot({}, 'darwin')).toBe(path.join(home, 'Library', 'Caches', 'Lookout', 'native'));
    expect(bindingCacheRoot({ LOCALAPPDATA: 'C:\\Users\\op\\AppData\\Local' }, 'win32')).toBe(
      path.join('C:\\Users\\op\\AppData\\Local', 'Lookout', 'Cache', 'native'),
    );
    expect(bindingCacheRoot({ LOOKOUT_NATIVE_CACHE: path.join(dir, 'c') }, 'linux')).toBe(path.join(dir, 'c'));
  });
});

describe('the core with an explicit nativeBinding', () => {
  it('opens, writes and reopens its database through the addon it is given', async () => {
    const dbPath = path.join(dir, 'lookout.db');
    const core = await startCore({ dbPath, mode: 'serve', version: 't', nativeBinding: nodeBuild });
    const made = await core.dispatch('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9 },
      intervalSec: 3600,
    });
    expect(made.ok).toBe(true);
    await core.close();
    const again = await startCore({ dbPath, mode: 'serve', version: 't', nativeBinding: nodeBuild });
    const list = await again.dispatch('monitors.list', {});
    expect(list.ok && (list.result as unknown[]).length).toBe(1);
    await again.close();
  });

  it('really loads that path: a missing addon fails the open, naming it, and creates no database', async () => {
    const dbPath = path.join(dir, 'other.db');
    const missing = path.join(dir, 'nowhere', 'better_sqlite3.node');
    await expect(startCore({ dbPath, mode: 'serve', version: 't', nativeBinding: missing })).rejects.toThrow(/nowhere/);
    expect(existsSync(dbPath)).toBe(false);
  });
});

describe('why a build failed, in one line', () => {
  it("takes node-gyp's error message, and prebuild-install's last warning", async () => {
    const { reasonIn } = await import('../../electron/native/build-binding');
    const gyp = [
      'gyp WARN install got an error, rolling back install',
      'gyp ERR! configure error ',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity.',
      'gyp ERR! stack at go (/x/node-gyp/lib/install.js:244:21)',
      'gyp ERR! not ok',
    ].join('\n');
    expect(reasonIn(gyp)).toBe(
      'This is most likely not a problem with node-gyp or the package itself and is related to network connectivity.',
    );
    expect(
      reasonIn('prebuild-install info begin\nprebuild-install warn install getaddrinfo ENOTFOUND github.com\n'),
    ).toBe('getaddrinfo ENOTFOUND github.com');
  });
});
