/**
 * The `loadcheck` bench's target, in its own process: a bare HTTP/1.1 keep-alive server on
 * loopback that answers every request with the same fixed response, so the work per request is as
 * small and as constant as a server's can be and the bench's clients differ only in themselves.
 */
import { createServer } from 'node:net';
import { untilParentLeaves } from './child-process';

const TARGET_RESPONSE =
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok';
const END = '\r\n\r\n';

const server = createServer((socket) => {
  socket.setNoDelay(true);
  let tail = '';
  socket.on('data', (d: Buffer) => {
    // Requests carry no body here; each header block ends a request (pipelined or split).
    const text = tail + d.toString('latin1');
    let n = 0;
    let at = text.indexOf(END);
    let last = 0;
    while (at >= 0) {
      n++;
      last = at + END.length;
      at = text.indexOf(END, last);
    }
    tail = text.slice(last).slice(-3);
    if (n > 0) socket.write(TARGET_RESPONSE.repeat(n));
  });
  socket.on('error', () => socket.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(
    JSON.stringify({
      port: typeof a === 'object' && a ? a.port : 0,
      responseBytes: Buffer.byteLength(TARGET_RESPONSE),
    }) + '\n',
  );
});
untilParentLeaves(() => new Promise<void>((r) => server.close(() => r())));
