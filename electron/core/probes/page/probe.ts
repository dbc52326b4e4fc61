import type { ProbeErrorCode } from '../../../../shared/probes/errors';
import type { PageConfig, PageDetails } from '../../../../shared/probes/page';
import type { ProbeOutcome } from '../../../../shared/result';
import type { ProbeContext } from '../context';
import { formatMs } from '../common/format-duration';
import { cancelled } from '../common/outcome';

/** Chromium network errors → stable result codes (anything else: `page_failed`). */
const NET_ERRORS: Record<string, { code: ProbeErrorCode; says: (host: string) => string }> = {
  ERR_TIMED_OUT: { code: 'timeout', says: (h) => `${h} did not answer in time` },
  ERR_CONNECTION_TIMED_OUT: { code: 'timeout', says: (h) => `Timed out connecting to ${h}` },
  ERR_CONNECTION_REFUSED: { code: 'conn_refused', says: (h) => `Connection refused by ${h}` },
  ERR_CONNECTION_RESET: { code: 'conn_reset', says: (h) => `Connection reset by ${h}` },
  ERR_CONNECTION_CLOSED: { code: 'conn_reset', says: (h) => `${h} closed the connection` },
  ERR_EMPTY_RESPONSE: { code: 'bad_response', says: (h) => `${h} closed the connection without answering` },
  ERR_INVALID_HTTP_RESPONSE: { code: 'bad_response', says: (h) => `${h} sent something that is not valid HTTP` },
  ERR_NAME_NOT_RESOLVED: { code: 'dns_nxdomain', says: (h) => `${h} does not resolve (no such host)` },
  ERR_ADDRESS_UNREACHABLE: { code: 'host_unreachable', says: (h) => `${h} is unreachable` },
  ERR_INTERNET_DISCONNECTED: { code: 'net_unreachable', says: (h) => `No network to reach ${h}` },
  ERR_CERT_DATE_INVALID: {
    code: 'tls_expired',
    says: (h) => `The certificate of ${h} has expired or is not yet valid`,
  },
  ERR_CERT_AUTHORITY_INVALID: {
    code: 'tls_untrusted',
    says: (h) => `The certificate of ${h} is not issued by a trusted authority`,
  },
  ERR_CERT_COMMON_NAME_INVALID: { code: 'tls_hostname', says: (h) => `The certificate does not match ${h}` },
  ERR_TOO_MANY_REDIRECTS: { code: 'redirect_loop', says: (h) => `${h} redirects in a loop` },
  ERR_UNSAFE_REDIRECT: { code: 'redirect_scheme', says: (h) => `${h} redirected to a scheme other than http or https` },
  ERR_BLOCKED_BY_CLIENT: {
    code: 'redirect_blocked',
    says: (h) => `Loading ${h} reached for a link-local address (cloud metadata), which this monitor does not allow`,
  },
  download: { code: 'page_failed', says: (h) => `${h} answered with a file download, not a page` },
};

/**
 * A page load as a person sees it, in a real browser supplied by the shell (`ctx.pageLoader`).
 * The status follows the load event against the threshold; TTFB, DOMContentLoaded and LCP are kept.
 */
export async function probePage(config: PageConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  if (ctx.signal.aborted) return cancelled();
  const host = new URL(config.url).host;
  if (!ctx.pageLoader) {
    return {
      status: 'unknown',
      latencyMs: null,
      errorCode: 'browser_unavailable',
      message: 'No browser is available to load pages in this mode',
    };
  }
  const loaded = await ctx.pageLoader.load(config.url, {
    timeoutMs: config.timeoutMs,
    signal: ctx.signal,
    allowLinkLocal: config.allowLinkLocal,
  });
  if (ctx.signal.aborted) return cancelled();
  if (loaded.kind === 'unavailable') {
    return { status: 'unknown', latencyMs: null, errorCode: 'browser_unavailable', message: oneLine(loaded.message) };
  }
  if (loaded.kind === 'failed') {
    const known = NET_ERRORS[loaded.error];
    if (loaded.error === 'timeout') {
      return {
        status: 'down',
        latencyMs: null,
        errorCode: 'timeout',
        message: `${host} did not finish loading within ${formatMs(config.timeoutMs)}`,
      };
    }
    return known
      ? { status: 'down', latencyMs: null, errorCode: known.code, message: known.says(host) }
      : {
          status: 'down',
          latencyMs: null,
          errorCode: 'page_failed',
          message: oneLine(`The browser could not load ${host}: ${loaded.message}`),
        };
  }

  const t = loaded.timings;
  const latency = t.load ?? t.domContentLoaded;
  const details: PageDetails = {
    ttfbMs: t.ttfb,
    domContentLoadedMs: t.domContentLoaded,
    loadMs: t.load,
    lcpMs: t.lcp,
    httpStatus: loaded.httpStatus,
    finalUrl: loaded.finalUrl.slice(0, 512),
  };
  const phases = t.ttfb === null ? {} : { ttfb: t.ttfb };
  if (loaded.httpStatus !== null && loaded.httpStatus >= 400) {
    return {
      status: 'down',
      latencyMs: latency,
      phases,
      details,
      errorCode: 'http_status',
      message: `HTTP ${loaded.httpStatus} from ${host}`,
    };
  }
  if (latency !== null && latency > config.degradedAboveMs) {
    return {
      status: 'degraded',
      latencyMs: latency,
      phases,
      details,
      errorCode: 'slow',
      message: `${host} loaded in ${formatMs(latency)}, above the ${formatMs(config.degradedAboveMs)} target`,
    };
  }
  return { status: 'up', latencyMs: latency, phases, details };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300);
}
