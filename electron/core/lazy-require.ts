import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at start: a library only some features need
 * (Liquid templates, RRULE recurrence, HLS playlists) costs each process that never uses it
 * several MB of RSS if it is imported up front. Only for packages whose `import` resolves to the
 * same CommonJS file (no separate ESM build), so both ways give one module instance; types come
 * from `import type`.
 */
export function lazyRequire<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
}
