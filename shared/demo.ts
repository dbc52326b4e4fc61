import { z } from 'zod';

/**
 * Named outages the demo platform can act out, so a newcomer sees an incident without building a
 * broken server. Each is one switch; several can be on at once.
 */
export const DEMO_FAULTS = [
  'stallStream',
  'slowSegments',
  'submissionsFail',
  'submissionsVanish',
  'slowWebPage',
  'refuseConnections',
] as const;
export const DemoFaultName = z.enum(DEMO_FAULTS, { error: 'Choose one of the demo platform’s faults.' });
export type DemoFaultName = z.infer<typeof DemoFaultName>;

/** What each switch does, in the operator's words (the panel's labels and hints). */
export const DEMO_FAULT_LABELS: Record<DemoFaultName, { label: string; hint: string }> = {
  stallStream: {
    label: 'Stall the live stream',
    hint: 'The playlist stops moving: the stream monitor goes down as stale.',
  },
  slowSegments: {
    label: 'Slow stream segments',
    hint: 'Segments take longer to download than they last: the stream is degraded.',
  },
  submissionsFail: {
    label: 'Submissions fail (HTTP 500)',
    hint: 'POST /api/submissions answers 500 and accepts nothing.',
  },
  submissionsVanish: {
    label: 'Submissions never appear',
    hint: 'Submissions are accepted (202) but never become visible.',
  },
  slowWebPage: {
    label: 'Slow web page (over 3 s)',
    hint: 'The home page answers after 3.5 s: the web monitor is degraded.',
  },
  refuseConnections: {
    label: 'Refuse all connections',
    hint: 'Every platform port stops listening: everything is down.',
  },
};

export const DemoFaultInput = z.union([
  z.strictObject({
    fault: DemoFaultName,
    on: z.boolean({ error: 'Say whether to turn the fault on or off.' }).default(true),
  }),
  z.strictObject({ clear: z.literal(true) }),
]);
export type DemoFaultInput = z.input<typeof DemoFaultInput>;

export const DemoFaults = z.object({
  /** False when the demo platform is not running (no demo workspace in this database). */
  running: z.boolean(),
  active: z.array(DemoFaultName),
});
export type DemoFaults = z.infer<typeof DemoFaults>;
