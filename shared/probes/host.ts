import { z } from 'zod';

/**
 * Host fields of the network kinds (tcp, tls, dns server). shared/ cannot use node:net, so the
 * checks are syntactic: a DNS name, an IPv4 address, or an IPv6 address (brackets tolerated).
 */
const DNS_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIpv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(':')) return false;
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = parts.flatMap((p) => (p === '' ? [] : p.split(':')));
  const last = groups[groups.length - 1];
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !isIpv4(last)) return false;
  const hex = v4Tail ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4Tail ? 2 : 0);
  return parts.length === 2 ? count < 8 : count === 8;
}

export function isDnsName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  return name.length > 0 && name.length <= 253 && name.split('.').every((l) => DNS_LABEL.test(l)) && !IPV4.test(name);
}

/** A host to connect to: name or IP address; `[::1]` is stored as `::1`. */
export const HostName = z
  .string()
  .trim()
  .min(1, 'Enter a host name or IP address')
  .max(253)
  .transform((s) => (s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s))
  .refine(
    (s) => isDnsName(s) || isIpv4(s) || isIpv6(s),
    'Not a host name or IP address (e.g. db.internal or 10.0.0.5)',
  );

export const Port = z
  .int('Enter a port number')
  .min(1, 'Ports run from 1 to 65535')
  .max(65535, 'Ports run from 1 to 65535');
