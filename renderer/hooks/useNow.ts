import { useEffect, useState } from 'react';

/**
 * The wall clock as state, re-read every `everyMs`: a component that compares against "now" gets
 * the same answer on every render between ticks, and re-renders when the tick moves it on.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
