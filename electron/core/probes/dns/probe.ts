import type { ProbeErrorCode } from '../../../../shared/probes/errors';
import { Resolver } from 'node:dns/promises';
import { parseDnsServer, type DnsConfig, type DnsDetails, type DnsRecordType } from '../../../../shared/probes/dns';
import type { ProbeOutcome } from '../../../../shared/result';
import type { ProbeContext } from '../context';
import { formatMs } from '../common/format-duration';
import { answered, cancelled } from '../common/outcome';

/** c-ares error codes → stable result codes; anything else is `dns_failed`. */
const ERROR_CODES: Record<string, ProbeErrorCode> = {
  ENOTFOUND: 'dns_nxdomain',
  ENODATA: 'dns_no_data',
  ETIMEOUT: 'dns_timeout',
  ECANCELLED: 'dns_timeout',
  ESERVFAIL: 'dns_servfail',
  EREFUSED: 'dns_refused',
  ECONNREFUSED: 'dns_refused',
};

interface Answer {
  /** As shown to the operator and stored: `10 mx1.example.com` for MX, joined strings for TXT. */
  text: string;
  /** Forms an expected value may take to match this answer. */
  keys: string[];
}

/**
 * Resolves one name and record type against the system's resolvers or one given server, with one
 * overall deadline (c-ares' own timeout is per try), and checks the answer against expected values.
 */
export async function probeDns(config: DnsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  if (ctx.signal.aborted) return cancelled();
  const resolver = new Resolver({ timeout: config.timeoutMs, tries: 1 });
  const server = config.server ? parseDnsServer(config.server) : null;
  if (server)
    resolver.setServers([
      server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`,
    ]);
  const via = config.server ? `server ${config.server}` : 'the system resolver';
  const asked = `${config.name} ${config.type}`;

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, config.timeoutMs);
  const onAbort = () => resolver.cancel();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  let answers: Answer[];
  let ttl: number | null = null;
  try {
    const resolved = await resolve(resolver, config.name, config.type);
    answers = resolved.answers;
    ttl = resolved.ttl;
  } catch (err) {
    if (ctx.signal.aborted) return cancelled();
    const raw = (err as { code?: unknown }).code;
    const code = timedOut ? 'dns_timeout' : (ERROR_CODES[String(raw)] ?? 'dns_failed');
    return {
      status: 'down',
      latencyMs: null,
      errorCode: code,
      message: errorMessage(code, asked, via, config.timeoutMs, raw),
      details: { server: config.server ?? 'system' } satisfies DnsDetails,
    };
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
  const latency = Math.round(performance.now() - started);
  const details: DnsDetails = {
    server: config.server ?? 'system',
    answers: answers.slice(0, 32).map((a) => a.text.slice(0, 256)),
    ...(ttl === null ? {} : { ttl }),
  };

  const missing = config.expected.filter((e) => !answers.some((a) => a.keys.includes(normalise(config.type, e))));
  const matched = config.match === 'all' ? missing.length === 0 : missing.length < config.expected.length;
  if (config.expected.length > 0 && !matched) {
    const got = answers.map((a) => a.text).join(', ');
    const want = config.match === 'all' ? `all of ${missing.join(', ')}` : `any of ${config.expected.join(', ')}`;
    return {
      status: 'down',
      latencyMs: latency,
      details,
      errorCode: 'dns_mismatch',
      message: `${asked} answered ${got}; expected ${want}`.replace(/[\r\n]+/g, ' ').slice(0, 300),
    };
  }
  return answered({ latencyMs: latency, details }, config.degradedAboveMs, (d) => `${asked} resolved in ${d}`);
}

async function resolve(
  r: Resolver,
  name: string,
  type: DnsRecordType,
): Promise<{ answers: Answer[]; ttl: number | null }> {
  switch (type) {
    case 'A':
    case 'AAAA': {
      const records = type === 'A' ? await r.resolve4(name, { ttl: true }) : await r.resolve6(name, { ttl: true });
      return {
        answers: records.map((rec) => ({ text: rec.address, keys: [normalise(type, rec.address)] })),
        ttl: records.length ? Math.min(...records.map((rec) => rec.ttl)) : null,
      };
    }
    case 'CNAME':
      return { answers: (await r.resolveCname(name)).map((c) => ({ text: c, keys: [normalise(type, c)] })), ttl: null };
    case 'MX':
      return {
        answers: (await r.resolveMx(name))
          .sort((a, b) => a.priority - b.priority)
          .map((mx) => {
            const host = normalise('MX', mx.exchange);
            return { text: `${mx.priority} ${mx.exchange}`, keys: [host, `${mx.priority} ${host}`] };
          }),
        ttl: null,
      };
    case 'TXT':
      // One TXT record can be split into several <=255-byte strings; the record is their concatenation.
      return {
        answers: (await r.resolveTxt(name)).map((parts) => ({ text: parts.join(''), keys: [parts.join('')] })),
        ttl: null,
      };
  }
}

/** Comparable form: host names case-folded without the root dot, IPv6 in its canonical short form. */
function normalise(type: DnsRecordType, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'A':
      return v;
    case 'AAAA':
      try {
        return new URL(`http://[${v}]/`).hostname.slice(1, -1);
      } catch {
        return v.toLowerCase();
      }
    case 'CNAME':
      return v.toLowerCase().replace(/\.$/, '');
    case 'MX':
      return v.toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');
    case 'TXT':
      return value;
  }
}

function errorMessage(code: ProbeErrorCode, asked: string, via: string, timeoutMs: number, raw: unknown): string {
  switch (code) {
    case 'dns_nxdomain':
      return `${asked}: no such domain (NXDOMAIN from ${via})`;
    case 'dns_no_data':
      return `${asked}: the name exists but has no records of that type (${via})`;
    case 'dns_timeout':
      return `${asked}: no answer from ${via} within ${formatMs(timeoutMs)}`;
    case 'dns_servfail':
      return `${asked}: ${via} answered SERVFAIL`;
    case 'dns_refused':
      return `${asked}: ${via} refused the query`;
    default:
      return `${asked}: lookup through ${via} failed (${typeof raw === 'string' ? raw : 'unknown error'})`;
  }
}
