import type { ProbeResult } from '../../../shared/result';
import { statusCode } from '../../../shared/status';
import { encodeDetails } from './result-details';

/** A row of the results table as SQLite returns it (and a queued result as it will be stored). */
export interface ResultRow {
  monitor_id: number;
  ts: number;
  status: number;
  latency: number | null;
  dns: number | null;
  connect: number | null;
  tls: number | null;
  ttfb: number | null;
  download: number | null;
  error_code: string | null;
  message: string | null;
  in_maintenance: number;
  details: string | null;
}

/**
 * Results waiting for the writer, column by column in typed arrays rather than as the objects the
 * pipeline made. Held for up to two minutes (thousands at a time, fifty thousand in the scheduler
 * bench), the objects outlived V8's young generation: every scavenge copied them and they were
 * promoted, so a day of results went through the old generation and its mark-compacts, and the
 * writer then walked them scattered over the heap. As columns, a result is about 90 bytes in a
 * few contiguous arrays, the pipeline's objects die young, and the writer reads memory in order.
 * Latencies and phases are kept as stored (whole ms), NaN for NULL; details encoded as stored.
 */
export interface ResultQueue {
  readonly length: number;
  push(r: ProbeResult): void;
  /** Drops the oldest result (the queue is at its bound while writes fail). */
  dropOldest(): void;
  /** Drops the first `n` results (they were written). */
  shift(n: number): void;
  /** Drops every result of a monitor (it is about to be deleted). */
  dropMonitor(monitorId: number): void;
  /**
   * Positions of the first `n` results in key order (monitor, then time; stable, so of two
   * results of one monitor in the same ms the first to arrive comes first). Grouped by monitor
   * in one counting pass rather than comparison-sorted: results arrive in due order, monitors
   * interleaved, and each monitor's own results are nearly always in time order already.
   */
  keyOrder(n: number): Int32Array;
  monitorAt(i: number): number;
  tsAt(i: number): number;
  statusAt(i: number): number;
  latencyAt(i: number): number | null;
  inMaintenanceAt(i: number): boolean;
  /** Only a status, a latency and the maintenance flag (most results; a shorter insert). */
  plainAt(i: number): boolean;
  rowAt(i: number): ResultRow;
}

const START = 1024;

