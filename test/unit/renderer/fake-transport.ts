import type { EventName, EventPayload, Input, MethodName, Output, Transport } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import type { ProbeResult } from '../../../shared/result';

type Handler<K extends MethodName> = (input: Input<K>) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in MethodName]?: Handler<K> };

/** In-memory test double for the Transport only: canned handlers per method, events pushed by the test. */
export class FakeTransport implements Transport {
  readonly calls: { method: MethodName; input: unknown }[] = [];
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();

  constructor(public handlers: Handlers = {}) {}

  invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
    this.calls.push({ method, input });
    const handler = this.handlers[method];
    if (!handler) return Promise.reject(new ApiError('unknown_method', `No fake handler for ${method}`));
    return Promise.resolve().then(() => handler(input));
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(payload);
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }
}

export function monitor(id: number, name: string, group = 'Web', over: Partial<Monitor> = {}): Monitor {
  return {
    id,
    name,
    group,
    intervalSec: 60,
    retries: 2,
    paused: false,
    createdAt: 1_700_000_000_000,
    kind: 'http',
    config: {
      url: `https://example.test/${id}`,
      method: 'GET',
      headers: {},
      acceptStatus: [[200, 299]],
      degradedAboveMs: 3000,
      timeoutMs: 10_000,
      maxRedirects: 5,
      maxBodyBytes: 1024 * 1024,
    },
    ...over,
  } as Monitor;
}

export function result(monitorId: number, over: Partial<ProbeResult> = {}): ProbeResult {
  return { monitorId, ts: Date.now(), status: 'up', latencyMs: 120, inMaintenance: false, ...over };
}

/** jsdom has no ResizeObserver; recharts' ResponsiveContainer and react-virtual look for it. */
export function polyfillResizeObserver(): void {
  if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}

/** jsdom does no layout; give recharts' ResponsiveContainer a size so the chart actually renders. */
export function fakeChartLayout(width = 480, height = 240): void {
  const proto = HTMLElement.prototype;
  const original = proto.getBoundingClientRect;
  proto.getBoundingClientRect = function (this: HTMLElement) {
    if (this.classList.contains('recharts-responsive-container')) {
      return {
        x: 0,
        y: 0,
        top: 0,
        left: 0,
        right: width,
        bottom: height,
        width,
        height,
        toJSON: () => ({}),
      };
    }
    return original.call(this);
  };
}

/** A `dashboard.get` answer for the given monitors: uptime ratios and strips the test chooses. */
export function dashboardOf(
  monitors: readonly Monitor[],
  over: Record<number, { d1?: number | null; spark?: string; sloTarget?: number; latest?: ProbeResult }> = {},
): import('../../../shared/dashboard').Dashboard {
  const now = Date.now();
  return {
    now,
    sparkFrom: now - 86_400_000,
    sparkBucketMs: 1_440_000,
    rows: monitors.map((m) => {
      const o = over[m.id] ?? {};
      const u = (r: number | null) => ({
        ratio: r,
        observedFrom: r === null ? null : now - 86_400_000,
        measuredMs: r === null ? 0 : 86_400_000,
        downMs: r === null ? 0 : Math.round((1 - r) * 86_400_000),
        degradedMs: 0,
        maintenanceMs: 0,
        pausedMs: 0,
        gapMs: 0,
      });
      return {
        monitorId: m.id,
        latest: o.latest
          ? {
              ts: o.latest.ts,
              status: o.latest.status,
              latencyMs: o.latest.latencyMs,
              inMaintenance: o.latest.inMaintenance,
              ...(o.latest.message ? { message: o.latest.message } : {}),
            }
          : null,
        uptime: {
          d1: u(o.d1 === undefined ? 1 : o.d1),
          d7: u(o.d1 === undefined ? 1 : o.d1),
          d30: u(o.d1 === undefined ? 1 : o.d1),
        },
        spark: o.spark ?? 'u'.repeat(60),
        sloTarget: o.sloTarget ?? 0.99,
      };
    }),
  };
}
