import type { PageTimings } from '../context';

/**
 * Runs inside the loaded page (Playwright's `page.evaluate`, Electron's `executeJavaScript`), as a
 * string so the core needs no DOM types. Reads the navigation entry (ms from navigation start) and
 * the last largest-contentful-paint entry, waiting briefly for the buffered LCP entries and for
 * `loadEventEnd`, which is still 0 while the load event's own handlers run.
 */
export const PAGE_TIMING_SCRIPT = `new Promise((resolve) => {
  const read = (lcp) => {
    const nav = performance.getEntriesByType('navigation')[0];
    resolve(JSON.stringify({
      ttfb: nav ? nav.responseStart : null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      load: nav ? (nav.loadEventEnd || nav.loadEventStart) : null,
      lcp,
      status: nav && typeof nav.responseStatus === 'number' ? nav.responseStatus : null,
    }));
  };
  let lcp = null;
  let done = false;
  const finish = () => { if (!done) { done = true; read(lcp); } };
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      if (last) lcp = last.startTime;
      setTimeout(finish, 0);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch (e) {}
  setTimeout(finish, 150);
})`;

/** What the script hands back, checked (a hostile page can redefine `performance`). */
export function parsePageTiming(raw: unknown): { timings: PageTimings; httpStatus: number | null } {
  let v: Record<string, unknown> = {};
  try {
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (parsed && typeof parsed === 'object') v = parsed as Record<string, unknown>;
  } catch {
    // Garbage from the page: report no timings rather than fail the probe.
  }
  const ms = (x: unknown): number | null =>
    typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 3_600_000 ? Math.round(x) : null;
  const status =
    typeof v.status === 'number' && Number.isInteger(v.status) && v.status >= 100 && v.status <= 599 ? v.status : null;
  return {
    timings: { ttfb: ms(v.ttfb), domContentLoaded: ms(v.domContentLoaded), load: ms(v.load), lcp: ms(v.lcp) },
    httpStatus: status,
  };
}

/** `ERR_CONNECTION_REFUSED` out of a browser's error text (`net::ERR_…` or `ERR_… (-102)`). */
export function chromiumNetError(text: string): string | null {
  return /\b(ERR_[A-Z0-9_]+)\b/.exec(text)?.[1] ?? null;
}
