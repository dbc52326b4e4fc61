import { useEffect } from 'react';
import type { Settings } from '../../shared/settings';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function resolve(theme: Settings['theme']): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Applies the theme as `data-theme` on <html> (the CSS variables follow); "system" tracks the OS. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  const wanted = theme ?? 'system';
  useEffect(() => {
    const apply = () => {
      document.documentElement.dataset.theme = resolve(wanted);
    };
    apply();
    if (wanted !== 'system' || typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia(DARK_QUERY);
    mq.addEventListener?.('change', apply);
    return () => mq.removeEventListener?.('change', apply);
  }, [wanted]);
}
