import { Resolver } from 'node:dns/promises';
import { connect } from 'node:net';

/** One reference target: `resolver` (the system's DNS servers) or `host:port` (a TCP connect). */
export type ReferenceCheck = (target: string, timeoutMs: number) => Promise<void>;

export const RESOLVER_TARGET = 'resolver';

/** The real checks: a TCP connect to host:port, or a root NS query to the system's resolvers. */
export const systemCheck: ReferenceCheck = (target, timeoutMs) =>
  target === RESOLVER_TARGET ? resolverAnswers(timeoutMs) : tcpConnects(target, timeoutMs);

function tcpConnects(target: string, timeoutMs: number): Promise<void> {
  const i = target.lastIndexOf(':');
  const host = target.slice(0, i).replace(/^\[|\]$/g, '');
  const port = Number(target.slice(i + 1));
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function resolverAnswers(timeoutMs: number): Promise<void> {
  const r = new Resolver({ timeout: timeoutMs, tries: 1 });
  // Any answer from the configured servers, even an error *from* them, means they were reached.
  try {
    await r.resolveNs('.');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'ESERVFAIL' || code === 'EREFUSED') return;
    throw err;
  }
}
