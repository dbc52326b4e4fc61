import { z } from 'zod';
import { defineKind, noSecrets } from './kind';
import { isDnsName, isIpv4, isIpv6 } from './host';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/**
 * A DNS server to ask: `10.0.0.53`, `10.0.0.53:5353`, `2001:db8::53` or `[2001:db8::53]:5353`.
 * Must be an IP address: the resolver does not look up its own server's name.
 */
const DnsServer = z
  .string()
  .trim()
  .max(64)
  .refine(
    (s) => s === '' || parseDnsServer(s) !== null,
    'Use an IP address, optionally with a port: 10.0.0.53 or 10.0.0.53:5353 or [2001:db8::53]:53',
  )
  .transform((s) => (s === '' ? undefined : s));

/** `host[:port]` → its parts, or null when it is not an IP address with an optional port 1-65535. */
export function parseDnsServer(s: string): { host: string; port: number } | null {
  let host = s;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
    if (!isIpv6(host)) return null;
  } else if (isIpv6(s)) {
    host = s;
  } else {
    const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(s);
    if (!m || !isIpv4(m[1]!)) return null;
    host = m[1]!;
    if (m[2] !== undefined) port = Number(m[2]);
  }
  return port >= 1 && port <= 65535 ? { host, port } : null;
}

/** Why an expected value cannot be an answer of this record type, or null. */
export function expectedProblem(type: DnsRecordType, value: string): string | null {
  switch (type) {
    case 'A':
      return isIpv4(value)
        ? null
        : `Expected answer “${value}” is not an IPv4 address (an A record answers e.g. 203.0.113.7).`;
    case 'AAAA':
      return isIpv6(value.replace(/^\[|\]$/g, ''))
        ? null
        : `Expected answer “${value}” is not an IPv6 address (an AAAA record answers e.g. 2001:db8::7).`;
    case 'CNAME':
      return isDnsName(value)
        ? null
        : `Expected answer “${value}” is not a host name (a CNAME record answers e.g. edge.example.net).`;
    case 'MX': {
      const m = /^(?:(\d{1,5})\s+)?(\S+)$/.exec(value);
      return m && isDnsName(m[2]!) && (m[1] === undefined || Number(m[1]) <= 65535)
        ? null
        : `Expected answer “${value}” is not a mail host (an MX record answers e.g. mx1.example.com or 10 mx1.example.com).`;
    }
    case 'TXT':
      return null;
  }
}

export const DnsConfig = z
  .strictObject({
    /** The name to resolve, e.g. `live.example.com` or `_dmarc.example.com`. */
    name: z
      .string()
      .trim()
      .min(1, 'Enter a name to resolve')
      .max(254)
      .refine(isDnsName, 'Not a valid DNS name (e.g. live.example.com)'),
    type: z.enum(DNS_RECORD_TYPES).default('A'),
    /** Absent or empty: the system's resolvers (resolv.conf). Otherwise ask this server only. */
    server: DnsServer.optional(),
    /**
     * Expected answers: addresses for A / AAAA, the target for CNAME, the exchange (optionally
     * prefixed with its preference, `10 mx1.example.com`) for MX, the full text for TXT.
     */
    expected: z
      .array(z.string().trim().max(255))
      .max(32, 'At most 32 expected values')
      .default([])
      .transform((values) => values.filter((v) => v !== '')),
    /** `any`: at least one expected value is in the answer; `all`: every one is. */
    match: z.enum(['any', 'all']).default('any'),
    timeoutMs: z.int().min(100).max(60_000).default(5000),
    /** Resolutions slower than this are `degraded`. */
    degradedAboveMs: z.int().min(1).max(600_000).default(3000),
  })
  .superRefine((c, ctx) => {
    // Refused when saved: an A record can never answer `not-an-ip`, so the monitor would only ever fail.
    for (const v of c.expected) {
      const problem = expectedProblem(c.type, v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['expected'] });
    }
  });
export type DnsConfig = z.output<typeof DnsConfig>;
export type DnsConfigInput = z.input<typeof DnsConfig>;

/**
 * What a dns result keeps besides status and latency (the answers and who gave them): the keys its
 * probe may write, each optional (a failed probe writes fewer). Stored within the bounds of
 * ProbeDetails.
 */
export const DnsDetails = z
  .object({
    /** The server asked, or `system`. */
    server: z.string(),
    answers: z.array(z.string()),
    /** A / AAAA only: the lowest TTL among the answers, in seconds. */
    ttl: z.number(),
  })
  .partial();
export type DnsDetails = z.infer<typeof DnsDetails>;

/** The dns kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const dnsKind = defineKind({
  config: DnsConfig,
  details: DnsDetails,
  errors: {
    dns_no_data: 'The name exists but has no records of the requested type.',
    dns_timeout: 'The DNS server did not answer within the timeout.',
    dns_servfail: 'The DNS server answered SERVFAIL (it could not resolve the name).',
    dns_refused: 'The DNS server refused the query.',
    dns_mismatch: 'The DNS answer does not contain the expected values.',
  } as const,
  secretHeaders: noSecrets,
});
