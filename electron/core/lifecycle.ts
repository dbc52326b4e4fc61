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
