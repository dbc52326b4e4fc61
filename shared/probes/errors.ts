/**
 * The stable error codes a probe result carries when it is not `up`, each with the one line an
 * operator reads in the results list. This table is the documentation (README's table mirrors it);
 * a probe picks a code from here and writes its own message naming what and where.
 * Kinds append their codes to the table; codes are never renamed once stored.
 */
export const PROBE_ERRORS = {
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
  assertion: 'The answer did not pass a keyword or JSON assertion.',
  slow: 'Degraded: the answer came, but slower than the response-time threshold (3 s by default).',
  body_too_large: 'The response body (bytes read, or its decompressed size) exceeds the configured cap.',
  decompression: 'The body could not be decoded: corrupt data, an unknown encoding or more than two stacked encodings.',
  redirect_loop: 'A redirect led back to a URL already visited.',
  redirect_limit: 'More redirects than the monitor allows.',
  redirect_scheme: 'A redirect pointed at a scheme other than http or https.',
  redirect_blocked: 'A redirect pointed at a link-local address (cloud metadata) and the monitor does not allow it.',
  // — tcp / dns / tls / page —
  dns_no_data: 'The name exists but has no records of the requested type.',
  dns_timeout: 'The DNS server did not answer within the timeout.',
  dns_servfail: 'The DNS server answered SERVFAIL (it could not resolve the name).',
  dns_refused: 'The DNS server refused the query.',
  dns_mismatch: 'The DNS answer does not contain the expected values.',
  tls_not_yet_valid: 'The certificate is not valid yet (its not-before date is in the future).',
  tls_expiring: 'The certificate expires within the warning (degraded) or failure (down) threshold.',
  tls_protocol: 'The negotiated TLS protocol is older than the minimum the monitor requires.',
  tls_handshake: 'The TLS handshake failed (no common protocol or cipher, or not a TLS server).',
  browser_unavailable: 'No browser to load the page with: the result is unknown (not a fault of the target).',
  page_failed: 'The browser could not load the page; the message has the error the browser gave.',
} as const satisfies Record<string, string>;

export type ProbeErrorCode = keyof typeof PROBE_ERRORS;
