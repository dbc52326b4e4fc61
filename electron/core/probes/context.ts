import type { ProbeOutcome } from '../../../shared/result';

/** What every probe receives besides its own config. */
export interface ProbeContext {
  /** Aborted when the monitor is deleted or the app shuts down. */
  signal: AbortSignal;
}

export type ProbeFn<C> = (config: C, ctx: ProbeContext) => Promise<ProbeOutcome>;
