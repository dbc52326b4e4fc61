import type { ProbeErrorCode } from '../../../../shared/probes/errors';

/**
 * Maps what Node, undici and TLS throw onto the stable error codes results carry
 * (documented in shared/probes/errors.ts and README "Result error codes"), with one human line each.
 */
export interface ClassifiedError {
  code: ProbeErrorCode;
  message: string;
}

/**
 * A failure a probe decided on itself (a cap tripped, a redirect refused). Thrown from deep inside
 * a stream or a connector so everything is torn down, then recognised by `classifyError`.
 */
export class ProbeFailure extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeFailure';
  }
}

const BY_CODE: Record<string, (host: string) => ClassifiedError> = {
  ECONNREFUSED: (h) => ({ code: 'conn_refused', message: `Connection refused by ${h}` }),
  ECONNRESET: (h) => ({ code: 'conn_reset', message: `Connection reset by ${h}` }),
  EPIPE: (h) => ({ code: 'conn_reset', message: `Connection to ${h} closed while sending` }),
  UND_ERR_SOCKET: (h) => ({ code: 'conn_reset', message: `Connection to ${h} closed unexpectedly` }),
  // undici's words are "Response body length does not match content-length header": the target
  // closed the connection part-way through the body, which is what `conn_reset` means.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: (h) => ({
    code: 'conn_reset',
    message: `${h} closed the connection before the whole body arrived (shorter than its Content-Length)`,
  }),
  UND_ERR_HEADERS_OVERFLOW: (h) => ({
    code: 'bad_response',
    message: `${h} sent a response header block larger than any client accepts`,
  }),
  HPE_HEADER_OVERFLOW: (h) => ({
    code: 'bad_response',
    message: `${h} sent a response header block larger than any client accepts`,
  }),
  ENOTFOUND: (h) => ({ code: 'dns_nxdomain', message: `${h} does not resolve (no such host)` }),
  EAI_AGAIN: (h) => ({ code: 'dns_failed', message: `DNS lookup for ${h} failed temporarily` }),
  EHOSTUNREACH: (h) => ({ code: 'host_unreachable', message: `${h} is unreachable` }),
  ENETUNREACH: (h) => ({ code: 'net_unreachable', message: `Network unreachable while connecting to ${h}` }),
  UND_ERR_CONNECT_TIMEOUT: (h) => ({ code: 'timeout', message: `Timed out connecting to ${h}` }),
  UND_ERR_HEADERS_TIMEOUT: (h) => ({ code: 'timeout', message: `${h} did not send response headers in time` }),
  UND_ERR_BODY_TIMEOUT: (h) => ({ code: 'timeout', message: `${h} stopped sending the response body` }),
  CERT_HAS_EXPIRED: (h) => ({ code: 'tls_expired', message: `The certificate of ${h} has expired` }),
  ERR_TLS_CERT_ALTNAME_INVALID: (h) => ({ code: 'tls_hostname', message: `The certificate does not match ${h}` }),
  CERT_NOT_YET_VALID: (h) => ({ code: 'tls_not_yet_valid', message: `The certificate of ${h} is not valid yet` }),
  DEPTH_ZERO_SELF_SIGNED_CERT: (h) => ({
    code: 'tls_self_signed',
    message: `${h} presented a self-signed certificate`,
  }),
  SELF_SIGNED_CERT_IN_CHAIN: (h) => ({
    code: 'tls_self_signed',
    message: `The certificate chain of ${h} ends in an untrusted self-signed root`,
  }),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (h) => ({
    code: 'tls_untrusted',
    message: `The certificate of ${h} could not be verified`,
  }),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (h) => ({
    code: 'tls_untrusted',
    message: `The certificate issuer of ${h} is not trusted`,
  }),
};

export function classifyError(err: unknown, host: string, timedOut: boolean): ClassifiedError {
  if (timedOut) return { code: 'timeout', message: `No complete answer from ${host} within the timeout` };
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  const own = chain.find((e): e is ProbeFailure => e instanceof ProbeFailure);
  if (own) return { code: own.code, message: own.message };
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      const known = BY_CODE[code];
      if (known) return known(host);
      if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__ERROR_')) {
        return { code: 'decompression', message: `The compressed body from ${host} is corrupt` };
      }
      if (code.startsWith('HPE_'))
        return { code: 'bad_response', message: `${host} sent something that is not valid HTTP` };
    }
    // undici 7 can throw its parser error with `code` undefined (it looks the llhttp error number up
    // in a name-to-number table), so recognise it by name too.
    if ((e as { name?: unknown }).name === 'HTTPParserError') {
      return { code: 'bad_response', message: `${host} sent something that is not valid HTTP` };
    }
  }
  const first = chain[0];
  const text = first instanceof Error ? first.message : String(first);
  return { code: 'request_failed', message: `Request to ${host} failed: ${text}`.slice(0, 300) };
}
