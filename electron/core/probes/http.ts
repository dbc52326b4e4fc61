import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import type { HttpConfig } from '../../../shared/probes/http';
import { checkJsonAssertion, parseJsonAssertion } from '../../../shared/probes/json-assertion';
import type { ProbeDetails, ProbeOutcome, Phases } from '../../../shared/result';
import { ACCEPT_ENCODING, readBody } from './body';
import type { ProbeContext } from './context';
import { probeDeadline } from './deadline';
import { createKeywordScanner } from './keywords';
import type { KeywordScanner } from './keywords';
import { classifyError } from './net-errors';
import { REDIRECT_STATUSES, createRedirectFollower, headersForHop } from './redirects';
import type { Hop } from './redirects';
import { createTimedConnector } from './timing';
import { answered, cancelled } from './outcome';
import { formatMs } from './format-duration';

/** Bytes of a redirect's own body read before moving on (it is thrown away). */
const REDIRECT_BODY_LIMIT = 64 * 1024;

type Stage = 'connecting' | 'headers' | 'body';

/**
 * One HTTP check. Follows redirects itself (so every hop is vetted: see redirects.ts), reads the
 * body under two caps (body.ts), measures real phases on a fresh connection (timing.ts), and ends
 * within `timeoutMs` whatever the server does: undici's per-phase timeouts do not catch a slow
 * drip or a header trickle, so one overall deadline aborts everything.
 */
export async function probeHttp(config: HttpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const startUrl = new URL(config.url);
  const redirects = createRedirectFollower(startUrl, config);
  const timer = createTimedConnector({
    timeoutMs: config.timeoutMs,
    // The operator's own URL may be link-local on purpose; only where a redirect leads is refused.
    refuseLinkLocal: () => redirects.count > 0 && !config.allowLinkLocal,
    ...(ctx.extraCa?.length ? { tls: { ca: [...rootCertificates, ...ctx.extraCa] } } : {}),
  });
  // A fresh connection per probe and per hop (pipelining 0 = no keep-alive): reused sockets would
  // hide connect/TLS time and a broken listener.
  const agent = new Agent({ connect: timer.connector, headersTimeout: config.timeoutMs, bodyTimeout: config.timeoutMs, pipelining: 0 });
  const headers = withDefaults(config.headers);
  const started = performance.now();
  let hop: Hop = { url: startUrl, method: config.method, body: config.body };
  let stage: Stage = 'connecting';
  let phases: Phases = {};
  // Made last, right before `try`, so its `finally` always detaches it from the monitor's signal.
  const deadline = probeDeadline(ctx.signal, config.timeoutMs);
  const signal = deadline.signal;
  try {
    for (;;) {
      const hopStart = performance.now();
      stage = 'connecting';
      const res = await request(hop.url, {
        method: hop.method as 'GET',
        headers: headersForHop(headers, hop.url, startUrl.origin, config.secretHeaders),
        body: hop.body,
        signal,
        dispatcher: agent,
      });
      const headersAt = performance.now();
      const conn = timer.take();
      const setup = (conn.dns ?? 0) + (conn.connect ?? 0) + (conn.tls ?? 0);
      phases = { ...conn, ttfb: round(Math.max(0, headersAt - hopStart - setup)) };
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string') {
        await res.body.dump({ limit: REDIRECT_BODY_LIMIT }).catch(() => undefined);
        hop = redirects.follow(res.statusCode, location, hop);
        continue;
      }
      stage = 'body';
      const scanner = createKeywordScanner([config.keyword ?? '', config.absentKeyword ?? '']);
      const read = await readBody(
        res.body,
        res.headers,
        { maxBytes: config.maxBodyBytes, maxDecodedBytes: config.maxDecodedBytes },
        hop.url.host,
        {
          bodyExpected: hop.method !== 'HEAD' && res.statusCode !== 204 && res.statusCode !== 304,
          keepText: config.jsonAssert !== undefined,
          onChunk: (c) => scanner.push(c),
        },
        signal,
      );
      phases.download = round(performance.now() - headersAt);
      const latency = round(performance.now() - started);
      const details: ProbeDetails = { httpStatus: res.statusCode, bytes: read.bytes };
      if (read.encodings.length) details.contentEncoding = read.encodings.join(', ');
      if (redirects.count > 0) {
        details.redirects = redirects.count;
        details.finalUrl = hop.url.href.slice(0, 512);
      }
      const reply = { latencyMs: latency, phases, details };

      if (!config.acceptStatus.some(([lo, hi]) => res.statusCode >= lo && res.statusCode <= hi)) {
        return { status: 'down', ...reply, errorCode: 'http_status', message: `HTTP ${res.statusCode} from ${hop.url.host}${hop.url.pathname === '/' ? '' : hop.url.pathname}`.slice(0, 300) };
      }
      const failed = firstFailedAssertion(config, scanner, read.text);
      if (failed !== null) {
        return { status: config.softAssertions ? 'degraded' : 'down', ...reply, errorCode: 'assertion', message: failed.slice(0, 300) };
      }
      return answered(reply, config.degradedAboveMs, (d) => `Answered in ${d}`);
    }
  } catch (err) {
    if (ctx.signal.aborted) return cancelled();
    const host = hop.url.host;
    if (deadline.timeout.aborted) {
      return { status: 'down', latencyMs: null, phases: { ...phases, ...timer.take() }, errorCode: 'timeout', message: timeoutMessage(stage, host, config.timeoutMs) };
    }
    const c = classifyError(err, host, false);
    return { status: 'down', latencyMs: null, phases: { ...phases, ...timer.take() }, errorCode: c.code, message: c.message };
  } finally {
    deadline.end();
    agent.destroy().catch(() => undefined);
  }
}

/** The first failing keyword / JSON assertion as one human line, or null when all hold. */
function firstFailedAssertion(config: HttpConfig, keywords: KeywordScanner, text: string): string | null {
  if (config.keyword !== undefined && !keywords.found(config.keyword)) return `Keyword "${clip(config.keyword)}" not found in the response`;
  if (config.absentKeyword !== undefined && keywords.found(config.absentKeyword)) return `Unwanted keyword "${clip(config.absentKeyword)}" found in the response`;
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
  const names = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  return {
    ...(names.has('user-agent') ? {} : { 'user-agent': 'Lookout-probe/1' }),
    ...(names.has('accept-encoding') ? {} : { 'accept-encoding': ACCEPT_ENCODING }),
    ...headers,
  };
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

