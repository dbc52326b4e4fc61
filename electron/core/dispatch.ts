import { isMethodName, methods, MUTATING_METHODS, type MethodName, type Service } from '../../shared/api';
import { ApiError, type ApiErrorShape } from '../../shared/errors';
import { friendlyIssues } from '../../shared/validation-messages';

export type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope>;

export interface DispatchOptions {
  /**
   * Development and tests: also check each answer against the method's output schema and turn a
   * mismatch into an `internal` error naming the paths. Off in production, where parsing every
   * answer (dashboards, series, exports) would cost time for a bug the tests already catch.
   */
  checkOutputs?: boolean;
  /**
   * Review mode: the file open read-only. Every method the contract marks `mutates` is refused
   * here with `read_only`, before its input is parsed or the core is called; this is the one
   * check for the whole Api (the store still refuses writes from inside the core, e.g. the scheduler).
   */
  reviewing?: string;
}

/**
 * The one protocol both transports speak: validate the input against the contract, call the
 * service, and turn every failure into a typed error. Bad input never reaches the core.
 */
export function createDispatcher(
  service: Service,
  onInternalError?: (method: string, err: unknown) => void,
  opts: DispatchOptions = {},
): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail(new ApiError('unknown_method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`));
    }
    if (opts.reviewing !== undefined && MUTATING_METHODS.has(method)) {
      return fail(
        new ApiError(
          'read_only',
          `${opts.reviewing} is open read-only for review; ${method} would change it, so it is not allowed.`,
        ),
      );
    }
    const parsed = methods[method].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      // Sentences naming the field, shown at the field and as the error's message.
      const issues = friendlyIssues(parsed.error);
      const first = issues[0];
      const where = first && first.path ? ` (${method} at ${first.path})` : ` (${method})`;
      const more =
        issues.length > 1 ? ` ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''} in this input.` : '';
      return fail(
        new ApiError('invalid_input', `${first?.message ?? 'The input is not valid.'}${where}${more}`, issues),
      );
    }
    try {
      const call = service[method] as (i: unknown) => unknown;
      const result = await call(parsed.data);
      if (opts.checkOutputs) checkOutput(method, result);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof ApiError) return fail(err);
      onInternalError?.(method, err);
      return fail(new ApiError('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
}

/** Throws (as an internal error) when the answer is not what the contract declares; the answer itself is passed on unchanged. */
function checkOutput(method: MethodName, result: unknown): void {
  const checked = methods[method].output.safeParse(result);
  if (checked.success) return;
  const paths = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`answer does not match the contract's output schema: ${paths.join('; ')}`);
}

function fail(err: ApiError): Envelope {
  return { ok: false, error: err.toJSON() };
}

export type { MethodName };
