/** `850 ms`, `3 s`, `3.2 s`: durations as they read in a one-line result message. */
export function formatMs(ms: number): string {
  const r = Math.round(ms);
  return r >= 1000 ? `${(r / 1000).toFixed(r % 1000 === 0 ? 0 : 1)} s` : `${r} ms`;
}
