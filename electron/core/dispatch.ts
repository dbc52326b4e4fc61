import { isMethodName, methods, type MethodName, type Service } from '../../shared/api';
import { ApiError, type ApiErrorShape } from '../../shared/errors';
import { friendlyIssues } from '../../shared/validation-messages';

export type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope>;

/**
 * The one protocol both transports speak: validate the input against the contract, call the
 * service, and turn every failure into a typed error. Bad input never reaches the core.
 */
export function createDispatcher(service: Service, onInternalError?: (method: string, err: unknown) => void): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail(new ApiError('unknown_method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`));
    }
    const parsed = methods[method].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      // Sentences naming the field, shown at the field and as the error's message.
      const issues = friendlyIssues(parsed.error);
      const first = issues[0];
      const where = first && first.path ? ` (${method} at ${first.path})` : ` (${method})`;
      const more = issues.length > 1 ? ` ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''} in this input.` : '';
      return fail(new ApiError('invalid_input', `${first?.message ?? 'The input is not valid.'}${where}${more}`, issues));
    }
    try {
      const call = service[method] as (i: unknown) => unknown;
      return { ok: true, result: await call(parsed.data) };
    } catch (err) {
      if (err instanceof ApiError) return fail(err);
      onInternalError?.(method, err);
      return fail(new ApiError('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
}

function fail(err: ApiError): Envelope {
  return { ok: false, error: err.toJSON() };
}

export type { MethodName };
