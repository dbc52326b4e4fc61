import { z } from 'zod';
import { defineKind, noSecrets } from './kind';
import { HostName, Port } from './host';

/** A TCP port that must accept a connection within the timeout. */
export const TcpConfig = z.strictObject({
  host: HostName,
  port: Port,
  timeoutMs: z.int().min(100).max(120_000).default(5000),
  /** Connections slower than this are `degraded`. */
  degradedAboveMs: z.int().min(1).max(600_000).default(3000),
});
export type TcpConfig = z.output<typeof TcpConfig>;
export type TcpConfigInput = z.input<typeof TcpConfig>;

/**
 * What a tcp result keeps besides status and latency (the address the connection went to): the keys
 * its probe may write, each optional (a failed probe writes fewer). Stored within the bounds of
 * ProbeDetails.
 */
export const TcpDetails = z
  .object({
    address: z.string().nullable(),
  })
  .partial();
export type TcpDetails = z.infer<typeof TcpDetails>;

/** The tcp kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const tcpKind = defineKind({
  config: TcpConfig,
  details: TcpDetails,
  errors: {} as const,
  secretHeaders: noSecrets,
});
