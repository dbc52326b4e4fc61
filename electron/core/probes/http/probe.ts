import http from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { SecureContext } from 'node:tls';
import type { HttpConfig, HttpDetails } from '../../../../shared/probes/http';
import { checkJsonAssertion, parseJsonAssertion } from '../../../../shared/probes/json-assertion';
import type { ProbeOutcome, Phases } from '../../../../shared/result';
import { ACCEPT_ENCODING, readBody } from './body';
import type { ProbeContext } from '../context';
import { probeDeadline } from '../common/deadline';
import { createKeywordScanner } from './keywords';
import type { KeywordScanner } from './keywords';
import { ProbeFailure, classifyError } from '../common/net-errors';
import { REDIRECT_STATUSES, createRedirectFollower, headersForHop } from '../common/redirects';
import type { Hop } from '../common/redirects';
import { createTimedLookup, timeSocket, type ConnectionPhases } from './timing';
import { answered, cancelled } from '../common/outcome';
import { formatMs } from '../common/format-duration';

type Stage = 'connecting' | 'headers' | 'body';

const noop = (): void => undefined;

/**
 * One HTTP check on node:http / node:https with `agent: false`: a new connection per probe and
 * per hop (reused sockets would hide connect/TLS time and a broken listener), with no pool,
 * dispatcher or per-request error objects around it, so a probe costs about what a bare
 * `http.get` does. Follows redirects itself (so every hop is vetted: see redirects.ts), reads the
 * body under two caps (body.ts), times the real phases from the socket's events (timing.ts), and
 * ends within `timeoutMs` whatever the server does: one overall deadline aborts everything, a
 * slow drip and a header trickle included.
 */
export async function probeHttp(config: HttpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const startUrl = new URL(config.url);
  const redirects = createRedirectFollower(startUrl, config);
  let conn: ConnectionPhases = {};
  const lookup = createTimedLookup(
    // The operator's own URL may be link-local on purpose; only where a redirect leads is refused.
    { refuseLinkLocal: () => redirects.count > 0 && !config.allowLinkLocal },
    () => conn,
  );
  const secureContext = ctx.extraCa?.length ? contextWith(ctx.extraCa) : undefined;
  const headers = withDefaults(config.headers);
  const started = performance.now();
  let hop: Hop = { url: startUrl, method: config.method, body: config.body };
  let stage: Stage = 'connecting';
  let phases: Phases = {};
  let req: ClientRequest | undefined;
  // Made last, right before `try`, so its `finally` always detaches it from the monitor's signal.
  const deadline = probeDeadline(ctx.signal, config.timeoutMs);
  const signal = deadline.signal;
  try {
    for (;;) {
      const hopStart = performance.now();
      stage = 'connecting';
      conn = {};
      const secure = hop.url.protocol === 'https:';
      const sent = send(hop, headersForHop(headers, hop.url, startUrl.origin, config.secretHeaders), {
        lookup,
        secure,
        secureContext,
        signal,
        conn,
        startedAt: hopStart,
      });
      req = sent.req;
      const res = await sent.response;
      const headersAt = performance.now();
      const setup = (conn.dns ?? 0) + (conn.connect ?? 0) + (conn.tls ?? 0);
      phases = { ...conn, ttfb: round(Math.max(0, headersAt - hopStart - setup)) };
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && typeof location === 'string') {
        // Nothing is reused, so the redirect's own body is not worth reading: the socket goes.
        res.on('error', noop).destroy();
        hop = redirects.follow(status, location, hop);
        continue;
      }
      stage = 'body';
      const scanner = createKeywordScanner([config.keyword ?? '', config.absentKeyword ?? '']);
      const read = await readBody(
        res,
        res.headers,
        { maxBytes: config.maxBodyBytes, maxDecodedBytes: config.maxDecodedBytes },
        hop.url.host,
        {
          bodyExpected: hop.method !== 'HEAD' && status !== 204 && status !== 304,
          keepText: config.jsonAssert !== undefined,
          onChunk: (c) => scanner.push(c),
        },
        signal,
      ).catch((err: unknown) => {
        throw cutShort(err, res, hop.url.host);
      });
      phases.download = round(performance.now() - headersAt);
      const latency = round(performance.now() - started);
      const details: HttpDetails = { httpStatus: status, bytes: read.bytes };
      if (read.encodings.length) details.contentEncoding = read.encodings.join(', ');
      if (redirects.count > 0) {
        details.redirects = redirects.count;
        details.finalUrl = hop.url.href.slice(0, 512);
      }
      const reply = { latencyMs: latency, phases, details };

      if (!config.acceptStatus.some(([lo, hi]) => status >= lo && status <= hi)) {
        return {
          status: 'down',
          ...reply,
          errorCode: 'http_status',
          message: `HTTP ${status} from ${hop.url.host}${hop.url.pathname === '/' ? '' : hop.url.pathname}`.slice(
            0,
            300,
          ),
        };
      }
      const failed = firstFailedAssertion(config, scanner, read.text);
      if (failed !== null) {
        return {
          status: config.softAssertions ? 'degraded' : 'down',
          ...reply,
          errorCode: 'assertion',
          message: failed.slice(0, 300),
        };
      }
      return answered(reply, config.degradedAboveMs, (d) => `Answered in ${d}`);
    }
  } catch (err) {
    if (ctx.signal.aborted) return cancelled();
    const host = hop.url.host;
    if (deadline.timeout.aborted) {
      return {
        status: 'down',
        latencyMs: null,
        phases: { ...phases, ...conn },
        errorCode: 'timeout',
        message: timeoutMessage(stage, host, config.timeoutMs),
      };
    }
    const c = classifyError(err, host, false);
    return { status: 'down', latencyMs: null, phases: { ...phases, ...conn }, errorCode: c.code, message: c.message };
  } finally {
    deadline.end();
    // A finished exchange has already let its socket go; anything else is cut off here.
    if (req && !req.destroyed) req.destroy();
  }
}

