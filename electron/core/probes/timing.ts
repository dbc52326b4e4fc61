import dns from 'node:dns';
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { buildConnector } from 'undici';
import type { Phases } from '../../../shared/result';
import { ProbeFailure } from './net-errors';
import { isLinkLocal } from './redirects';

/**
 * An undici connector that measures the real connection phases (DNS lookup, TCP connect, TLS
 * handshake) of each new connection, and can refuse link-local addresses a name resolves to (a
 * redirect to `metadata.internal` must not reach 169.254.169.254 through DNS either).
 * Use it with a fresh Agent per probe, so every probe pays, and measures, its own connection.
 */
export interface TimedConnector {
  connector: buildConnector.connector;
  /** Phases of the newest connection made (empty when a hop reused a connection). */
  take(): Pick<Phases, 'dns' | 'connect' | 'tls'>;
}

export interface TimedConnectorOptions {
  timeoutMs: number;
  /** Asked at lookup time, so a probe can allow link-local for its own URL and refuse it for redirects. */
  refuseLinkLocal?: () => boolean;
  /** Extra TLS options (a test CA, `rejectUnauthorized`). */
  tls?: ConnectionOptions;
  /** The resolver (dns.lookup by default; tests give names fixed addresses). */
  resolve?: typeof dns.lookup;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function createTimedConnector(opts: TimedConnectorOptions): TimedConnector {
  let phases: Pick<Phases, 'dns' | 'connect' | 'tls'> = {};
  const round = (ms: number): number => Math.round(ms * 10) / 10;

  const lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    const t0 = performance.now();
    (opts.resolve ?? dns.lookup)(hostname, { ...options, all: true }, (err, addresses) => {
      phases.dns = round(performance.now() - t0);
      if (err) return callback(err, []);
      if (opts.refuseLinkLocal?.() && addresses.some((a) => isLinkLocal(a.address))) {
        return callback(new ProbeFailure('redirect_blocked', `Redirect to ${hostname} refused: it resolves to a link-local address`), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };

  const base = buildConnector({ timeout: opts.timeoutMs, lookup, ...opts.tls } as buildConnector.BuildOptions);

  const connector: buildConnector.connector = (options, callback) => {
    phases = {};
    const t0 = performance.now();
    // undici's connector returns the socket although its type says void.
    const socket = (base as unknown as (o: typeof options, cb: typeof callback) => Socket)(options, callback);
    let tcpAt = t0;
    socket.once('connect', () => {
      tcpAt = performance.now();
      phases.connect = round(tcpAt - t0 - (phases.dns ?? 0));
    });
    if (options.protocol === 'https:') socket.once('secureConnect', () => (phases.tls = round(performance.now() - tcpAt)));
  };

  return {
    connector,
    take() {
      const out = phases;
      phases = {};
      return out;
    },
  };
}
