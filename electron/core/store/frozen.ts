/**
 * Frozen all the way down. The store keeps some answers in memory and hands the same objects to
 * every caller (monitors.list(), results.latest()); a caller that changed one would change what
 * every later caller reads, so such a change throws instead.
 */
export function frozen<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) frozen(x);
  }
  return v;
}
