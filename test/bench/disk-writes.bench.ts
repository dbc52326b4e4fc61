/**
 * disk-writes (issue 20): bytes the process writes per stored result in the steady state, through
 * the real result writer and its own flush policy, on a simulated clock.
 *
 * 500 monitors every 20 s (kuma-protocol's load), HTTP-like results (a status, a latency, `55` as
 * details). Three hours of history are written first, so that each monitor's newest rows sit on
 * leaf pages of their own, as in a console that has been running a while: on a fresh database all
 * monitors' first rows share a few pages and a flush rewrites only those (kuma-protocol's window,
 * a few minutes after creating the monitors, sees about a tenth of the steady figure). Then a
 * 20-minute window: write_bytes from /proc/self/io per result (the WAL, checkpoints, hour seals).
 * The clock and the writer's timers are simulated, so the page cache's writeback timing is not
 * (a page re-dirtied before the kernel wrote it back counts once either way).
 *
 * Reference, in the same run: the same results with the writer's former policy, a flush every
 * 250 ms. ratio = writes per result now / with the former policy. Goal: <= 2,048 B per result.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimerHandle } from '../../electron/core/clock';
import { openStore } from '../../electron/core/store';
import { MonitorDraft } from '../../shared/monitor';

const MONITORS = 500;
const INTERVAL_MS = 20_000;
const HISTORY_MS = 3 * 3_600_000;
const WINDOW_MS = 20 * 60_000;
const GOAL_B = 2048;
const T0 = Date.UTC(2025, 0, 1);

const writeBytes = (): number => Number(/write_bytes:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);

/** The writer's timers on the simulated clock: at most a few pending, so a list does. */
function simulatedTimers() {
  let t = T0;
  let pending: { due: number; fn: () => void }[] = [];
  return {
    now: () => t,
    setTimeout(fn: () => void, ms: number): TimerHandle {
      const timer = { due: t + ms, fn };
      pending.push(timer);
      return timer as unknown as TimerHandle;
    },
    clearTimeout(h: TimerHandle): void {
      pending = pending.filter((p) => p !== (h as unknown));
    },
    /** Moves the clock to `to`, firing what falls due on the way, in order. */
    advance(to: number): void {
      for (;;) {
        const next = pending.reduce<(typeof pending)[number] | undefined>(
          (a, p) => (!a || p.due < a.due ? p : a),
          undefined,
        );
        if (!next || next.due > to) break;
        pending = pending.filter((p) => p !== next);
        t = Math.max(t, next.due);
        next.fn();
      }
      t = to;
    },
  };
}

/** One run: history, then the window; returns bytes written per result in the window. */
function run(dir: string, name: string, flushIntervalMs?: number): { perResult: number; results: number } {
  const clock = simulatedTimers();
  const store = openStore({
    path: join(dir, name),
    now: clock.now,
    timers: clock,
    // The former policy: every result waited at most 250 ms, a status change or not.
    ...(flushIntervalMs === undefined ? {} : { flushIntervalMs }),
  });
  try {
    const draft = MonitorDraft.parse({
      name: 'm',
      kind: 'http',
      intervalSec: 20,
      config: { url: 'http://127.0.0.1/' },
    });
    for (let i = 0; i < MONITORS; i++) store.monitors.create({ ...draft, name: `Service ${i + 1}` });
    const offset = (id: number) => (id * 7919) % INTERVAL_MS;
    let n = 0;
    const feed = (from: number, to: number): void => {
      for (let slot = from; slot < to; slot += INTERVAL_MS) {
        const due: number[] = [];
        for (let id = 1; id <= MONITORS; id++) due.push(id);
        due.sort((a, b) => offset(a) - offset(b));
        for (const id of due) {
          const ts = slot + offset(id);
          clock.advance(ts);
          store.results.enqueue({
            monitorId: id,
            ts,
            status: 'up',
            latencyMs: 20 + (ts % 37),
            inMaintenance: false,
            details: { httpStatus: 200, bytes: 55 },
          });
          n++;
        }
      }
    };
    feed(T0, T0 + HISTORY_MS);
    clock.advance(T0 + HISTORY_MS);
    const before = n;
    const w0 = writeBytes();
    feed(T0 + HISTORY_MS, T0 + HISTORY_MS + WINDOW_MS);
    // What the window queued is written too, as the timer would shortly.
    store.results.flush();
    const written = writeBytes() - w0;
    return { perResult: written / (n - before), results: n - before };
  } finally {
    store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-disk-'));
try {
  const now = run(dir, 'now.db');
  const ref = run(dir, 'ref.db', 250);
  const ratio = now.perResult / ref.perResult;
  console.log(
    `disk-writes: ${MONITORS} monitors every ${INTERVAL_MS / 1000} s, ${HISTORY_MS / 3_600_000} h of history first, then a ${WINDOW_MS / 60_000}-minute window (${now.results} results) on a simulated clock`,
  );
  console.log(
    `  writer's policy (status changes within 250 ms, steady results held): ${now.perResult.toFixed(0)} B per result`,
  );
  console.log(
    `  reference, a flush every 250 ms (the former policy):             ${ref.perResult.toFixed(0)} B per result`,
  );
  console.log(`  goal <= ${GOAL_B} B per result (machine shared: bytes, not time, so load does not move them)`);
  console.log(
    JSON.stringify({
      bench: 'disk-writes',
      value: Math.round(now.perResult),
      unit: 'B written per result',
      ref: Math.round(ref.perResult),
      ratio: Math.round(ratio * 100) / 100,
      goal: `<= ${GOAL_B} B per result at ${MONITORS} monitors every ${INTERVAL_MS / 1000} s, steady state`,
      pass: now.perResult <= GOAL_B,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
