import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getAbi } from 'node-abi';

/**
 * better-sqlite3 is a native addon: the copy `npm ci` builds in node_modules is for Node's ABI
 * (tests, benches, serve mode). Electron has its own ABI, so the desktop shell opens the database
 * through `nativeBinding` pointing at a second build kept per ABI in the user's cache folder, made
 * once and reused. Node's build is never touched.
 */
export interface BindingTarget {
  electronVersion: string;
  /** better-sqlite3's own version: a new release needs a new binary. */
  sqliteVersion: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Folder holding every cached build (see `bindingCacheRoot`). */
  cacheRoot: string;
}

export interface BuildRequest extends BindingTarget {
  abi: string;
  /** Where the builder must leave `better_sqlite3.node` (a fresh temporary folder). */
  outDir: string;
}

/** Makes `better_sqlite3.node` for Electron in `req.outDir`; throws with a one-line reason. */
export type BuildBinding = (req: BuildRequest) => Promise<void>;

export type BindingOutcome =
  { ok: true; path: string; abi: string; built: boolean } | { ok: false; abi: string | undefined; reason: string };

export const BINDING_FILE = 'better_sqlite3.node';

/** The ABI (NODE_MODULE_VERSION) of an Electron version, from node-abi's table. */
export function electronAbi(electronVersion: string): string {
  return getAbi(electronVersion, 'electron');
}

/** The user's cache folder for Lookout (never inside node_modules, so `npm ci` keeps it). */
export function bindingCacheRoot(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LOOKOUT_NATIVE_CACHE) return path.resolve(env.LOOKOUT_NATIVE_CACHE);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Lookout', 'Cache', 'native');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Lookout', 'native');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'lookout', 'native');
}

/** `<root>/better-sqlite3-12.11.1/electron-v150-linux-x64/better_sqlite3.node`. */
export function bindingPath(t: BindingTarget, abi: string): string {
  return path.join(
    t.cacheRoot,
    `better-sqlite3-${t.sqliteVersion}`,
    `electron-v${abi}-${t.platform}-${t.arch}`,
    BINDING_FILE,
  );
}

/**
 * Returns the cached Electron build of better-sqlite3, building it first when missing. `say` gets
 * the one progress line shown while a build runs. A failed build leaves nothing behind, so the
 * next start tries again; the reason is one line the shell prints before falling back.
 */
export async function ensureElectronBinding(
  t: BindingTarget,
  deps: { build: BuildBinding; say: (line: string) => void },
): Promise<BindingOutcome> {
  let abi: string;
  try {
    abi = electronAbi(t.electronVersion);
  } catch (err) {
    return {
      ok: false,
      abi: undefined,
      reason: `node-abi does not know Electron ${t.electronVersion} (${firstLine(err)}); update node-abi`,
    };
  }
  const target = bindingPath(t, abi);
  if (existsSync(target)) return { ok: true, path: target, abi, built: false };

  deps.say(`Preparing the database driver for Electron ${t.electronVersion.split('.')[0]} (once)…`);
  const outDir = `${path.dirname(target)}.tmp-${process.pid}-${Date.now()}`;
  try {
    mkdirSync(outDir, { recursive: true });
    await deps.build({ ...t, abi, outDir });
    const made = path.join(outDir, BINDING_FILE);
    if (!existsSync(made)) throw new Error(`the build finished without producing ${BINDING_FILE}`);
    mkdirSync(path.dirname(target), { recursive: true });
    // Rename is atomic: a second `npm start` racing this one sees either no file or a whole one.
    renameSync(made, target);
    return { ok: true, path: target, abi, built: true };
  } catch (err) {
    return {
      ok: false,
      abi,
      reason: `the database driver could not be built for Electron ${t.electronVersion} (ABI ${abi}): ${firstLine(err)}`,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim().split('\n')[0] ?? text;
}
