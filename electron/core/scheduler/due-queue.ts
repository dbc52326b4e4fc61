/**
 * Probes waiting for capacity, one lane per (host, slow or not), each lane in due order. Draining
 * takes the earliest-due head among the lanes that can start, so due order holds across hosts,
 * while a lane that cannot start (its host is busy, or the slow share is used) is set aside for
 * the pass without being walked entry by entry: thousands of monitors waiting on one busy host
 * cost one check per pass, not one each.
 */
export interface Waiting {
  host: string;
  slow: boolean;
  queuedDue: number;
  /** False once the entry was started, dropped or its monitor removed: skipped where it lies. */
  queued: boolean;
  removed: boolean;
}

interface Lane<E> {
  items: E[];
  head: number;
}

export interface DueQueue<E extends Waiting> {
  push(entry: E): void;
  /** Waiting entries (those started or removed elsewhere may still be counted until drained). */
  size(): number;
  clear(): void;
  /** Starts entries in due order while `canStart` allows and capacity is not `full`. */
  drain(canStart: (e: E) => boolean, full: () => boolean, start: (e: E) => void): void;
}

export function createDueQueue<E extends Waiting>(): DueQueue<E> {
  let lanes = new Map<string, Lane<E>>();
  let size = 0;

  /** The lane's first live entry, dropping dead ones in front of it. */
  function headOf(lane: Lane<E>): E | undefined {
    while (lane.head < lane.items.length) {
      const e = lane.items[lane.head]!;
      if (e.queued && !e.removed) return e;
      lane.head++;
      size--;
    }
    return undefined;
  }

  function compact(key: string, lane: Lane<E>): void {
    if (lane.head >= lane.items.length) lanes.delete(key);
    else if (lane.head > 64 && lane.head * 2 > lane.items.length) {
      lane.items = lane.items.slice(lane.head);
      lane.head = 0;
    }
  }

  return {
    push(entry) {
      const key = `${entry.slow ? 's' : 'n'} ${entry.host}`;
      let lane = lanes.get(key);
      if (!lane) lanes.set(key, (lane = { items: [], head: 0 }));
      // Slots come in time order, so this is nearly always an append.
      let i = lane.items.length;
      while (i > lane.head && lane.items[i - 1]!.queuedDue > entry.queuedDue) i--;
      lane.items.splice(i, 0, entry);
      size++;
    },
    size: () => size,
    clear() {
      lanes = new Map();
      size = 0;
    },
    drain(canStart, full, start) {
      // Min-heap of lanes by the due time of their head.
      const heap: { key: string; lane: Lane<E>; due: number }[] = [];
      const up = (i: number) => {
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (heap[p]!.due <= heap[i]!.due) break;
          [heap[p], heap[i]] = [heap[i]!, heap[p]!];
          i = p;
        }
      };
      const down = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && heap[l]!.due < heap[m]!.due) m = l;
          if (r < heap.length && heap[r]!.due < heap[m]!.due) m = r;
          if (m === i) return;
          [heap[m], heap[i]] = [heap[i]!, heap[m]!];
          i = m;
        }
      };
      for (const [key, lane] of lanes) {
        const h = headOf(lane);
        if (!h) {
          lanes.delete(key);
        } else {
          heap.push({ key, lane, due: h.queuedDue });
          up(heap.length - 1);
        }
      }
      while (heap.length > 0 && !full()) {
        const top = heap[0]!;
        const e = headOf(top.lane)!;
        if (canStart(e)) {
          top.lane.head++;
          size--;
          e.queued = false;
          start(e);
          const next = headOf(top.lane);
          if (next) {
            top.due = next.queuedDue;
            down(0);
            continue;
          }
        }
        // Started its last entry, or cannot start now: out of this pass.
        compact(top.key, top.lane);
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          down(0);
        }
      }
      for (const { key, lane } of heap) compact(key, lane);
    },
  };
}
