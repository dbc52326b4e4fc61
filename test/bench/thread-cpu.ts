import { readFileSync } from 'node:fs';

/**
 * CPU milliseconds the calling thread has run, for timing one synchronous call on the main thread.
 * `process.cpuUsage` counts every thread of the process, so a WAL checkpoint running on the
 * checkpointer's worker during the call (store/checkpointer.ts) was charged to the call. Linux's
 * per-thread scheduler clock (ns) where there is one; the process figure elsewhere.
 */
export function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ', 1)[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}
