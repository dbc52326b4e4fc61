import type { Dispatch } from '../core/dispatch';

export const LINK_SCHEME = 'lookout';

export type DeepLink = { kind: 'monitor' | 'incident' | 'maintenance'; id: number };

/** `lookout://monitor/12`, `lookout://incident/7`, `lookout://maintenance/3`; anything else is undefined. */
export function parseDeepLink(raw: string): DeepLink | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${LINK_SCHEME}:` || url.search || url.hash || url.username || url.port) return undefined;
  const kind = url.hostname.toLowerCase();
  const m = /^\/(\d{1,9})\/?$/.exec(url.pathname);
  if (!m || (kind !== 'monitor' && kind !== 'incident' && kind !== 'maintenance')) return undefined;
  const id = Number(m[1]);
  return id > 0 ? { kind, id } : undefined;
}

/** The first `lookout://` argument of a command line (how Windows and Linux pass a link). */
export function linkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((a) => a.toLowerCase().startsWith(`${LINK_SCHEME}:`));
}

const WHAT = { monitor: 'Monitor', incident: 'Incident', maintenance: 'Maintenance window' } as const;

/**
 * The hash route a link opens (renderer/lib/route.ts). A link to something that does not exist
 * (deleted, or from another database) opens the dashboard with a one-line notice saying so.
 */
export async function routeForLink(link: DeepLink, dispatch: Dispatch): Promise<string> {
  const exists = await (async () => {
    if (link.kind === 'monitor') {
      const r = await dispatch('monitors.list', {});
      return r.ok && (r.result as { id: number }[]).some((m) => m.id === link.id);
    }
    const r = await dispatch(link.kind === 'incident' ? 'incidents.get' : 'windows.get', { id: link.id });
    return r.ok;
  })();
  if (exists) {
    if (link.kind === 'monitor') return `#/monitor/${link.id}`;
    return link.kind === 'incident' ? `#/incidents?id=${link.id}` : `#/maintenance?id=${link.id}`;
  }
  const notice = `${WHAT[link.kind]} ${link.id} does not exist in this database (lookout://${link.kind}/${link.id}); showing the dashboard.`;
  return `#/?notice=${encodeURIComponent(notice)}`;
}
