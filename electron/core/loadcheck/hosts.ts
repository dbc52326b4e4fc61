import type { Monitor } from '../../../shared/monitor';

/**
 * The hosts (host:port) the console already monitors, with the monitors probing each. A load
 * check may only aim at one of them, and a run's span is drawn on those monitors' charts. Any
 * http(s) URL in a monitor's config counts (http, page, hls, each submission step), so a new kind
 * needs nothing here.
 */
export function monitoredHosts(monitors: readonly Monitor[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of monitors) {
    for (const h of hostsOf(m)) {
      const ids = out.get(h) ?? out.set(h, []).get(h)!;
      if (!ids.includes(m.id)) ids.push(m.id);
    }
  }
  return out;
}

export function hostsOf(m: Monitor): Set<string> {
  const hosts = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/^https?:\/\//i.test(v)) {
        const h = hostOfUrl(v);
        if (h) hosts.add(h);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(m.config);
  return hosts;
}

/** host:port as the URL names it (default ports left out, as URL does), lower case; null when it does not parse. */
export function hostOfUrl(url: string): string | null {
  try {
    return new URL(url.replace(/\{\{[^{}]*\}\}/g, 'x')).host.toLowerCase();
  } catch {
    return null;
  }
}