function whole(v: number | null | undefined): number {
  return v === null || v === undefined || !Number.isFinite(v) ? NaN : Math.round(v);
}
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function createResultQueue(): ResultQueue {
  let cap = START;
  // Live results are [head, tail); `head` moves on as batches are written, compacted when past half.
  let head = 0;
  let tail = 0;
  let mon = new Float64Array(cap);
  let ts = new Float64Array(cap);
  let status = new Uint8Array(cap);
  let maint = new Uint8Array(cap);
  let latency = new Float64Array(cap);
  // The rest only for results that have them: most rows leave these undefined / NaN.
  let phases = new Float64Array(cap * 5);
  let errorCode: (string | undefined)[] = [];
  let message: (string | undefined)[] = [];
  let details: (string | undefined)[] = [];
  let plain = new Uint8Array(cap);

  function resize(next: number): void {
    const n = tail - head;
    const grow = <T extends Float64Array | Uint8Array>(a: T, per = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(next * per);
      b.set(a.subarray(head * per, tail * per));
      return b;
    };
    mon = grow(mon);
    ts = grow(ts);
    status = grow(status);
    maint = grow(maint);
    latency = grow(latency);
    phases = grow(phases, 5);
    plain = grow(plain);
    errorCode = errorCode.slice(head, tail);
    message = message.slice(head, tail);
    details = details.slice(head, tail);
    cap = next;
    head = 0;
    tail = n;
  }

  function compact(): void {
    // Only the live part moves; sizes stay (a queue that was large once is likely to be again).
    resize(cap);
  }

  const q: ResultQueue = {
    get length() {
      return tail - head;
    },
    push(r) {
      if (tail === cap) {
        if (head > cap / 2) compact();
        else resize(cap * 2);
      }
      const i = tail++;
      mon[i] = r.monitorId;
      ts[i] = Math.floor(r.ts);
      status[i] = statusCode(r.status);
      maint[i] = r.inMaintenance ? 1 : 0;
      latency[i] = whole(r.latencyMs);
      const p = r.phases;
      const o = i * 5;
      phases[o] = whole(p?.dns);
      phases[o + 1] = whole(p?.connect);
      phases[o + 2] = whole(p?.tls);
      phases[o + 3] = whole(p?.ttfb);
      phases[o + 4] = whole(p?.download);
      // The message is kept only for results that are not up (migrations.ts, the results table).
      const msg = r.status === 'up' ? undefined : r.message;
      const det = r.details === undefined ? undefined : encodeDetails(r.details);
      errorCode[i] = r.errorCode;
      message[i] = msg;
      details[i] = det;
      plain[i] = p === undefined && r.errorCode === undefined && msg === undefined && det === undefined ? 1 : 0;
    },
    dropOldest() {
      if (tail > head) {
        errorCode[head] = message[head] = details[head] = undefined;
        head++;
      }
    },
    shift(n) {
      const to = Math.min(tail, head + n);
      for (let i = head; i < to; i++) errorCode[i] = message[i] = details[i] = undefined;
      head = to;
      if (head === tail) head = tail = 0;
      errorCode.length = message.length = details.length = tail;
    },
    dropMonitor(monitorId) {
      let w = head;
      for (let i = head; i < tail; i++) {
        if (mon[i] === monitorId) continue;
        if (w !== i) {
          mon[w] = mon[i]!;
          ts[w] = ts[i]!;
          status[w] = status[i]!;
          maint[w] = maint[i]!;
          latency[w] = latency[i]!;
          phases.copyWithin(w * 5, i * 5, i * 5 + 5);
          plain[w] = plain[i]!;
          errorCode[w] = errorCode[i];
          message[w] = message[i];
          details[w] = details[i];
        }
        w++;
      }
      tail = w;
      errorCode.length = message.length = details.length = tail;
    },
    keyOrder(n) {
      const end = Math.min(tail, head + n);
      const count = end - head;
      const order = new Int32Array(count);
      // Monitors in id order, each one's results counted, then placed (a counting sort by monitor).
      const slot = new Map<number, number>();
      for (let i = head; i < end; i++) {
        const id = mon[i]!;
        slot.set(id, (slot.get(id) ?? 0) + 1);
      }
      const ids = [...slot.keys()].sort((a, b) => a - b);
      let at = 0;
      for (const id of ids) {
        const c = slot.get(id)!;
        slot.set(id, at);
        at += c;
      }
      for (let i = head; i < end; i++) {
        const id = mon[i]!;
        const k = slot.get(id)!;
        order[k] = i;
        slot.set(id, k + 1);
      }
      // Within a monitor, arrival order is nearly always time order; sort the rare group that is not.
      let from = 0;
      while (from < count) {
        const id = mon[order[from]!]!;
        let to = from + 1;
        let sorted = true;
        while (to < count && mon[order[to]!] === id) {
          if (ts[order[to]!]! < ts[order[to - 1]!]!) sorted = false;
          to++;
        }
        if (!sorted) {
          const group = Array.from(order.subarray(from, to)).sort((a, b) => ts[a]! - ts[b]! || a - b);
          order.set(group, from);
        }
        from = to;
      }
      return order;
    },
    monitorAt: (i) => mon[i]!,
    tsAt: (i) => ts[i]!,
    statusAt: (i) => status[i]!,
    latencyAt: (i) => orNull(latency[i]!),
    inMaintenanceAt: (i) => maint[i] === 1,
    plainAt: (i) => plain[i] === 1,
    rowAt(i) {
      const o = i * 5;
      return {
        monitor_id: mon[i]!,
        ts: ts[i]!,
        status: status[i]!,
        latency: orNull(latency[i]!),
        dns: orNull(phases[o]!),
        connect: orNull(phases[o + 1]!),
        tls: orNull(phases[o + 2]!),
        ttfb: orNull(phases[o + 3]!),
        download: orNull(phases[o + 4]!),
        error_code: errorCode[i] ?? null,
        message: message[i] ?? null,
        in_maintenance: maint[i]!,
        details: details[i] ?? null,
      };
    },
  };
  return q;
}
