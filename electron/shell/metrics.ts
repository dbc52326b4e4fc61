import type { Settings } from '../../shared/settings';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import { startMetricsServer, type MetricsServer } from '../core/metrics/server';
import { loadIdentity, rememberPort, tokenFile } from '../serve/token-store';

/**
 * The desktop app's /metrics: the app has no HTTP server of its own, so when the operator turns
 * metrics on (Settings) a loopback server for /metrics alone starts, and stops when they turn it
 * off or quit. It answers with the same per-database token and, where free, on the same port as
 * serve mode for that database, so one scrape config works whichever way the console runs.
 */
export interface DesktopMetrics {
  /** Where Prometheus scrapes, while it is on. */
  url(): string | null;
  close(): Promise<void>;
}

export function wireDesktopMetrics(
  c: { dispatch: Dispatch; bus: EventBus },
  dbPath: string,
  log: (line: string) => void,
): DesktopMetrics {
  const identity = loadIdentity(dbPath);
  // The port it last served on; port 0 (never served) picks a free one and keeps it.
  let port = identity.port;
  let server: MetricsServer | undefined;
  let closed = false;
  // One change at a time: a quick on / off / on must not start two servers.
  let chain: Promise<void> = Promise.resolve();

  const apply = (enabled: boolean) => {
    chain = chain
      .then(async () => {
        if (closed) return;
        if (enabled && !server) {
          try {
            server = await startMetricsServer({ dispatch: c.dispatch, bus: c.bus, port, token: () => identity.token });
          } catch {
            // That port is taken (serve mode of this database, or anything else): any free one.
            server = await startMetricsServer({
              dispatch: c.dispatch,
              bus: c.bus,
              port: 0,
              token: () => identity.token,
            });
          }
          if (identity.persisted) rememberPort(dbPath, { token: identity.token, port }, server.port);
          port = server.port;
          log(`metrics on ${server.url} (bearer token in ${tokenFile(dbPath)})`);
        } else if (!enabled && server) {
          const s = server;
          server = undefined;
          await s.close();
        }
      })
      .catch((err: unknown) => log(`metrics could not start: ${err instanceof Error ? err.message : String(err)}`));
  };

  const off = c.bus.on('settings', (s: Settings) => apply(s.metrics.enabled));
  void c.dispatch('settings.get', {}).then((r) => {
    if (r.ok) apply((r.result as Settings).metrics.enabled);
  });

  return {
    url: () => server?.url ?? null,
    async close() {
      off();
      closed = true;
      await chain;
      const s = server;
      server = undefined;
      await s?.close();
    },
  };
}
