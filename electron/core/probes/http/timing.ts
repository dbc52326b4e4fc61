import dns from 'node:dns';
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import type { Socket } from 'node:net';
import type { Phases } from '../../../../shared/result';
import { ProbeFailure } from '../common/net-errors';
import { isLinkLocal } from '../common/redirects';

/**
 * The real connection phases (DNS lookup, TCP connect, TLS handshake) of a socket node:http or
 * node:https opens with `agent: false` (always a new connection, so every probe pays, and
 * measures, its own), read from the socket's own events; and a lookup that can refuse link-local
 * addresses a name resolves to (a redirect to `metadata.internal` must not reach 169.254.169.254
 * through DNS either).
 */
export type ConnectionPhases = Pick<Phases, 'dns' | 'connect' | 'tls'>;

export interface TimedLookupOptions {
  /** Asked at lookup time, so a probe can allow link-local for its own URL and refuse it for redirects. */
  refuseLinkLocal?: () => boolean;
  /** The resolver (dns.lookup by default; tests give names fixed addresses). */
  resolve?: typeof dns.lookup;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type TimedLookup = (
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
) => void;

/** A `lookup` for net / tls connect options that writes how long it took into `phases().dns`. */
export function createTimedLookup(opts: TimedLookupOptions, phases: () => ConnectionPhases): TimedLookup {
  const resolve = opts.resolve ?? dns.lookup;
  return (hostname, options, callback) => {
    const t0 = performance.now();
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      phases().dns = round(performance.now() - t0);
      if (err) return callback(err, []);
      if (opts.refuseLinkLocal?.() && addresses.some((a) => isLinkLocal(a.address))) {
        return callback(
          new ProbeFailure('redirect_blocked', `Redirect to ${hostname} refused: it resolves to a link-local address`),
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Times a new socket from `startedAt` (just before the request was made): TCP connect after the
 * lookup (which `createTimedLookup` wrote into the same object), then the TLS handshake.
 */
export function timeSocket(socket: Socket, secure: boolean, startedAt: number, phases: ConnectionPhases): void {
  let tcpAt = startedAt;
  socket.once('connect', () => {
    tcpAt = performance.now();
    phases.connect = round(tcpAt - startedAt - (phases.dns ?? 0));
  });
  if (secure) socket.once('secureConnect', () => (phases.tls = round(performance.now() - tcpAt)));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
