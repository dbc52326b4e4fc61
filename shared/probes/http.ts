import { z } from 'zod';
import { defineKind, isAlwaysSecretHeader } from './kind';
import { parseJsonAssertion } from './json-assertion';
import { StatusRange } from './status-range';
import { httpUrl } from './url';

const targetUrl = httpUrl('Enter a URL');

const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Not a valid header name');
const HeaderValue = z
  .string()
  .max(8192)
  .refine((v) => !/[\r\n\0]/.test(v), 'Header values cannot contain line breaks');

const JsonAssertionSource = z
  .string()
  .trim()
  .min(1, 'Enter an expression such as $.queue.depth < 100')
  .max(512)
  .superRefine((src, ctx) => {
    const parsed = parseJsonAssertion(src);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

/** The fields without the cross-field rules, for kinds that reuse them (`.pick`, `.extend`). */
export const HttpConfigFields = z.strictObject({
  url: targetUrl,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(HeaderName, HeaderValue).default({}),
  /**
   * Names of headers in `headers` that hold secrets (tokens, API keys): dropped when a redirect
   * crosses to another origin, like Authorization and Cookie always are, and encrypted at rest.
   */
  secretHeaders: z.array(HeaderName).max(32).default([]),
  body: z.string().max(65536).optional(),
  /** Accepted status codes as inclusive ranges; `[[200, 299]]` by default. */
  acceptStatus: z
    .array(StatusRange)
    .min(1, 'Accept at least one status code')
    .max(32)
    .default([[200, 299]]),
  /** Answers slower than this are `degraded` (the platform flags anything over 3 s). */
  degradedAboveMs: z.int().min(1).max(600_000).default(3000),
  /** One overall deadline for the whole probe, redirects and body included. */
  timeoutMs: z.int().min(100).max(120_000).default(10_000),
  /** Text that must appear in the (decoded) body; case-sensitive. */
  keyword: z.string().min(1).max(1024).optional(),
  /** Text that must not appear in the body, e.g. "maintenance"; case-sensitive. */
  absentKeyword: z.string().min(1).max(1024).optional(),
  /** e.g. `$.queue.depth < 100`, `$.status == "ok"`, `$.items[0].id exists`. */
  jsonAssert: JsonAssertionSource.optional(),
  /** Failed keyword / JSON assertions make the result `degraded` instead of `down`. */
  softAssertions: z.boolean().default(false),
  maxRedirects: z.int().min(0).max(20).default(5),
  /** Let redirects go to 169.254.0.0/16 and fe80::/10 (cloud metadata endpoints live there). */
  allowLinkLocal: z.boolean().default(false),
  /** Cap on bytes read from the wire. */
  maxBodyBytes: z
    .int()
    .min(0)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** Separate cap on the decompressed body, so a small gzip bomb cannot expand without bound. */
  maxDecodedBytes: z
    .int()
    .min(0)
    .max(64 * 1024 * 1024)
    .default(2 * 1024 * 1024),
});

export const HttpConfig = HttpConfigFields.superRefine((c, ctx) => {
  const names = new Set(Object.keys(c.headers).map((h) => h.toLowerCase()));
  c.secretHeaders.forEach((h, i) => {
    if (!names.has(h.toLowerCase()))
      ctx.addIssue({ code: 'custom', path: ['secretHeaders', i], message: `No header named ${h}` });
  });
});
export type HttpConfig = z.output<typeof HttpConfig>;
export type HttpConfigInput = z.input<typeof HttpConfig>;

/**
 * What a http result keeps besides status and latency (what one answered request measured): the
 * keys its probe may write, each optional (a failed probe writes fewer). Stored within the bounds
 * of ProbeDetails.
 */
export const HttpDetails = z
  .object({
    httpStatus: z.int(),
    /** Bytes read off the wire (before decompression). */
    bytes: z.number(),
    contentEncoding: z.string(),
    redirects: z.int(),
    finalUrl: z.string(),
  })
  .partial();
export type HttpDetails = z.infer<typeof HttpDetails>;

/** The http kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const httpKind = defineKind({
  config: HttpConfig,
  details: HttpDetails,
  errors: {
    assertion: 'The answer did not pass a keyword or JSON assertion.',
    body_too_large: 'The response body (bytes read, or its decompressed size) exceeds the configured cap.',
  } as const,
  /** The headers named in `secretHeaders`, plus Authorization, Proxy-Authorization and Cookie. */
  secretHeaders: (c) => {
    const named = new Set(c.secretHeaders.map((h) => h.toLowerCase()));
    return [{ headers: c.headers, secret: (n) => isAlwaysSecretHeader(n) || named.has(n.toLowerCase()) }];
  },
});
