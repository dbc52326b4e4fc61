import { useEffect, useRef } from 'react';

export type HotkeyMap = Record<string, (e: KeyboardEvent) => void>;

/** True when the key is meant for a field (typing "j" in the search box must not move the selection). */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(type);
  }
  return false;
}

/**
 * Single-key shortcuts on the document (`/`, `j`, `k`, `Enter`, `a`, `?`, `Escape`). Ignored while
 * typing in a field (except Escape) and when a modifier is held, so browser shortcuts still work.
 */
export function useHotkeys(keys: HotkeyMap, enabled = true): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      // A modal dialog handles its own keys (Esc closes it).
      if (e.target instanceof Element && e.target.closest('dialog[open]')) return;
      if (e.key !== 'Escape' && typingInto(e.target)) return;
      // Enter on a button or link already activates it; only a plain Enter on the page opens.
      if (e.key === 'Enter' && e.target instanceof HTMLElement && /^(BUTTON|A)$/.test(e.target.tagName)) return;
      const handler = latest.current[e.key];
      if (!handler) return;
      e.preventDefault();
      handler(e);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
