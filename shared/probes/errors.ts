import { KINDS, type Kind } from '../kinds';

/**
 * The stable error codes a probe result carries when it is not `up`, each with the one line an
 * operator reads in the results list. These are the codes more than one kind gives (network, TLS
 * chain, HTTP answers); each kind adds its own in its file (shared/probes/<kind>.ts, `errors`).
 * README's table mirrors this one; a probe picks a code and writes its own message naming what
 * and where. Codes are never renamed once stored.
 */
export const COMMON_PROBE_ERRORS = {
  // — any kind: network —
  timeout: 'The target did not answer completely within the timeout (overall deadline, connect, headers or body).',
  dns_nxdomain: 'The host name does not resolve (no such domain).',
  dns_failed: 'The DNS lookup failed for another reason (server failure, temporary error).',
  conn_refused: 'The target refused the TCP connection (nothing listening on that port).',
  conn_reset:
    'The connection was reset or closed by the target before the answer was complete (also a body cut off short of its Content-Length).',
  host_unreachable: 'No route to the target host.',
  net_unreachable: "The console's network cannot reach the target network.",
  request_failed: 'The request failed for a reason not listed here; the message has the detail.',
  cancelled: 'The probe was cancelled (monitor deleted or app shutting down); the result is unknown.',
  probe_crashed: 'The probe itself threw; a bug in Lookout, not the target.',
  secret_unavailable:
    'A stored secret header could not be decrypted on this machine (keychain or key file changed); re-enter it. The target was not probed.',
  // — TLS —
  tls_expired: 'The certificate has expired.',
  tls_self_signed: 'The certificate is self-signed or its chain ends in a self-signed root nobody trusts.',
  tls_untrusted: 'The certificate chain does not lead to a trusted authority.',
  tls_hostname: 'The certificate does not cover the host name that was asked for.',
  // — HTTP —
  bad_response:
    'The target answered with something that is not valid HTTP (also a response header block larger than a client accepts).',
  http_status: 'The HTTP status code is not one of the accepted codes.',
  slow: 'Degraded: the answer came, but slower than the response-time threshold (3 s by default).',
  decompression: 'The body could not be decoded: corrupt data, an unknown encoding or more than two stacked encodings.',
  redirect_loop: 'A redirect led back to a URL already visited.',
  redirect_limit: 'More redirects than the monitor allows.',
  redirect_scheme: 'A redirect pointed at a scheme other than http or https.',
  redirect_blocked: 'A redirect pointed at a link-local address (cloud metadata) and the monitor does not allow it.',
  // — TLS, continued —
  tls_not_yet_valid: 'The certificate is not valid yet (its not-before date is in the future).',
} as const satisfies Record<string, string>;

/** Every code any probe may give: the common ones and each kind's. */
export type ProbeErrorCode =
  keyof typeof COMMON_PROBE_ERRORS | { [K in Kind]: keyof (typeof KINDS)[K]['errors'] }[Kind];

export const PROBE_ERRORS: Readonly<Record<ProbeErrorCode, string>> = Object.assign(
  {},
  COMMON_PROBE_ERRORS,
  ...Object.values(KINDS).map((k) => k.errors),
) as Record<ProbeErrorCode, string>;
