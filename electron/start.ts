import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as serveMain } from './serve/cli';
import { buildWithPrebuildOrGyp, sqliteVersion } from './native/build-binding';
import { bindingCacheRoot, ensureElectronBinding } from './native/sqlite-binding';

/**
 * `npm start`: the desktop app where Electron can run, otherwise serve mode for a browser.
 * Returns why Electron cannot run, or undefined when it can.
 */
function electronUnavailable(): { reason: string } | { binary: string; version: string } {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  // Electron fetches its binary lazily on first run; try that once, quietly, so an offline machine
  // gets one clear line instead of a download stack trace.
  const binary = () => {
    const rel = existsSync(path.join(dir, 'path.txt')) ? readFileSync(path.join(dir, 'path.txt'), 'utf8').trim() : '';
    const full = rel ? path.join(dir, 'dist', rel) : '';
    return full && existsSync(full) ? full : undefined;
  };
  if (!binary()) {
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    if (r.status !== 0 || !binary())
      return { reason: 'the Electron binary is not installed and could not be downloaded' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return { binary: binary()!, version };
}

/** Env for the Electron child: the better-sqlite3 build for its ABI (see native/sqlite-binding.ts). */
async function electronBinding(version: string): Promise<{ env: NodeJS.ProcessEnv } | { reason: string }> {
  const found = await ensureElectronBinding(
    {
      electronVersion: version,
      sqliteVersion: sqliteVersion(),
      platform: process.platform,
      arch: process.arch,
      cacheRoot: bindingCacheRoot(),
    },
    { build: buildWithPrebuildOrGyp, say: (line) => console.log(`Lookout: ${line}`) },
  );
  if (!found.ok) return { reason: found.reason };
  return { env: { ...process.env, LOOKOUT_SQLITE_BINDING: found.path } };
}

const args = process.argv.slice(2);
const check = electronUnavailable();
const ready = 'binary' in check ? await electronBinding(check.version) : check;
if ('binary' in check && 'env' in ready) {
  const mainJs = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
  const child = spawn(check.binary, [mainJs, ...args], { stdio: 'inherit', env: ready.env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = 'reason' in ready ? ready.reason : 'the desktop window is unavailable';
  console.log(`Lookout: cannot open the desktop window because ${why}; starting serve mode instead.`);
  void serveMain(args);
}
