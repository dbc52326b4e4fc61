/**
 * Starts a bench's target server in its own Node process (so its CPU and memory never count
 * against the probing process) and waits for the one JSON line it prints when ready.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ReadyChild<T> {
  info: T;
  stop(): Promise<void>;
}

export function startChild<T>(script: string): Promise<ReadyChild<T>> {
  const child: ChildProcess = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null): void =>
      reject(new Error(`${script} exited with ${code} before it was ready: ${out}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        info: JSON.parse(out.slice(0, nl)) as T,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            // Closing stdin is the child's cue to shut down; SIGKILL if it does not.
            child.stdin!.end();
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    });
  });
}

/** For the child side: run until the parent closes our stdin (or goes away). */
export function untilParentLeaves(close: () => Promise<void>): void {
  process.stdin.resume();
  process.stdin.on('end', () => void close().then(() => process.exit(0)));
}
