import type { Clock, TimerHandle } from '../../electron/core/clock';

/**
 * A manual clock: timers fire only inside advance(), in due order. jump() moves time without
 * firing anything first, the way a laptop lid does: every timer that was due fires late, at once.
 */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { due: number; fn: () => void }>();
  /** Awaited after each timer so async work it starts can finish before the next one. */
  settle: () => Promise<void> = flushMicrotasks;

  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { due: this.t + Math.max(0, ms), fn });
    return id as unknown as TimerHandle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }
  /** Timers not yet fired. */
  pending(): number {
    return this.timers.size;
  }
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await this.settle();
    for (let fired = 0; ; fired++) {
      if (fired > 1_000_000) throw new Error('FakeClock: runaway timers');
      let nextId: number | undefined;
      let nextDue = Infinity;
      for (const [id, timer] of this.timers) {
        if (timer.due <= target && timer.due < nextDue) {
          nextDue = timer.due;
          nextId = id;
        }
      }
      if (nextId === undefined) break;
      const timer = this.timers.get(nextId)!;
      this.timers.delete(nextId);
      this.t = Math.max(this.t, timer.due);
      timer.fn();
      await this.settle();
    }
    this.t = target;
    await this.settle();
  }
  /** The machine sleeps for `ms`: no timer runs meanwhile; overdue ones fire on the next advance. */
  jump(ms: number): void {
    this.t += ms;
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise<void>((r) => setImmediate(r));
}
