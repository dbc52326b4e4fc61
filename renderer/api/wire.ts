import { ApiError, ERROR_CODES, type ErrorCode, type InputIssue } from '../../shared/errors';

/** Rebuilds an ApiError from whatever came over the wire, without trusting its shape. */
export function toApiError(raw: unknown): ApiError {
  if (raw && typeof raw === 'object') {
    const e = raw as { code?: unknown; message?: unknown; issues?: unknown };
    const code: ErrorCode = (ERROR_CODES as readonly unknown[]).includes(e.code) ? (e.code as ErrorCode) : 'internal';
    const message = typeof e.message === 'string' ? e.message : 'Unknown error';
    const issues = Array.isArray(e.issues)
      ? e.issues
          .filter(
            (i: unknown): i is InputIssue =>
              !!i &&
              typeof i === 'object' &&
              typeof (i as { path?: unknown }).path === 'string' &&
              typeof (i as { message?: unknown }).message === 'string',
          )
          .map((i) => ({ path: i.path, message: i.message }))
      : undefined;
    return ApiError.from(issues ? { code, message, issues } : { code, message });
  }
  return new ApiError('internal', typeof raw === 'string' ? raw : 'Unknown error');
}
