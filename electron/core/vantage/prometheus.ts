import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { RangeWindow } from './step';

/**
 * A client for the Prometheus HTTP API: query and query_range only, and every way they go wrong
 * turned into one `PromError` with a stable code and a sentence for the operator. Never throws
 * anything else: an unreachable Prometheus makes remote vantages `unknown`, never `down`.
 */
export interface PromSource {
  baseUrl: string;
  auth?: { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };
  caPem?: string;
  timeoutMs: number;
  /** Larger bodies are refused while they arrive (memory stays bounded). Default 64 MiB. */
  maxBytes?: number;
}

/** The envelope every Prometheus API reply shares; `result` is checked per result type below. */
const PromBody = z.object({
  status: z.string().optional(),
  data: z.object({ resultType: z.string().optional(), result: z.unknown().optional() }).optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.unknown().optional(),
});

export type PromErrorCode =
  | 'prom_unreachable'
  | 'prom_timeout'
  | 'prom_http'
  | 'prom_not_api'
  | 'prom_too_large'
  | 'prom_bad_data'
  | 'prom_error'
  | 'prom_bad_json';

export class PromError extends Error {
  constructor(
    readonly code: PromErrorCode,
    message: string,
    /** Prometheus' own errorType (bad_data, timeout, execution…) when it sent one. */
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'PromError';
  }
}

/** One series of a matrix: its labels and [seconds, "value"] pairs as Prometheus sent them. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}
export interface PromAnswer<T> {
  data: T;
  /** Prometheus answered but said the data may be partial (a remote store, a shard). */
  warnings: string[];
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface PromClient {
  queryRange(query: string, w: RangeWindow, signal?: AbortSignal): Promise<PromAnswer<MatrixSeries[]>>;
  /** Instant query; the vector's samples as [labels, value]. */
  query(
    query: string,
    signal?: AbortSignal,
  ): Promise<PromAnswer<{ metric: Record<string, string>; value: [number, string] }[]>>;
  close(): Promise<void>;
}

export function createPromClient(src: PromSource): PromClient {
  const base = src.baseUrl.replace(/\/+$/, '');
  // undici is loaded with the first query, not at start (a console without vantages never needs it).
  let dispatcher: Dispatcher | undefined;
  const undici = async () => {
    const u = await import('undici');
    dispatcher ??= new u.Agent({
      connect: src.caPem ? { ca: src.caPem, timeout: src.timeoutMs } : { timeout: src.timeoutMs },
      headersTimeout: src.timeoutMs,
      bodyTimeout: src.timeoutMs,
      keepAliveTimeout: 60_000,
    });
    return { request: u.request, dispatcher };
  };
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (src.auth?.kind === 'bearer') headers.authorization = `Bearer ${src.auth.token}`;
  if (src.auth?.kind === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${src.auth.username}:${src.auth.password}`).toString('base64')}`;
  const maxBytes = src.maxBytes ?? DEFAULT_MAX_BYTES;

  async function post(
    path: string,
    form: Record<string, string>,
    resultType: 'matrix' | 'vector',
    outer?: AbortSignal,
  ): Promise<PromAnswer<never>> {
    const signal = outer
      ? AbortSignal.any([outer, AbortSignal.timeout(src.timeoutMs)])
      : AbortSignal.timeout(src.timeoutMs);
    let res: Dispatcher.ResponseData;
    try {
      const u = await undici();
      // POST: the query for every monitor together can be longer than a URL may be.
      res = await u.request(`${base}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(form).toString(),
        dispatcher: u.dispatcher,
        signal,
      });
    } catch (err) {
      throw transportError(err, base, src.timeoutMs);
    }
    const type = String(res.headers['content-type'] ?? '');
    let text: string;
    try {
      text = await readBounded(res.body, maxBytes, base);
    } catch (err) {
      throw err instanceof PromError ? err : transportError(err, base, src.timeoutMs);
    }
    if (/text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text)) {
      throw new PromError(
        'prom_not_api',
        `${base} answered HTTP ${res.statusCode} with an HTML page, not the Prometheus API: check the base URL (a login page or a proxy in the way?)`,
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = raw === undefined ? undefined : PromBody.safeParse(raw);
    if (!parsed?.success) {
      if (res.statusCode >= 400)
        throw new PromError('prom_http', `${base} answered HTTP ${res.statusCode}: ${text.slice(0, 200).trim()}`);
      throw new PromError(
        'prom_bad_json',
        parsed
          ? `${base} answered JSON that is not a Prometheus API reply (${text.slice(0, 80).trim()}…)`
          : `${base} answered something that is not JSON (${text.slice(0, 80).trim()}…)`,
      );
    }
    const body = parsed.data;
    if (body.status !== 'success') {
      if (res.statusCode === 401 || res.statusCode === 403)
        throw new PromError(
          'prom_http',
          `${base} refused the credentials (HTTP ${res.statusCode}); check Settings → Prometheus source`,
        );
      const what = body.error ?? `HTTP ${res.statusCode}`;
      const code = body.errorType === 'bad_data' ? 'prom_bad_data' : body.errorType ? 'prom_error' : 'prom_http';
      throw new PromError(
        code,
        `Prometheus refused the query (${body.errorType ?? res.statusCode}): ${what}`,
        body.errorType,
      );
    }
    if (body.data?.resultType !== resultType || !Array.isArray(body.data.result)) {
      throw new PromError(
        'prom_bad_json',
        `Prometheus answered a ${String(body.data?.resultType)} where a ${resultType} was asked for`,
      );
    }
    const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : [];
    return { data: body.data.result as never, warnings };
  }

  return {
    queryRange: (query, w, signal) =>
      post(
        '/api/v1/query_range',
        { query, start: String(w.startSec), end: String(w.endSec), step: String(w.stepSec) },
        'matrix',
        signal,
      ),
    query: (query, signal) => post('/api/v1/query', { query }, 'vector', signal),
    close: async () => dispatcher?.close(),
  };
}

async function readBounded(
  body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown },
  maxBytes: number,
  base: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new PromError(
        'prom_too_large',
        `${base} sent more than ${Math.round(maxBytes / 1024 / 1024)} MiB for one query; narrow the selectors or read less at once`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportError(err: unknown, base: string, timeoutMs: number): PromError {
  const e = err as { name?: string; code?: string; message?: string };
  if (
    e.name === 'TimeoutError' ||
    e.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    e.code === 'UND_ERR_BODY_TIMEOUT' ||
    e.code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new PromError('prom_timeout', `${base} did not answer within ${timeoutMs / 1000} s`);
  }
  if (e.name === 'AbortError') return new PromError('prom_timeout', `Reading ${base} was stopped`);
  return new PromError(
    'prom_unreachable',
    `Prometheus at ${base} cannot be reached: ${e.code ?? ''} ${e.message ?? String(err)}`.replace(/\s+/g, ' ').trim(),
  );
}

/** Prometheus sends sample values as strings ("1", "0.0123", "NaN", "+Inf"). */
export function sampleValue(v: string): number | null {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
