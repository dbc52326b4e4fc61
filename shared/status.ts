import { z } from 'zod';

/**
 * Status of one probe result (ARCHITECTURE.md "Monitors, probes and status").
 * The order is also the on-disk code (results.status is a small int), so it is append-only.
 */
export const STATUSES = ['up', 'degraded', 'down', 'unknown'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export function statusCode(s: Status): number {
  return STATUSES.indexOf(s);
}

export function statusFromCode(code: number): Status {
  const s = STATUSES[code];
  if (!s) throw new Error(`unknown status code ${code}`);
  return s;
}
