import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BINDING_FILE, type BuildBinding } from './sqlite-binding';

const require = createRequire(import.meta.url);

/** Folder of the installed better-sqlite3 package (Node's build lives in its build/Release). */
export function sqlitePackageDir(): string {
  return path.dirname(require.resolve('better-sqlite3/package.json'));
}

export function sqliteVersion(): string {
  return (require('better-sqlite3/package.json') as { version: string }).version;
}

/**
 * The real builder, run by `npm start` before Electron is spawned: better-sqlite3's sources are
 * copied to a scratch folder (so Node's build in node_modules is never overwritten) and, there,
 * `prebuild-install --runtime electron` fetches the published binary for that Electron; when none
 * can be had, node-gyp compiles it against Electron's headers (what @electron/rebuild does, minus
 * its walk over the whole dependency tree).
 */
export const buildWithPrebuildOrGyp: BuildBinding = async (req) => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lookout-sqlite-'));
  try {
    const src = sqlitePackageDir();
    for (const part of ['package.json', 'binding.gyp', 'src', 'deps', 'lib'])
      cpSync(path.join(src, part), path.join(scratch, part), { recursive: true });
    const flags = [
      `--runtime=electron`,
      `--target=${req.electronVersion}`,
      `--arch=${req.arch}`,
      `--platform=${req.platform}`,
    ];
    const failures: string[] = [];
    try {
      await run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...flags], scratch, 180_000);
    } catch (err) {
      failures.push(`no prebuilt binary (${(err as Error).message})`);
      try {
        const gyp = require.resolve('node-gyp/bin/node-gyp.js');
        await run(
          process.execPath,
          [
            gyp,
            'rebuild',
            '--release',
            '--runtime=electron',
            `--target=${req.electronVersion}`,
            `--arch=${req.arch}`,
            '--dist-url=https://electronjs.org/headers',
          ],
          scratch,
          900_000,
        );
      } catch (gypErr) {
        failures.push(`compiling failed (${(gypErr as Error).message})`);
        throw new Error(failures.join('; '));
      }
    }
    copyFileSync(path.join(scratch, 'build', 'Release', BINDING_FILE), path.join(req.outDir, BINDING_FILE));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};

/** The line of a tool's stderr that says why: node-gyp's first `stack Error:`, else the last warning or error. */
export function reasonIn(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const start = lines.findIndex((l) => /ERR! stack Error: /.test(l));
  if (start >= 0) {
    // The message runs over several `stack` lines until the first `at …` frame.
    const parts: string[] = [];
    for (const l of lines.slice(start)) {
      const m = /ERR! stack (?:Error: )?(.*)$/.exec(l);
      if (!m || /^at /.test(m[1]!)) break;
      parts.push(m[1]!);
    }
    return parts.join(' ');
  }
  const last = lines.filter((l) => /err|warn|fail/i.test(l)).pop() ?? lines.pop() ?? '';
  return last.replace(/^prebuild-install (warn|WARN|ERR!) (install )?/, '');
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      const why = reasonIn(err);
      reject(new Error(`${path.basename(args[0] ?? cmd)} exited ${signal ?? code}${why ? `: ${why}` : ''}`));
    });
  });
}
