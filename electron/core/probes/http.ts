import { Agent, request } from 'undici';
import type { HttpConfig } from '../../../shared/probes/http';
import type { ProbeOutcome, Phases } from '../../../shared/result';
import type { ProbeContext } from './context';
import { classifyError } from './net-errors';

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/**
 * One HTTP check: follows redirects itself (so every hop can be vetted), reads at most
 * `maxBodyBytes`, and ends within `timeoutMs` whatever the server does: undici's per-phase
 * timeouts do not catch a slow drip, so one overall deadline aborts everything.
 */
export async function probeHttp(config: HttpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const deadline = AbortSignal.timeout(config.timeoutMs);
  const signal = AbortSignal.any([deadline, ctx.signal]);
  // A fresh connection per probe: reused sockets would hide connect/TLS time and broken listeners.
  const agent = new Agent({
    connect: { timeout: config.timeoutMs },
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
    pipelining: 0,
  });
  const started = performance.now();
  let url = new URL(config.url);
  const seen = new Set<string>([url.href]);
  let method = config.method;
  let body = config.body;
  const phases: Phases = {};
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(url, { method, headers: config.headers, body, signal, dispatcher: agent });
      phases.ttfb = Math.round(performance.now() - started);
      if (REDIRECT_CODES.has(res.statusCode) && typeof res.headers.location === 'string') {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        const next = new URL(res.headers.location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return down('redirect_scheme', `Redirect to a ${next.protocol} URL refused`, phases);
        }
        if (seen.has(next.href)) return down('redirect_loop', `Redirect loop at ${next.href}`, phases);
        if (hop >= config.maxRedirects) {
          return down('redirect_limit', `More than ${config.maxRedirects} redirects`, phases);
        }
        seen.add(next.href);
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const downloadStart = performance.now();
      const text = await readCapped(res.body, config.maxBodyBytes);
      phases.download = Math.round(performance.now() - downloadStart);
      const latency = Math.round(performance.now() - started);
      if (text === null) {
        return down('body_too_large', `Response body larger than ${formatBytes(config.maxBodyBytes)}`, phases);
      }
      if (!config.acceptStatus.some(([lo, hi]) => res.statusCode >= lo && res.statusCode <= hi)) {
        return { status: 'down', latencyMs: latency, phases, errorCode: 'http_status', message: `HTTP ${res.statusCode} from ${url.host}` };
      }
      if (config.keyword !== undefined && !text.includes(config.keyword)) {
        return { status: 'down', latencyMs: latency, phases, errorCode: 'assertion', message: `Keyword "${config.keyword}" not found in the response` };
      }
      if (latency > config.degradedAboveMs) {
        return {
          status: 'degraded',
          latencyMs: latency,
          phases,
          errorCode: 'slow',
          message: `Answered in ${formatMs(latency)}, above the ${formatMs(config.degradedAboveMs)} threshold`,
        };
      }
      return { status: 'up', latencyMs: latency, phases };
    }
  } catch (err) {
    if (ctx.signal.aborted) return { status: 'unknown', latencyMs: null, errorCode: 'cancelled', message: 'Probe cancelled' };
    const c = classifyError(err, url.host, deadline.aborted);
    return down(c.code, c.message, phases);
  } finally {
    agent.destroy().catch(() => undefined);
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function down(code: string, message: string, phases: Phases): ProbeOutcome {
  return { status: 'down', latencyMs: null, phases, errorCode: code, message };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MiB` : `${Math.round(n / 1024)} KiB`;
}
