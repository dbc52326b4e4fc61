import { z } from 'zod';
import { defineKind, isAlwaysSecretHeader } from './kind';
import { StatusRange } from './status-range';
import { HTTP_URL_MESSAGE, isHttpUrl } from './url';

/**
 * A task-submission transaction: HTTP steps run in order, each able to capture values (JSON path
 * `$.a.b[0]` from the body, or `header:name`) into variables that later steps use as `{{name}}`
 * in their URL (inserted percent-encoded, except `/`), headers and body (inserted as is). Built-ins: `{{$uuid}}`
 * (fresh per run) and `{{$now}}` (ms since epoch). The last step may poll until it succeeds.
 */

export const SUBMIT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export const MAX_SUBMIT_STEPS = 10;

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const VAR_USE = /\{\{\s*([^{}]*?)\s*\}\}/g;
export const BUILTIN_VARS = ['$uuid', '$now'] as const;

/** Variable names a template uses, in order of appearance. */
export function templateVars(template: string): string[] {
  return [...template.matchAll(VAR_USE)].map((m) => m[1] ?? '');
}

/** `$.token`, `$.data.items[0].id`, `$['odd key']`, or `header:location`. */
const CAPTURE_SOURCE = /^(\$((\.[A-Za-z_$][\w$-]*)|(\[\d+\])|(\['[^']*'\]))*|header:[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

const templateUrl = z
  .string()
  .trim()
  .min(1, 'Enter a URL')
  // Variables stand in for parts of the URL (a path from a Location header, an id), so check it
  // with the placeholders filled in either way.
  .refine((s) => isHttpUrl(s.replace(VAR_USE, 'x')) || isHttpUrl(s.replace(VAR_USE, '')), HTTP_URL_MESSAGE);

export const SubmitStep = z.strictObject({
  /** Shown in errors and charts; defaults to "METHOD /path". */
  name: z.string().trim().max(60).optional(),
  method: z.enum(SUBMIT_METHODS).default('GET'),
  url: templateUrl,
  headers: z.record(z.string().min(1), z.string().max(8192)).default({}),
  body: z.string().max(65536).optional(),
  expectStatus: z
    .array(StatusRange)
    .min(1)
    .default([[200, 299]]),
  /** variable name → source (`$.path` or `header:name`). */
  capture: z
    .record(
      z.string().regex(VAR_NAME, 'Variable names are letters, digits and _ (not starting with a digit)'),
      z.string().trim().regex(CAPTURE_SOURCE, 'Use a JSON path like $.token or header:location'),
    )
    .default({}),
  timeoutMs: z.int().min(100).max(60_000).default(10_000),
  /**
   * Only on the last step: repeat it every `intervalMs` until its status is accepted or `timeoutMs`
   * passes (a submission that is accepted but never becomes visible is `submit_not_visible`).
   */
  poll: z
    .strictObject({
      timeoutMs: z.int().min(100).max(300_000).default(10_000),
      intervalMs: z.int().min(50).max(60_000).default(500),
    })
    .optional(),
});
export type SubmitStep = z.output<typeof SubmitStep>;

export const SubmitConfig = z
  .strictObject({
    steps: z
      .array(SubmitStep)
      .min(1, 'Add at least one step')
      .max(MAX_SUBMIT_STEPS, `At most ${MAX_SUBMIT_STEPS} steps`),
    /** Whole transaction slower than this (polling included) is `degraded`. */
    degradedAboveMs: z.int().min(1).max(600_000).default(3000),
    /** One deadline over every step and the polling. */
    timeoutMs: z.int().min(100).max(600_000).default(30_000),
    /** Bytes read per response; captures only need the start of a body. */
    maxBodyBytes: z
      .int()
      .min(0)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
  })
  .superRefine((c, ctx) => {
    const known = new Set<string>(BUILTIN_VARS);
    c.steps.forEach((step, i) => {
      if (step.poll && i !== c.steps.length - 1) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'poll'], message: 'Only the last step can poll' });
      }
      const uses: [string, string][] = [
        ['url', step.url],
        ...(step.body !== undefined ? [['body', step.body] as [string, string]] : []),
      ];
      for (const [k, v] of Object.entries(step.headers)) uses.push([`headers.${k}`, v]);
      for (const [field, text] of uses) {
        for (const name of templateVars(text)) {
          if (known.has(name)) continue;
          const path: (string | number)[] = ['steps', i, ...field.split(/\.(.*)/s).filter(Boolean)];
          ctx.addIssue({ code: 'custom', path, message: `{{${name}}} is not captured by an earlier step` });
        }
      }
      for (const name of Object.keys(step.capture)) known.add(name);
    });
  });
export type SubmitConfig = z.output<typeof SubmitConfig>;
export type SubmitConfigInput = z.input<typeof SubmitConfig>;

/**
 * What a submit result keeps besides status and latency (per-step labels, times and statuses of one
 * run): the keys its probe may write, each optional (a failed probe writes fewer). Stored within
 * the bounds of ProbeDetails.
 */
export const SubmitDetails = z
  .object({
    steps: z.array(z.string()),
    /** One per step reached; a step not reached has none. */
    stepMs: z.array(z.number()),
    stepStatus: z.array(z.number()),
    confirmTries: z.int(),
    totalMs: z.number(),
  })
  .partial();
export type SubmitDetails = z.infer<typeof SubmitDetails>;

/** The submit kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const submitKind = defineKind({
  config: SubmitConfig,
  details: SubmitDetails,
  errors: {
    submit_status: 'A step answered with a status code it does not accept.',
    submit_capture: "A step's answer lacks a value to capture (JSON path or header not found).",
    submit_variable: 'A step uses a {{variable}} no earlier step captured.',
    submit_not_visible: 'The submission was accepted but the polling step never saw it within its timeout.',
    submit_failed: 'A step failed for a reason not listed here; the message names the step and the error.',
  } as const,
  /**
   * Each step's credential headers; a value built from a captured variable (`Bearer {{token}}`) is
   * a template, not a secret.
   */
  secretHeaders: (c) =>
    c.steps.map((s) => ({ headers: s.headers, secret: (n, v) => isAlwaysSecretHeader(n) && !v.includes('{{') })),
});
