/**
 * Targets for the `probe-fairness` bench in their own process: ports that accept and never answer
 * (a platform in the middle of an outage) and plain HTTP servers that answer at once.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { untilParentLeaves } from './child-process';

const HANGING_PORTS = 20;
const HEALTHY_PORTS = 8;

const sockets = new Set<net.Socket>();
const servers: net.Server[] = [];

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const hanging: string[] = [];
for (let i = 0; i < HANGING_PORTS; i++) {
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  hanging.push(await listen(server));
}
const healthy: string[] = [];
for (let i = 0; i < HEALTHY_PORTS; i++) {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end('ok\n');
  });
  server.keepAliveTimeout = 1000;
  healthy.push(await listen(server));
}

process.stdout.write(JSON.stringify({ hanging, healthy }) + '\n');
untilParentLeaves(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});
