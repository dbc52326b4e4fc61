/**
 * The loopback target of the `kuma-protocol` bench in its own process: a small page (what a status
 * endpoint answers), no keep-alive, so every probe and every reference request opens its own connection.
 */
import { createServer } from 'node:http';
import { untilParentLeaves } from './child-process';

const page = Buffer.from('<!doctype html><title>ok</title><p>Service is up</p>\n');
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': page.length,
    connection: 'close',
  });
  res.end(page);
});
server.keepAliveTimeout = 0;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}/health` }) + '\n');
untilParentLeaves(() => new Promise<void>((r) => server.close(() => r())));
