import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isLinkLocal } from '../../probes/common/redirects';
import { DeliveryError } from './delivery-error';

/**
 * Channels never reach link-local addresses (cloud metadata at 169.254.169.254), neither by
 * address nor through a name that resolves there; checked again on every connection.
 */
export function linkLocalRefusal(host: string): DeliveryError {
  return new DeliveryError(
    'link_local',
    `${host} resolves to a link-local address (cloud metadata); alerts are never sent there`,
    false,
  );
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net / tls / undici connect options that refuses link-local answers. */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number },
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
    if (err) return callback(err, []);
    if (addresses.some((a) => isLinkLocal(a.address))) return callback(linkLocalRefusal(hostname), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

/** Resolves once and refuses link-local: for clients that take no lookup (nodemailer). */
export async function assertNotLinkLocal(host: string): Promise<void> {
  if (isLinkLocal(host)) throw linkLocalRefusal(host);
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, a) => (err ? reject(err) : resolve(a))),
  );
  if (addresses.some((a) => isLinkLocal(a.address))) throw linkLocalRefusal(host);
}
