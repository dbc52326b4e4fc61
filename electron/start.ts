import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as serveMain } from './serve/cli';

/**
 * `npm start`: the desktop app where Electron can run, otherwise serve mode for a browser.
 * Returns why Electron cannot run, or undefined when it can.
 */
function electronUnavailable(): { reason: string } | { binary: string } {
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
    if (r.status !== 0 || !binary()) return { reason: 'the Electron binary is not installed and could not be downloaded' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  return { binary: binary()! };
}

const args = process.argv.slice(2);
const check = electronUnavailable();
if ('binary' in check) {
  const mainJs = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
  const child = spawn(check.binary, [mainJs, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Lookout: cannot open the desktop window because ${check.reason}; starting serve mode instead.`);
  void serveMain(args);
}
