import { z } from 'zod';
import { Monitor, MonitorDraft, MonitorId } from './monitor';
import { ProbeResult, Series } from './result';
import { Settings, SettingsPatch } from './settings';

/**
 * The Api contract: the one place a method or an event is declared.
 * Both transports (Electron IPC and the serve WebSocket) and the renderer's client are derived
 * from these two tables; the core's service `satisfies Service`.
 */

const NoInput = z.strictObject({}).default({});

/** Chart ranges are bounded so a typo cannot ask for a million buckets or a century of data. */
const SeriesQuery = z
  .strictObject({
    monitorId: MonitorId,
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
    maxPoints: z.int().min(1).max(2000).default(1000),
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'serve']),
  dbPath: z.string(),
  readOnly: z.boolean(),
  /** True until the operator has created a monitor or declined the demo. */
  firstRun: z.boolean(),
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const methods = {
  'app.info': { input: NoInput, output: AppInfo },
  /** Loads the demo workspace (monitors probing the demo platform started on loopback). */
  'demo.load': { input: NoInput, output: z.object({ monitors: z.int() }) },
  /** Records that the operator declined the demo, so it is not offered again. */
  'demo.decline': { input: NoInput, output: z.object({ ok: z.literal(true) }) },
  'monitors.list': { input: NoInput, output: z.array(Monitor) },
  'monitors.create': { input: MonitorDraft, output: Monitor },
  'monitors.update': { input: z.strictObject({ id: MonitorId, monitor: MonitorDraft }), output: Monitor },
  'monitors.delete': { input: z.strictObject({ id: MonitorId }), output: z.object({ id: MonitorId }) },
  /** Latest result of each monitor (or of the given ones). */
  'results.latest': {
    input: z.strictObject({ monitorIds: z.array(MonitorId).max(10_000).optional() }).default({}),
    output: z.array(ProbeResult),
  },
  /** Newest results of one monitor, newest first. */
  'results.recent': {
    input: z.strictObject({ monitorId: MonitorId, limit: z.int().min(1).max(1000).default(50) }),
    output: z.array(ProbeResult),
  },
  'series.get': { input: SeriesQuery, output: Series },
  // — settings —
  'settings.get': { input: NoInput, output: Settings },
  /** Section-wise merge; the merged whole is validated (field paths in the error). */
  'settings.update': { input: SettingsPatch, output: Settings },
} as const;

export const events = {
  /** Every stored probe result, as it is written. */
  result: ProbeResult,
  /** The monitor list changed (created, updated, deleted, demo loaded). */
  monitors: z.object({ reason: z.enum(['created', 'updated', 'deleted', 'loaded']), id: MonitorId.optional() }),
  /** Settings changed (from any window). */
  settings: Settings,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (defaults not yet applied). */
export type Input<K extends MethodName> = z.input<Methods[K]['input']>;
/** What the core receives (validated, defaults applied). */
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type Output<K extends MethodName> = z.output<Methods[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The core's façade; `service satisfies Service` keeps it in step with the contract. */
export type Service = { [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The client side, identical over either transport. */
export interface Transport {
  invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Messages on the serve WebSocket. */
export const WsRequest = z.strictObject({ id: z.int().nonnegative(), method: z.string(), input: z.unknown() });
export type WsRequest = z.infer<typeof WsRequest>;
