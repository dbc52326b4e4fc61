import type net from 'node:net';
import type { Phases } from '../../../../shared/result';

/** The probe's own timeout passed before the socket was ready. */
export class DeadlineError extends Error {}
/** The probe was cancelled (monitor deleted, app closing). */
export class CancelledError extends Error {}

/**
 * Waits for a freshly opened socket to reach `ready` ('connect' for TCP, 'secureConnect' for TLS),
 * recording the DNS phase on the way; rejects with the socket's error, DeadlineError or
 * CancelledError. The caller destroys the socket either way.
 */
export function waitForSocket(
  socket: net.Socket,
  ready: 'connect' | 'secureConnect',
  opts: { signal: AbortSignal; timeoutMs: number; started: number; phases: Phases },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
    };
    const timer = setTimeout(() => {
      done();
      reject(new DeadlineError());
    }, opts.timeoutMs);
    const onAbort = () => {
      done();
      reject(new CancelledError());
    };
    opts.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('lookup', (err: Error | null) => {
      if (!err) opts.phases.dns = Math.round(performance.now() - opts.started);
    });
    socket.once(ready, () => {
      done();
      resolve();
    });
    socket.on('error', (err) => {
      done();
      reject(err);
    });
  });
}
