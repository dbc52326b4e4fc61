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

/** The tcp kind: its config, the error codes its probe adds to the common ones, its secrets. */
export const tcpKind = defineKind({
  config: TcpConfig,
  errors: {} as const,
  secretHeaders: noSecrets,
});
