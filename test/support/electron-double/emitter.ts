// Part of the Electron test double (../electron-double.ts).

/**
 * A minimal event emitter (on / once / off / emit), as Electron's objects are Node emitters; our own
 * so the double's declared types stay simple.
 */
export class EventEmitter {
  readonly listeners_ = new Map<string, ((...args: never[]) => unknown)[]>();
  on(event: string, fn: (...args: never[]) => unknown): this {
    this.listeners_.set(event, [...(this.listeners_.get(event) ?? []), fn]);
    return this;
  }
  addListener(event: string, fn: (...args: never[]) => unknown): this {
    return this.on(event, fn);
  }
  once(event: string, fn: (...args: never[]) => unknown): this {
    const wrapped = (...args: never[]) => {
      this.off(event, wrapped);
      return fn(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, fn: (...args: never[]) => unknown): this {
    this.listeners_.set(
      event,
      (this.listeners_.get(event) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  removeListener(event: string, fn: (...args: never[]) => unknown): this {
    return this.off(event, fn);
  }
  emit(event: string, ...args: unknown[]): boolean {
    const fns = this.listeners_.get(event) ?? [];
    for (const fn of [...fns]) (fn as (...a: unknown[]) => unknown)(...args);
    return fns.length > 0;
  }
  listenerCount(event: string): number {
    return (this.listeners_.get(event) ?? []).length;
  }
}

/** Cancellable event object, as Electron passes to will-navigate, before-quit and the like. */
export function cancellable(): { preventDefault(): void; defaultPrevented: boolean } {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}
