import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'lookout_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === TOKEN_COOKIE && v) return v;
  }
  return undefined;
}

/**
 * Serve mode is reachable by any local process and any page open in a browser, so every request
 * must prove it came from the URL Lookout printed: the token in the query (the page URL, the
 * socket) or in the cookie the page URL sets (its scripts and styles).
 */
export function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const q = url.searchParams.get('token');
  if (q !== null) return same(q, token);
  const c = cookieToken(req);
  return c !== undefined && same(c, token);
}

/** The only hosts the page may be addressed as: blocks DNS-rebinding pages from reaching the Api. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
