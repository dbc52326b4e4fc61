import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRead, methodNotAllowed, notFound, pathOf, send, sendJson } from './util';

/** Big enough that no sane probe reads it all, yet finite so a runaway client still terminates. */
const HUGE_BODY_BYTES = 1024 ** 3;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Demo platform</title>
</head>
<body>
<h1>Demo platform</h1>
<p>This is the simulated platform Lookout probes in demo mode and in its tests.
It serves a live stream and accepts task submissions.</p>
<ul>
<li><a href="/health">Health</a></li>
</ul>
</body>
</html>
`;

const HUGE_PREFIX = Buffer.from('<!doctype html>\n<html><head><title>Demo platform</title></head><body>\n');
// One shared filler chunk: the endless page costs the same memory whether one or fifty clients read it.
const FILLER = Buffer.alloc(64 * 1024, '<p>Demo platform, an answer that does not end.</p>\n');

export interface WebDeps {
  queueDepth: () => number;
}

export function handleWeb(req: IncomingMessage, res: ServerResponse, deps: WebDeps, hugeBody: boolean): void {
  req.resume();
  const path = pathOf(req);
  if (path !== '/' && path !== '/health') return notFound(res);
  if (!isRead(req)) return methodNotAllowed(res, 'GET, HEAD');
  if (path === '/health') return sendJson(res, 200, { ok: true, queue: { depth: deps.queueDepth() } });
  if (hugeBody) return streamHuge(res);
  send(res, 200, PAGE, 'text/html; charset=utf-8');
}

/**
 * Chunked with no content-length, so a probe only notices when its own byte cap trips.
 * Writes follow backpressure, so memory stays at one socket buffer however slowly the client reads.
 */
function streamHuge(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  let sent = 0;
  res.write(HUGE_PREFIX);
  sent += HUGE_PREFIX.length;
  const pump = (): void => {
    while (!res.destroyed) {
      const left = HUGE_BODY_BYTES - sent;
      if (left <= 0) {
        res.end();
        return;
      }
      const chunk = left >= FILLER.length ? FILLER : FILLER.subarray(0, left);
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}
