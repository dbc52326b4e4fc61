import { useState } from 'react';

/**
 * [from, to) held while both ends stay in the same minute: a chart that slides with every result
 * asks the core again once a minute, not on every render. The span is the first seen in that minute.
 */
export function useMinuteSpan(from: number, to: number): { from: number; to: number } {
  const key = `${Math.floor(from / 60_000)}-${Math.floor(to / 60_000)}`;
  const [held, setHeld] = useState(() => ({ key, span: { from: Math.floor(from), to: Math.ceil(to) } }));
  if (held.key === key) return held.span;
  const next = { key, span: { from: Math.floor(from), to: Math.ceil(to) } };
  setHeld(next);
  return next.span;
}
