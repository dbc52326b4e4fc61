/**
 * Idle serve mode as an operator runs it: `node <SERVE_NODE_FLAGS> dist/electron/serve.js` on an
 * empty database, in a process of its own, its resident set read from /proc once it has settled.
 * A bench process that starts the core itself also carries the bench's own code, its helpers and
 * whatever it measured before, so its RSS is not serve mode's.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface IdleServe {
  /** VmRSS in bytes. */
  rss: number;
  /** RssAnon and RssFile in bytes (heap and stacks; the node binary and native addons mapped in). */
  anon: number;
  file: number;
}

const kB = (status: string, field: string): number =>
  Number(new RegExp(`${field}:\\s*(\\d+) kB`).exec(status)?.[1]) * 1024;

export async function idleServeRss(opts: {
  serveJs: string;
  flags: readonly string[];
  dbPath: string;
  settleMs: number;
}): Promise<IdleServe> {
  const child = spawn(
    process.execPath,
    [...opts.flags, opts.serveJs, '--db', opts.dbPath, '--port', '0', '--no-open'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: path.dirname(opts.dbPath) },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve mode did not start within 30 s: ${out}`)), 30_000);
      child.once('exit', (code) => reject(new Error(`serve mode exited with ${code} before it served: ${out}`)));
      const ready = () => {
        if (!out.includes('Lookout serving on')) return;
        clearTimeout(timer);
        child.stdout.off('data', ready);
        resolve();
      };
      child.stdout.on('data', ready);
    });
    await new Promise((r) => setTimeout(r, opts.settleMs));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return { rss: kB(status, 'VmRSS'), anon: kB(status, 'RssAnon'), file: kB(status, 'RssFile') };
  } finally {
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      await gone;
    }
  }
}
