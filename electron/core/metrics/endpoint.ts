import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../dispatch';
import type { EventBus } from '../events';
import { createLookoutMetrics, type LookoutMetrics } from './registry';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics: opt-in (Settings → metrics.enabled), loopback peers only, and the serve token as
 * a bearer token or as the password of basic auth (any user name) — Prometheus' scrape config
 * offers both. The page's cookie is not accepted: a scraper is not the page.
 */
export interface MetricsEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, token: string): Promise<void>;
  close(): void;
}

export function createMetricsEndpoint(deps: { dispatch: Dispatch; bus: EventBus }): MetricsEndpoint {
  // The registry (and prom-client with it, ~5 MB) is made once metrics are seen on: a console that
  // never turns them on neither loads it nor counts every result for it.
  let metrics: LookoutMetrics | undefined;
  let enabled: boolean | undefined;
  const turn = (on: boolean) => {
    enabled = on;
    if (on) metrics ??= createLookoutMetrics(deps);
  };
  const offSettings = deps.bus.on('settings', (s) => turn(s.metrics.enabled));
  async function isEnabled(): Promise<boolean> {
    if (enabled === undefined) {
      const out = await deps.dispatch('settings.get', {});
      turn(out.ok ? Boolean((out.result as { metrics?: { enabled?: boolean } }).metrics?.enabled) : false);
    }
    return enabled!;
  }
  // Metrics already on: count results from the start, not from the first scrape.
  void isEnabled().catch(() => undefined);
  return {
    async handle(req, res, token) {
      if (!isLoopback(req.socket.remoteAddress)) return text(res, 403, 'Lookout serves /metrics to this machine only.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed');
      if (!(await isEnabled())) return text(res, 404, 'Metrics are off: turn them on in Settings → Metrics.');
      if (!authorized(req.headers.authorization, token)) {
        res.setHeader('www-authenticate', 'Basic realm="Lookout metrics"');
        return text(res, 401, 'Lookout needs its token: send it as a bearer token, or as the basic-auth password.');
      }
      try {
        const m = (metrics ??= createLookoutMetrics(deps));
        const body = await m.render();
        res.writeHead(200, { 'content-type': m.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (err) {
        text(res, 500, `Metrics could not be collected: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    close() {
      offSettings();
      metrics?.close();
    },
  };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authorized(header: string | undefined, token: string): boolean {
  if (!header || !token) return false;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '')) return same(value, token);
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && same(decoded.slice(colon + 1), token);
  }
  return false;
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(body + '\n');
}
