import { z } from 'zod';

const httpUrl = z
  .string()
  .trim()
  .min(1, 'Enter a URL')
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'Must be an http:// or https:// URL');

/** Accepted status codes as ranges; `[[200, 299]]` by default. */
const StatusRange = z
  .tuple([z.int().min(100).max(599), z.int().min(100).max(599)])
  .refine(([a, b]) => a <= b, 'Range start must not exceed its end');

export const HttpConfig = z.strictObject({
  url: httpUrl,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string().min(1), z.string()).default({}),
  body: z.string().max(65536).optional(),
  acceptStatus: z.array(StatusRange).min(1).default([[200, 299]]),
  /** Answers slower than this are `degraded` (the platform flags anything over 3 s). */
  degradedAboveMs: z.int().min(1).max(600_000).default(3000),
  timeoutMs: z.int().min(100).max(120_000).default(10_000),
  /** Keyword that must appear in the body (case-sensitive). */
  keyword: z.string().min(1).max(1024).optional(),
  maxRedirects: z.int().min(0).max(20).default(5),
  maxBodyBytes: z.int().min(0).max(64 * 1024 * 1024).default(1024 * 1024),
});
export type HttpConfig = z.output<typeof HttpConfig>;
export type HttpConfigInput = z.input<typeof HttpConfig>;
