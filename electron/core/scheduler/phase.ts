/**
 * A stable per-monitor phase inside its interval, so a thousand monitors created at once do
 * not all fire in the same millisecond, and a restart keeps each one on its old beat.
 */
export function phaseOffsetMs(monitorId: number, intervalMs: number): number {
  // 32-bit integer mix (Murmur3 finaliser): consecutive ids land far apart.
  let h = monitorId | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % intervalMs;
}

/** The first slot strictly after `now` on the monitor's grid `offset + k * interval`. */
export function nextSlot(now: number, intervalMs: number, offsetMs: number): number {
  const k = Math.floor((now - offsetMs) / intervalMs) + 1;
  return offsetMs + k * intervalMs;
}
