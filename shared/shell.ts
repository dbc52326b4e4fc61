import { z } from 'zod';

/** What the shell around the core can do on this machine; shown on the Settings page. */
export const ShellInfo = z.object({
  secrets: z.object({
    protection: z.enum(['os-keychain', 'key-file']),
    /** Why the weaker protection is used, when it is (no keyring: safeStorage's basic_text backend). */
    note: z.string().nullable(),
  }),
  /** Desktop only: open Lookout when the operator logs in. */
  startAtLogin: z.object({ supported: z.boolean(), enabled: z.boolean() }),
  /** Serve mode only: the access token is kept per database until rotated. */
  serveToken: z.object({ supported: z.boolean() }),
  /** Where Prometheus scrapes Lookout's own /metrics while it is on (the serve token as bearer), else null. */
  metricsUrl: z.string().nullable(),
});
export type ShellInfo = z.infer<typeof ShellInfo>;

export const StartAtLoginInput = z.strictObject({ enabled: z.boolean() });

/** The new URL, with the new token; every other open tab must be given it. */
export const RotatedToken = z.object({ url: z.string() });
