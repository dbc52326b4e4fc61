/**
 * Hash routes, so a link from an alert or an incident opens the right view in either shell:
 *   #/                      dashboard (?q=search&filter=down)
 *   #/monitor/12?range=24h  monitor detail (or ?from=…&to=… for a custom / zoomed range)
 *   #/incidents #/maintenance #/drafts #/data #/settings
 */

export const PAGES = [
  'dashboard',
  'monitor',
  'incidents',
  'alerts',
  'maintenance',
  'drafts',
  'report',
  'data',
  'settings',
  'checks',
] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  /** Monitor id on the detail page. */
  id?: number;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).split('/').filter(Boolean);
  const params = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const [head, arg] = path;
  if (head === 'monitor' && arg && /^\d+$/.test(arg)) return { page: 'monitor', id: Number(arg), params };
  if (head && (PAGES as readonly string[]).includes(head) && head !== 'monitor' && head !== 'dashboard')
    return { page: head as Page, params };
  return { page: 'dashboard', params };
}

export function routeHref(
  page: Page,
  opts: { id?: number; params?: Record<string, string | number | undefined> } = {},
): string {
  const base = page === 'dashboard' ? '#/' : page === 'monitor' ? `#/monitor/${opts.id}` : `#/${page}`;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.params ?? {})) if (v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return qs ? `${base}?${qs}` : base;
}

export function navigate(href: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href.slice(1);
  }
}
