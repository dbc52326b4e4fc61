import { z } from 'zod';
import { defineKind, noSecrets } from './kind';
import { HostName, Port, isDnsName } from './host';
import { pemProblem } from './pem';

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

const Pem = z
  .string()
  .trim()
  .max(64 * 1024, 'Extra trusted CA: at most 64 KiB of PEM.')
  .superRefine((s, ctx) => {
    const problem = s === '' ? null : pemProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((s) => (s === '' ? undefined : s));

/** A TLS endpoint whose certificate is checked: chain, host name, expiry, protocol. */
export const TlsConfig = z
  .strictObject({
    host: HostName,
    port: Port.default(443),
    /** Name sent as SNI and matched against the certificate; defaults to `host`. */
    servername: z
      .string()
      .trim()
      .max(253)
      .refine((s) => s === '' || isDnsName(s), 'Not a valid host name')
      .transform((s) => (s === '' ? undefined : s))
      .optional(),
    /** Fewer days left than this: `degraded` (time to renew). */
    warnDays: z.int().min(0).max(3650).default(14),
    /** Fewer days left than this: `down`. */
    failDays: z.int().min(0).max(3650).default(3),
    /** Protocols older than this are `down`, e.g. `TLSv1.2`. */
    minProtocol: z.enum(TLS_VERSIONS).optional(),
    /** Extra trusted CA certificate(s) in PEM for internal hosts, added to the system roots. */
    ca: Pem.optional(),
    timeoutMs: z.int().min(100).max(120_000).default(10_000),
    /** Handshakes slower than this are `degraded`. */
    degradedAboveMs: z.int().min(1).max(600_000).default(3000),
  })
  .refine((c) => c.failDays <= c.warnDays, { path: ['failDays'], message: 'Must not exceed the warning threshold' });
export type TlsConfig = z.output<typeof TlsConfig>;
export type TlsConfigInput = z.input<typeof TlsConfig>;

/**
 * What a tls result keeps besides status and latency (the certificate and the negotiated
 * connection): the keys its probe may write, each optional (a failed probe writes fewer). Stored
 * within the bounds of ProbeDetails.
 */
export const TlsDetails = z
  .object({
    subject: z.string(),
    issuer: z.string(),
    notBefore: z.string(),
    notAfter: z.string(),
    daysLeft: z.number(),
    protocol: z.string().nullable(),
    cipher: z.string().nullable(),
    altNames: z.string(),
    fingerprint256: z.string().nullable(),
    chainValid: z.boolean(),
  })
  .partial();
export type TlsDetails = z.infer<typeof TlsDetails>;

/** The tls kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const tlsKind = defineKind({
  config: TlsConfig,
  details: TlsDetails,
  errors: {
    tls_expiring: 'The certificate expires within the warning (degraded) or failure (down) threshold.',
    tls_protocol: 'The negotiated TLS protocol is older than the minimum the monitor requires.',
    tls_handshake: 'The TLS handshake failed (no common protocol or cipher, or not a TLS server).',
  } as const,
  secretHeaders: noSecrets,
});
