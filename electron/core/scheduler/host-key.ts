import type { Monitor } from '../../../shared/monitor';

/**
 * The endpoint a monitor's probe talks to, `host:port`, for the scheduler's per-host limit: many
 * monitors on one origin (paths of one API) share it, one dead origin cannot take every slot.
 * Templated or unparsable URLs fall back to the text before the path.
 */
export function hostKey(monitor: Monitor): string {
  switch (monitor.kind) {
    case 'tcp':
    case 'tls':
      return `${monitor.config.host}:${monitor.config.port}`;
    case 'dns':
      return monitor.config.server ? `dns:${JSON.stringify(monitor.config.server)}` : 'dns:system';
    case 'submit':
      return urlKey(monitor.config.steps[0]?.url ?? '');
    default:
      return urlKey(monitor.config.url);
  }
}

function urlKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return url.replace(/^([a-z]+:\/\/[^/?#]*).*$/is, '$1');
  }
}