interface SendOptions {
  lookup: ReturnType<typeof createTimedLookup>;
  secure: boolean;
  secureContext: SecureContext | undefined;
  signal: AbortSignal;
  /** Where the new socket's phases are written. */
  conn: ConnectionPhases;
  startedAt: number;
}

/** One request on a new connection; resolves with the response head, the body still unread. */
function send(
  hop: Hop,
  headers: Record<string, string>,
  o: SendOptions,
): { req: ClientRequest; response: Promise<IncomingMessage> } {
  let req!: ClientRequest;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const options = {
      method: hop.method,
      headers,
      agent: false as const,
      lookup: o.lookup,
      signal: o.signal,
      ...(o.secureContext ? { secureContext: o.secureContext } : {}),
    };
    req = o.secure ? https.request(hop.url, options) : http.request(hop.url, options);
    // Stays attached for the whole probe: a socket error after the head reaches the request too.
    req.on('error', reject);
    req.once('socket', (socket: Socket) => timeSocket(socket, o.secure, o.startedAt, o.conn));
    req.once('response', resolve);
    req.end(hop.body);
  });
  return { req, response };
}

/**
 * node:http ends a body that stops short of its Content-Length (or its last chunk) with a bare
 * ECONNRESET "aborted"; said the way a person reads it.
 */
function cutShort(err: unknown, res: IncomingMessage, host: string): unknown {
  if (res.complete || (err as { code?: unknown }).code !== 'ECONNRESET') return err;
  const declared = res.headers['content-length'];
  const why =
    declared === undefined ? 'before the last chunk' : `(shorter than its Content-Length of ${declared} bytes)`;
  return new ProbeFailure('conn_reset', `${host} closed the connection before the whole body arrived ${why}`);
}

/** One TLS context per set of extra CAs: building one from every root certificate per probe is the expensive part. */
const contexts = new Map<string, SecureContext>();
function contextWith(extraCa: readonly string[]): SecureContext {
  const key = extraCa.join('\n');
  let c = contexts.get(key);
  if (!c) {
    if (contexts.size >= 8) contexts.clear();
    contexts.set(key, (c = createSecureContext({ ca: [...rootCertificates, ...extraCa] })));
  }
  return c;
}

/** The first failing keyword / JSON assertion as one human line, or null when all hold. */
function firstFailedAssertion(config: HttpConfig, keywords: KeywordScanner, text: string): string | null {
  if (config.keyword !== undefined && !keywords.found(config.keyword))
    return `Keyword "${clip(config.keyword)}" not found in the response`;
  if (config.absentKeyword !== undefined && keywords.found(config.absentKeyword))
    return `Unwanted keyword "${clip(config.absentKeyword)}" found in the response`;
  if (config.jsonAssert !== undefined) {
    const parsed = parseJsonAssertion(config.jsonAssert);
    // The schema accepted it, so this only fails if a stored config predates a grammar change.
    if (!parsed.ok) return `JSON assertion "${clip(config.jsonAssert)}" is invalid: ${parsed.error}`;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return `Response is not JSON, so ${clip(config.jsonAssert)} cannot be checked`;
    }
    const failed = checkJsonAssertion(parsed.value, doc);
    if (failed !== null) return `JSON assertion failed: ${failed}`;
  }
  return null;
}

function withDefaults(headers: Record<string, string>): Record<string, string> {
  // A loop rather than spreads of conditional objects: this runs once per probe.
  let agent = false;
  let encoding = false;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower === 'user-agent') agent = true;
    else if (lower === 'accept-encoding') encoding = true;
  }
  const out: Record<string, string> = {};
  if (!agent) out['user-agent'] = 'Lookout-probe/1';
  if (!encoding) out['accept-encoding'] = ACCEPT_ENCODING;
  for (const name in headers) out[name] = headers[name]!;
  return out;
}

function timeoutMessage(stage: Stage, host: string, timeoutMs: number): string {
  const within = `within the ${formatMs(timeoutMs)} timeout`;
  if (stage === 'connecting') return `No response headers from ${host} ${within}`;
  return `The response body from ${host} did not finish ${within}`;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
