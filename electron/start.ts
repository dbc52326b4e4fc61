import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as serveMain } from './serve/cli';

/**
 * `npm start`: the desktop app where Electron can run, otherwise serve mode for a browser.
 * Returns why Electron cannot run, or undefined when it can.
 */
function electronUnavailable(): { reason: string } | { binary: string } {
  let binary: unknown;
  try {
    // The electron package's main export is the path of its binary (fetched lazily on first run).
    binary = createRequire(import.meta.url)('electron');
  } catch (err) {
    return { reason: `the Electron binary is not installed (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: 'the Electron binary is not installed' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  return { binary };
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
