import { Writable } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import { ProbeFailure } from '../common/net-errors';

/**
 * Reads a response body with two separate caps: bytes off the wire, and bytes after decoding the
 * Content-Encoding (a 1 MiB gzip bomb must not grow to gigabytes in memory). Decoding streams chunk
 * by chunk with backpressure, so memory stays at the caps whatever the target sends.
 */
export interface BodyLimits {
  maxBytes: number;
  maxDecodedBytes: number;
}

export interface BodyOptions {
  /**
   * False for answers that carry no body whatever their Content-Length says (a HEAD request,
   * 204, 304), so a declared length is not held against the cap.
   */
  bodyExpected: boolean;
  /** Keep the decoded text (JSON assertions need it whole); otherwise only `onText` sees it. */
  keepText: boolean;
  /** Sees the decoded bytes chunk by chunk, e.g. to scan for keywords without keeping the body. */
  onChunk?: (chunk: Buffer) => void;
}

export interface BodyRead {
  /** The decoded body when `keepText`, else ''. */
  text: string;
  /** Bytes read from the wire (before decoding). */
  bytes: number;
  decodedBytes: number;
  encodings: string[];
}

/** Stacked encodings beyond this are refused: nobody legitimate sends gzip over gzip over gzip. */
export const MAX_STACKED_ENCODINGS = 2;

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** What probes send as Accept-Encoding: only what `readBody` decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The encodings in the order they were applied; throws `decompression` for anything not decodable. */
export function parseContentEncoding(header: string | string[] | undefined, host: string): string[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const list = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
  if (list.length > MAX_STACKED_ENCODINGS) {
    throw new ProbeFailure(
      'decompression',
      `${host} sent ${list.length} stacked content-encodings (${list.join(', ')}); at most ${MAX_STACKED_ENCODINGS} are decoded`,
    );
  }
  const unknown = list.find((e) => !(e in DECODERS));
  if (unknown !== undefined)
    throw new ProbeFailure('decompression', `${host} sent an unsupported content-encoding "${unknown.slice(0, 40)}"`);
  return list;
}

export async function readBody(
  body: Readable,
  headers: Record<string, string | string[] | undefined>,
  limits: BodyLimits,
  host: string,
  opts: BodyOptions,
  signal?: AbortSignal,
): Promise<BodyRead> {
  let encodings: string[];
  try {
    encodings = parseContentEncoding(headers['content-encoding'], host);
    // A declared length over the cap fails now, without reading (and allocating) a single byte of it.
    const declared = Number(headers['content-length']);
    if (opts.bodyExpected && Number.isFinite(declared) && declared > limits.maxBytes) {
      throw new ProbeFailure(
        'body_too_large',
        `Response body from ${host} is ${formatBytes(declared)}, larger than ${formatBytes(limits.maxBytes)}`,
      );
    }
  } catch (err) {
    // undici's body emits an AbortError when destroyed; nobody else is listening any more.
    body.on('error', () => undefined).destroy();
    throw err;
  }
  if (encodings.length === 0) return readPlain(body, limits.maxBytes, host, opts, signal);
  let bytes = 0;
  let decodedBytes = 0;
  const chunks: string[] = [];
  const utf8 = new StringDecoder('utf8');

  const wire = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes)
        throw new ProbeFailure(
          'body_too_large',
          `Response body from ${host} is larger than ${formatBytes(limits.maxBytes)}`,
        );
      yield chunk;
    }
  };

  // Without an encoding the decoded body is the wire body, already under `maxBytes`.
  const decodedCap = encodings.length ? limits.maxDecodedBytes : Infinity;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      decodedBytes += chunk.length;
      if (decodedBytes > decodedCap) {
        done(
          new ProbeFailure(
            'body_too_large',
            `Decompressed response body from ${host} is larger than ${formatBytes(limits.maxDecodedBytes)} (after ${formatBytes(bytes)} read)`,
          ),
        );
        return;
      }
      opts.onChunk?.(chunk);
      if (opts.keepText) chunks.push(utf8.write(chunk));
      done();
    },
    final(done) {
      if (opts.keepText) chunks.push(utf8.end());
      done();
    },
  });

  // Decode in the reverse of the order the encodings were applied.
  const decoders = [...encodings].reverse().map((e) => DECODERS[e]!());
  // pipeline's typings have no overload for a variable number of stages.
  const run = pipeline as (...stages: unknown[]) => Promise<void>;
  await run(body, wire, ...decoders, sink, ...(signal ? [{ signal }] : []));
  return { text: chunks.join(''), bytes, decodedBytes, encodings };
}

/**
 * The body as sent (no Content-Encoding): read straight off the stream under the byte cap.
 * What `pipeline` does for the decoded case costs more than the rest of a small probe (an async
 * generator, a Writable, and an AbortError with a stack trace made at every finish).
 */
function readPlain(
  body: Readable,
  maxBytes: number,
  host: string,
  opts: BodyOptions,
  signal?: AbortSignal,
): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let settled = false;
    const chunks: string[] = [];
    const utf8 = opts.keepText ? new StringDecoder('utf8') : undefined;
    const detach = (): void => {
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', fail);
      body.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      detach();
      body.on('error', () => undefined).destroy();
      // An abort reason may be anything; the caller tells timeout from cancel by its signals.
      reject(err instanceof Error ? err : new Error(String(err), { cause: err }));
    };
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes > maxBytes)
        return fail(
          new ProbeFailure('body_too_large', `Response body from ${host} is larger than ${formatBytes(maxBytes)}`),
        );
      opts.onChunk?.(chunk);
      if (utf8) chunks.push(utf8.write(chunk));
    };
    const onEnd = (): void => {
      if (settled) return;
      detach();
      if (utf8) chunks.push(utf8.end());
      resolve({ text: chunks.join(''), bytes, decodedBytes: bytes, encodings: [] });
    };
    // node:http says "aborted" (ECONNRESET) when a body stops short; a bare close means the same.
    const onClose = (): void => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    const onAbort = (): void => fail(signal?.reason);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', fail);
    body.on('close', onClose);
  });
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
