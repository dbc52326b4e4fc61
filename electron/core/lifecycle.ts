import type { Clock, TimerHandle } from './clock';
import type { EventBus } from './events';

/**
 * What a session started and must stop again, in one place (vscode's DisposableStore in
 * src/vs/base/common/lifecycle.ts is the model). Each resource is added the moment it is opened,
 * so a start that throws halfway closes exactly what had opened; closing runs in reverse order
 * (the store, opened first, closes last, after everything that writes to it has stopped).
 */
export interface Disposables {
  /** Keeps `resource`, to be closed by `close(resource)`; returns it so opening and adding are one expression. */
  add<T>(resource: T, close: (resource: T) => unknown): T;
  /** Adds a bare stop function (an unsubscribe, a timer's cancel). */
  defer(stop: () => unknown): void;
  /**
   * Closes everything in reverse order of adding, each awaited; one that throws does not stop the
   * rest. Rejects with its error (an AggregateError if several threw). A second call returns the
   * first call's promise: closing twice closes nothing twice.
   */
  dispose(): Promise<void>;
  readonly disposed: boolean;
}

export function createDisposables(): Disposables {
  const stops: Array<() => unknown> = [];
  let done: Promise<void> | undefined;

  async function run(): Promise<void> {
    const errors: unknown[] = [];
    for (let stop = stops.pop(); stop; stop = stops.pop()) {
      try {
        await stop();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} resources failed to close`);
  }

  const self: Disposables = {
    add(resource, close) {
      self.defer(() => close(resource));
      return resource;
    },
    defer(stop) {
      // Opened after closing began (a slow start racing a close): nothing else will close it.
      if (done) {
        void Promise.resolve()
          .then(stop)
          .catch(() => undefined);
        return;
      }
      stops.push(stop);
    },
    dispose() {
      done ??= run();
      return done;
    },
    get disposed() {
      return done !== undefined;
    },
  };
  return self;
}

/**
 * A component's start whose steps are synchronous, each adding what it opens to `owned`. When a step
 * throws, closing what had opened begins at once (reverse order, as `dispose` does) and the step's
 * error goes on to the caller; a close that fails as well is handed to `onCloseError`, not lost.
 * The component's stop is then `owned.dispose()`, the same list.
 */
export function startOrUndo<T>(owned: Disposables, start: () => T, onCloseError?: (err: unknown) => void): T {
  try {
    return start();
  } catch (err) {
    void owned.dispose().catch((e: unknown) => onCloseError?.(e));
    throw err;
  }
}

const NO_TIMER = Object.freeze({}) as TimerHandle;

/**
 * The session's view of the process-wide clock: timers it sets are remembered until they fire or
 * are cleared, and the ones still pending when the session closes are cleared then. Each component
 * stops its own timers; this catches one that started halfway and threw before it could be stopped,
 * and a closed session sets no more (work still settling after close re-arms nothing).
 */
export function sessionClock(clock: Clock, owned: Disposables): Clock {
  const live = new Set<TimerHandle>();
  let closed = false;
  owned.defer(() => {
    closed = true;
    for (const h of live) clock.clearTimeout(h);
    live.clear();
  });
  return {
    now: () => clock.now(),
    setTimeout(fn, ms) {
      if (closed) return NO_TIMER;
      const h: TimerHandle = clock.setTimeout(() => {
        live.delete(h);
        fn();
      }, ms);
      live.add(h);
      return h;
    },
    clearTimeout(h) {
      if (h === NO_TIMER) return;
      live.delete(h);
      clock.clearTimeout(h);
    },
  };
}

/**
 * The session's view of the bus, which outlives it (the shells hold one bus while databases switch):
 * subscriptions still held when the session closes are dropped then, so no listener of a closed
 * session runs against its closed store.
 */
export function sessionBus(bus: EventBus, owned: Disposables): EventBus {
  const offs = new Set<() => void>();
  let closed = false;
  owned.defer(() => {
    closed = true;
    for (const off of offs) off();
    offs.clear();
  });
  const track = (off: () => void) => {
    if (closed) {
      off();
      return () => undefined;
    }
    const once = () => {
      offs.delete(once);
      off();
    };
    offs.add(once);
    return once;
  };
  return {
    emit: (event, payload) => bus.emit(event, payload),
    on: (event, listener) => track(bus.on(event, listener)),
    onAny: (listener) => track(bus.onAny(listener)),
  };
}
