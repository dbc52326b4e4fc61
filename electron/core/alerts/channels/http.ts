import type { Agent } from 'undici';
import { classifyError } from '../../probes/common/net-errors';
import { DeliveryError, type Delivered } from './delivery-error';
import { guardedLookup } from './guard';

/** Answers above this are cut: the log keeps what a person needs to read, not a whole HTML page. */
const ANSWER_MAX = 300;

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** PEM roots added for this request (internal gateways); the system roots otherwise. */
  ca?: string;
}

/**
 * One agent for every channel: connections are reused, link-local is refused on each connect.
 * Made (and undici loaded) with the first delivery, not at start.
 */
let shared: Agent | undefined;

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > ANSWER_MAX ? `${t.slice(0, ANSWER_MAX)}…` : t;
}

/**
 * POSTs to a channel's server within one deadline (connect, headers and body together). A 2xx is
 * delivered; anything else is a DeliveryError with the status and the server's own words.
 */
export async function post(url: string, opts: PostOptions): Promise<Delivered> {
  const u = new URL(url);
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const { Agent, request } = await import('undici');
  const dispatcher = opts.ca
    ? new Agent({ connect: { lookup: guardedLookup as never, ca: opts.ca } })
    : (shared ??= new Agent({ connect: { lookup: guardedLookup as never }, keepAliveTimeout: 10_000 }));
  try {
    const res = await request(u, {
      method: 'POST',
      headers: opts.headers,
      body: opts.body,
      signal,
      dispatcher,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    const text = await res.body.text();
    const said = oneLine(text);
    if (res.statusCode >= 200 && res.statusCode < 300)
      return { answer: `HTTP ${res.statusCode}${said ? ` ${said}` : ''}` };
    // 408 and 429 and every 5xx may pass; another 4xx will not change by itself.
    const retryable = res.statusCode >= 500 || res.statusCode === 408 || res.statusCode === 429;
    throw new DeliveryError(
      `http_${res.statusCode}`,
      `${u.host} answered HTTP ${res.statusCode}${said ? `: ${said}` : ''}`,
      retryable,
    );
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    const own = (err as { cause?: unknown }).cause;
    if (own instanceof DeliveryError) throw own;
    if (err instanceof DeliveryError || (err as Error).name === 'DeliveryError') throw err;
    const c = classifyError(err, u.host, deadline.aborted);
    throw new DeliveryError(c.code, c.message);
  } finally {
    if (dispatcher !== shared) void dispatcher.close();
  }
}
