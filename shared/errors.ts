import { z } from 'zod';

/** Stable error codes carried across both transports. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'unknown_method',
  'read_only',
  'unauthorized',
  'conflict',
  'internal',
  /** A notice template does not compile or render (issues: `parts.<part>` with line, column and name). */
  'template_error',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const InputIssue = z.object({
  /** Dotted path into the input, e.g. `config.url`; empty for the input as a whole. */
  path: z.string(),
  message: z.string(),
});
export type InputIssue = z.infer<typeof InputIssue>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(InputIssue).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** The one error type thrown by the core and rebuilt on the client side of either transport. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: InputIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: InputIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toJSON(): ApiErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.issues);
  }
}

/** Turns zod issues into transport-friendly `{path, message}` pairs. */
export function issuesFromZod(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
