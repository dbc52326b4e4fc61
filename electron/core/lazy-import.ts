import type { MethodName } from '../../shared/api';
import type { Handlers } from './handlers';

/** A module of this project imported on first use; `loaded()` is it once the import settled. */
export interface LazyModule<T> {
  (): Promise<T>;
  loaded(): T | undefined;
}

/**
 * A part of the core that an idle console never runs (the workspace file, reports, the probe kinds
 * before the first monitor) imported on first use instead of at start: its module-level zod
 * schemas and tables cost memory in every process that never calls it. The bundle puts it in a
 * chunk of its own (build/bundle.mjs). A failed import is tried again on the next call.
 */
export function lazyImport<T>(load: () => Promise<T>): LazyModule<T> {
  let mod: T | undefined;
  let pending: Promise<T> | undefined;
  const get = (): Promise<T> =>
    (pending ??= load().then(
      (m) => (mod = m),
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    ));
  return Object.assign(get, { loaded: () => mod });
}

/**
 * A handler group whose module is imported on its first call. The method names are listed here
 * because the service is checked whole at start (handlers.ts): a name missing from the list is a
 * type error there, one the group does not implement a type error here.
 */
export function lazyHandlers<K extends MethodName>(
  methods: readonly K[],
  load: () => Promise<Handlers<K>>,
): Handlers<K> {
  const group = lazyImport(load);
  const call = (method: K) => async (input: unknown) => {
    const handlers = group.loaded() ?? (await group());
    return (handlers[method] as (i: unknown) => unknown)(input);
  };
  return Object.fromEntries(methods.map((m) => [m, call(m)])) as unknown as Handlers<K>;
}
