import { createServer } from 'node:http';
import type { Dispatch } from '../dispatch';
import type { EventBus } from '../events';
import { createMetricsEndpoint, METRICS_PATH } from './endpoint';

/**
 * The desktop app has no HTTP server of its own: this one serves /metrics alone on 127.0.0.1,
 * for the shell to start when metrics are on (see README "Lookout's own /metrics").
 */
export interface MetricsServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(opts: {
  dispatch: Dispatch;
  bus: EventBus;
  port?: number;
  token: () => string;
}): Promise<MetricsServer> {
  const endpoint = createMetricsEndpoint(opts);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== METRICS_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Only /metrics is served here.\n');
      return;
    }
    void endpoint.handle(req, res, opts.token());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}${METRICS_PATH}`,
    async close() {
      endpoint.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
