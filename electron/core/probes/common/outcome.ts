import type { ProbeOutcome } from '../../../../shared/result';
import { formatMs } from './format-duration';

type Answered = Omit<ProbeOutcome, 'status' | 'errorCode' | 'message'> & { latencyMs: number };

/**
 * A target that answered correctly: `up`, or `degraded` with `slow` when it took longer than the
 * threshold (the platform flags anything over 3 s). `took` phrases what was slow with the
 * formatted duration, e.g. (d) => `example.org:443 accepted the connection in ${d}`.
 */
export function answered(o: Answered, thresholdMs: number, took: (duration: string) => string): ProbeOutcome {
  if (o.latencyMs <= thresholdMs) return { status: 'up', ...o };
  return {
    status: 'degraded',
    ...o,
    errorCode: 'slow',
    message: `${took(formatMs(o.latencyMs))}, above the ${formatMs(thresholdMs)} threshold`,
  };
}

/** The app cancelled the probe (monitor deleted, shutting down): the target's health is not known. */
export function cancelled(): ProbeOutcome {
  return { status: 'unknown', latencyMs: null, errorCode: 'cancelled', message: 'Probe cancelled' };
}
