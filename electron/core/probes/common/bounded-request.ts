import type { Dispatcher } from 'undici';

/**
 * One HTTP exchange for the hls and submit probes, read under hard limits: at most `maxBytes`
 * body bytes and, for text, `maxLines` lines, so a hostile answer costs bounded memory and stops
 * as soon as it crosses a limit instead of after it has been downloaded. No redirects are
 * followed here, and no Accept-Encoding is sent, so nothing arrives compressed.
 */
export interface BoundedRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  dispatcher: Dispatcher;
  maxBytes: number;
  maxLines?: number;
  /** Count the bytes but keep none (segment downloads). */
  discard?: boolean;
  /** Stop reading at `maxBytes` without an error (a byte range the server sent whole). */
  truncate?: boolean;
}

export interface BoundedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  bytes: number;
  /** From sending the request to the end of the body. */
  ms: number;
  /** `truncate` cut the body at `maxBytes`. */
  truncated?: boolean;
}

export class BodyLimitError extends Error {
  constructor(
    readonly limit: 'bytes' | 'lines',
    readonly max: number,
  ) {
    super(limit === 'bytes' ? `more than ${max} bytes` : `more than ${max} lines`);
    this.name = 'BodyLimitError';
  }
}

const NEWLINE = 0x0a;

export async function boundedRequest(url: URL, opts: BoundedRequest): Promise<BoundedResponse> {
  // undici is loaded by the first hls or submit probe, not at start (it is ~12 MB of RSS).
  const { request } = await import('undici');
  const started = performance.now();
  const res = await request(url, {
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    signal: opts.signal,
    dispatcher: opts.dispatcher,
  });
  const chunks: Buffer[] = [];
  let bytes = 0;
  let lines = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > opts.maxBytes && opts.truncate) {
        res.body.destroy();
        if (!opts.discard) chunks.push(chunk.subarray(0, chunk.length - (bytes - opts.maxBytes)));
        return {
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          bytes: opts.maxBytes,
          ms: performance.now() - started,
          truncated: true,
        };
      }
      if (bytes > opts.maxBytes) throw new BodyLimitError('bytes', opts.maxBytes);
      if (opts.maxLines !== undefined) {
        for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
        if (lines > opts.maxLines) throw new BodyLimitError('lines', opts.maxLines);
      }
      if (!opts.discard) chunks.push(chunk);
    }
  } catch (err) {
    res.body.destroy();
    throw err;
  }
  return {
    status: res.statusCode,
    headers: res.headers,
    body: Buffer.concat(chunks),
    bytes,
    ms: performance.now() - started,
  };
}
