import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Every timer the platform arms goes through one registry so close() can cancel them all:
 * tests assert the process exits once the platform is closed.
 */
export class Timers {
  readonly #live = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;

  /**
   * Calls fn once at least `ms` have elapsed on the monotonic clock. setTimeout can fire up to a
   * millisecond early relative to performance.now(), and tests assert "took at least N ms", so the
   * deadline is re-checked and re-armed if needed. Returns a cancel function.
   */
  after(ms: number, fn: () => void): () => void {
    if (this.#closed) return noop;
    const deadline = performance.now() + ms;
    let handle: ReturnType<typeof setTimeout> | undefined;
    const arm = (delay: number): void => {
      const h = setTimeout(() => {
        this.#live.delete(h);
        const left = deadline - performance.now();
        if (left > 0) arm(Math.ceil(left));
        else fn();
      }, delay);
      // The servers keep a demo process alive; a pending fault timer alone must not.
      h.unref();
      this.#live.add(h);
      handle = h;
    };
    arm(Math.max(0, Math.ceil(ms)));
    return () => {
      if (handle === undefined) return;
      clearTimeout(handle);
      this.#live.delete(handle);
    };
  }

  clearAll(): void {
    this.#closed = true;
    for (const h of this.#live) clearTimeout(h);
    this.#live.clear();
  }
}

export function noop(): void {}

/** Runs fn after ms unless the response goes away first (client aborted, socket destroyed). */
export function afterUnlessGone(timers: Timers, res: ServerResponse, ms: number, fn: () => void): void {
  const cancel = timers.after(ms, () => {
    res.off('close', cancel);
    if (!res.destroyed) fn();
  });
  res.once('close', cancel);
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  // 204/304 must not carry a body; Node would throw on the content-length otherwise.
  const bodyless = status === 204 || status === 304;
  res.writeHead(status, {
    ...(bodyless ? {} : { 'content-type': contentType, 'content-length': String(buf.length) }),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(bodyless ? undefined : buf);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

export function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not found' });
}

export function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: 'method not allowed' }, { allow });
}

export function isRead(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

export function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}
