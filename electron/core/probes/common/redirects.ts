import { isIP } from 'node:net';
import { ProbeFailure } from './net-errors';

/**
 * Redirect policy for probes that follow redirects themselves (so every hop is vetted): bounded
 * hops, loops detected, only http(s), no link-local targets (cloud metadata at 169.254.169.254)
 * unless allowed, and credentials never forwarded to another origin.
 */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials and never follow a redirect to another origin. */
const ALWAYS_SECRET = ['authorization', 'cookie', 'proxy-authorization'];

export interface RedirectPolicy {
  maxRedirects: number;
  allowLinkLocal: boolean;
}

export interface Hop {
  url: URL;
  method: string;
  body: string | undefined;
}

export interface RedirectFollower {
  /** Redirects followed so far. */
  readonly count: number;
  /** The next hop for a redirect answer, or a thrown ProbeFailure saying why it is refused. */
  follow(status: number, location: string, from: Hop): Hop;
}

export function createRedirectFollower(start: URL, policy: RedirectPolicy): RedirectFollower {
  const seen = new Set<string>([start.href]);
  let count = 0;
  return {
    get count() {
      return count;
    },
    follow(status, location, from) {
      let next: URL;
      try {
        next = new URL(location, from.url);
      } catch {
        throw new ProbeFailure(
          'bad_response',
          `${from.url.host} redirected to an invalid URL "${location.slice(0, 80)}"`,
        );
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new ProbeFailure(
          'redirect_scheme',
          `Redirect from ${from.url.host} to a ${next.protocol} URL refused (only http and https are followed)`,
        );
      }
      if (!policy.allowLinkLocal && isLinkLocal(hostAddress(next))) {
        throw new ProbeFailure(
          'redirect_blocked',
          `Redirect from ${from.url.host} to link-local address ${next.hostname} refused`,
        );
      }
      next.hash = '';
      if (seen.has(next.href))
        throw new ProbeFailure('redirect_loop', `Redirect loop: ${from.url.href} leads back to ${next.href}`);
      if (count >= policy.maxRedirects) {
        throw new ProbeFailure(
          'redirect_limit',
          `More than ${policy.maxRedirects} redirects (last from ${from.url.host})`,
        );
      }
      seen.add(next.href);
      count++;
      // 303 always becomes GET; 301/302 after a POST too (what browsers do); 307/308 keep both.
      const toGet =
        status === 303 ? from.method !== 'HEAD' : (status === 301 || status === 302) && from.method === 'POST';
      return toGet
        ? { url: next, method: 'GET', body: undefined }
        : { url: next, method: from.method, body: from.body };
    },
  };
}

/**
 * The headers to send to `url`: all of them on the original origin; without Authorization, Cookie
 * and the monitor's secret headers anywhere else.
 */
export function headersForHop(
  headers: Record<string, string>,
  url: URL,
  origin: string,
  secretHeaders: readonly string[],
): Record<string, string> {
  if (url.origin === origin) return headers;
  const drop = new Set([...ALWAYS_SECRET, ...secretHeaders.map((h) => h.toLowerCase())]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
}

/** The host of a URL without IPv6 brackets. */
export function hostAddress(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** True for 169.254.0.0/16, fe80::/10 and IPv4-mapped forms of the former; false for names. */
export function isLinkLocal(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return address.startsWith('169.254.');
  if (kind !== 6) return false;
  const a = address.toLowerCase();
  // IPv4-mapped (::ffff:169.254.x.x), written dotted or, as URL parsing normalises it, in hex.
  const mapped = /^(?:::|(?:0{1,4}:){5})ffff:(.+)$/.exec(a)?.[1];
  if (mapped !== undefined) return mapped.includes('.') ? mapped.startsWith('169.254.') : mapped.startsWith('a9fe:');
  const first = a.startsWith('::') ? 0 : parseInt(a.split(':')[0]!, 16);
  return (first & 0xffc0) === 0xfe80;
}
