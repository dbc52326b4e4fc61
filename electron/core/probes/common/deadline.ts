/**
 * One probe's abort signal: aborted when the probe's own timeout passes or when the monitor's
 * signal (`parent`) aborts. The scheduler keeps one parent signal per monitor across all its
 * probes, so nothing may stay attached to it after a probe: `AbortSignal.any([..., parent])`
 * would (Node 20 keeps every dependant signal in the parent's set for good), so this listens
 * itself and `end()` takes the listener and the timer off again.
 */
export interface ProbeDeadline {
  /** Aborted by the timeout or the parent; hand this to everything the probe starts. */
  signal: AbortSignal;
  /** Aborted only by the timeout, to tell "too slow" from "cancelled". */
  timeout: AbortSignal;
  /** The probe is over: detach from the parent and drop the timer. Call in `finally`. */
  end(): void;
}

export function probeDeadline(parent: AbortSignal, timeoutMs: number): ProbeDeadline {
  const either = new AbortController();
  const timeout = new AbortController();
  const onParentAbort = () => either.abort(parent.reason);
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (parent.aborted) {
    either.abort(parent.reason);
  } else {
    parent.addEventListener('abort', onParentAbort, { once: true });
    timer = setTimeout(() => {
      timer = undefined;
      // The same reason AbortSignal.timeout gives, so callers see what they saw before.
      timeout.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      either.abort(timeout.signal.reason);
    }, timeoutMs);
    // Like AbortSignal.timeout: a pending deadline alone does not keep the process alive.
    timer.unref();
  }
  return {
    signal: either.signal,
    timeout: timeout.signal,
    end() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      parent.removeEventListener('abort', onParentAbort);
    },
  };
}
