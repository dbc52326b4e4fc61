import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRead, methodNotAllowed, notFound, pathOf, sendJson } from './util';

export const MAX_BODY_BYTES = 64 * 1024;
/** Tokens and submissions are forgotten oldest-first past this, so a demo left running for days stays small. */
export const MAX_REMEMBERED = 10_000;
/** Roughly how long a real queue takes to make a submission readable; measured on the injected clock. */
export const VISIBLE_AFTER_MS = 50;
/** After a 413 we discard what the client keeps sending, but only this much, then hang up. */
const MAX_DRAIN_BYTES = 1024 * 1024;

interface Submission {
  /** null: accepted but dropped by the fault, never becomes visible. */
  visibleAt: number | null;
}

export class SubmissionApi {
  // Maps and Sets iterate in insertion order, which makes oldest-first eviction a loop over keys().
  readonly #tokens = new Set<string>();
  readonly #submissions = new Map<string, Submission>();

  constructor(private readonly now: () => number) {}

  /** Accepted submissions not yet visible; dropped ones count forever, like work stuck in a real queue. */
  queueDepth(): number {
    const now = this.now();
    let depth = 0;
    for (const s of this.#submissions.values()) if (s.visibleAt === null || s.visibleAt > now) depth++;
    return depth;
  }

  handle(req: IncomingMessage, res: ServerResponse, drop: boolean, submitStatus?: number): void {
    const path = pathOf(req);
    if (path === '/api/token') {
      req.resume();
      if (!isRead(req)) return methodNotAllowed(res, 'GET, HEAD');
      return sendJson(res, 200, { token: this.#issueToken() });
    }
    if (path === '/api/submissions') {
      if (req.method !== 'POST') {
        req.resume();
        return methodNotAllowed(res, 'POST');
      }
      if (submitStatus !== undefined) {
        req.resume();
        return sendJson(res, submitStatus, { error: `injected fault: HTTP ${submitStatus}` });
      }
      return this.#submit(req, res, drop);
    }
    const m = /^\/api\/submissions\/([A-Za-z0-9-]{1,64})$/.exec(path);
    req.resume();
    if (!m?.[1]) return notFound(res);
    if (!isRead(req)) return methodNotAllowed(res, 'GET, HEAD');
    const id = m[1];
    const s = this.#submissions.get(id);
    if (!s || s.visibleAt === null || this.now() < s.visibleAt) return notFound(res);
    sendJson(res, 200, { id, status: 'visible' });
  }

  #issueToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.#tokens.add(token);
    evictOldest(this.#tokens);
    return token;
  }

  #submit(req: IncomingMessage, res: ServerResponse, drop: boolean): void {
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!auth?.[1] || !this.#tokens.has(auth[1])) {
      req.resume();
      return sendJson(res, 401, { error: 'missing or unknown token' }, { 'www-authenticate': 'Bearer' });
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return tooLarge(req, res);

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // A client that aborts mid-body is its own problem; it must not crash the platform.
    req.on('error', () => {});
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        chunks.length = 0;
        req.removeAllListeners('data');
        return tooLarge(req, res);
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'body is not valid JSON' });
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return sendJson(res, 400, { error: 'body must be a JSON object' });
      }
      const id = randomUUID();
      this.#submissions.set(id, { visibleAt: drop ? null : this.now() + VISIBLE_AFTER_MS });
      evictOldest(this.#submissions);
      sendJson(res, 202, { id });
    });
  }
}

function evictOldest(items: Set<string> | Map<string, unknown>): void {
  for (const key of items.keys()) {
    if (items.size <= MAX_REMEMBERED) return;
    items.delete(key);
  }
}

/**
 * Answers before the body is read, then keeps reading (and discarding) a bounded amount so the
 * client gets to see the 413 instead of a reset mid-upload.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  let drained = 0;
  req.on('error', () => {});
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
  });
  req.resume();
  sendJson(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` }, { connection: 'close' });
}
