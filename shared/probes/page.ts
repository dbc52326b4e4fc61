import { z } from 'zod';
import { defineKind, noSecrets } from './kind';
import { httpUrl } from './url';

/** A page loaded in a real browser, as a person sees it. */
export const PageConfig = z.strictObject({
  url: httpUrl('Enter the page URL'),
  /** Pages whose load event comes later than this are `degraded` (the platform's target is 3 s). */
  degradedAboveMs: z.int().min(1).max(600_000).default(3000),
  /** Navigation deadline (starting the browser is not counted). */
  timeoutMs: z.int().min(1000).max(120_000).default(30_000),
  /** Let the page or its redirects reach 169.254.0.0/16 and fe80::/10 (cloud metadata endpoints). */
  allowLinkLocal: z.boolean().default(false),
});
export type PageConfig = z.output<typeof PageConfig>;
export type PageConfigInput = z.input<typeof PageConfig>;

/**
 * What a page result keeps besides status and latency (the browser's navigation timing, in ms from
 * navigation start): the keys its probe may write, each optional (a failed probe writes fewer).
 * Stored within the bounds of ProbeDetails.
 */
export const PageDetails = z
  .object({
    ttfbMs: z.number().nullable(),
    domContentLoadedMs: z.number().nullable(),
    loadMs: z.number().nullable(),
    lcpMs: z.number().nullable(),
    httpStatus: z.int().nullable(),
    finalUrl: z.string(),
  })
  .partial();
export type PageDetails = z.infer<typeof PageDetails>;

/** The page kind: config, result details, the error codes its probe adds to the common ones, secrets. */
export const pageKind = defineKind({
  config: PageConfig,
  details: PageDetails,
  errors: {
    browser_unavailable: 'No browser to load the page with: the result is unknown (not a fault of the target).',
    page_failed: 'The browser could not load the page; the message has the error the browser gave.',
  } as const,
  secretHeaders: noSecrets,
});
