import type { ProbeErrorCode } from '../../../../shared/probes/errors';
import net from 'node:net';
import tls from 'node:tls';
import { TLS_VERSIONS, type TlsConfig, type TlsDetails } from '../../../../shared/probes/tls';
import type { Phases, ProbeOutcome } from '../../../../shared/result';
import type { ProbeContext } from '../context';
import { formatMs } from '../common/format-duration';
import { classifyError } from '../common/net-errors';
import { CancelledError, DeadlineError, waitForSocket } from '../common/socket-wait';
import { answered, cancelled } from '../common/outcome';

const DAY = 86_400_000;

/** OpenSSL verification codes → stable result codes (anything else: `tls_untrusted`). */
const VERIFY_CODES: Record<string, { code: ProbeErrorCode; why: string }> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: { code: 'tls_self_signed', why: 'is self-signed' },
  SELF_SIGNED_CERT_IN_CHAIN: { code: 'tls_self_signed', why: 'chains to a self-signed root that is not trusted' },
  CERT_HAS_EXPIRED: { code: 'tls_expired', why: 'chain contains an expired certificate' },
  CERT_NOT_YET_VALID: { code: 'tls_not_yet_valid', why: 'chain contains a certificate that is not valid yet' },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { code: 'tls_untrusted', why: 'is issued by an authority that is not trusted' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { code: 'tls_untrusted', why: 'could not be verified against a trusted authority' },
  CERT_REVOKED: { code: 'tls_untrusted', why: 'has been revoked' },
};

/**
 * One TLS handshake, verified the way a client would (chain, host name, dates) but with every
 * failure captured as its own code instead of aborting the handshake, so the certificate's details
 * are recorded even when it is bad.
 */
export async function probeTls(config: TlsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  if (ctx.signal.aborted) return cancelled();
  const where = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const identity = config.servername ?? config.host;
  const started = performance.now();
  const phases: Phases = {};
  let connected = false;
  const socket = tls.connect({
    host: config.host,
    port: config.port,
    // SNI carries names only (RFC 6066); an IP host is matched against the certificate's IP SANs.
    servername: net.isIP(identity) ? undefined : identity,
    rejectUnauthorized: false,
    minVersion: 'TLSv1',
    ca: config.ca ? [...tls.rootCertificates, config.ca] : undefined,
  });
  try {
    socket.once('connect', () => {
      connected = true;
      phases.connect = Math.round(performance.now() - started) - (phases.dns ?? 0);
    });
    await waitForSocket(socket, 'secureConnect', { signal: ctx.signal, timeoutMs: config.timeoutMs, started, phases });
  } catch (err) {
    socket.destroy();
    if (err instanceof CancelledError) return cancelled();
    if (err instanceof DeadlineError) {
      const message = connected
        ? `${where} accepted the connection but did not complete a TLS handshake within ${formatMs(config.timeoutMs)}`
        : `${where} did not accept a connection within ${formatMs(config.timeoutMs)}`;
      return { status: 'down', latencyMs: null, phases, errorCode: 'timeout', message };
    }
    const c = handshakeError(err, where);
    return { status: 'down', latencyMs: null, phases, errorCode: c.code, message: c.message };
  }

  const latency = Math.round(performance.now() - started);
  phases.tls = latency - (phases.dns ?? 0) - (phases.connect ?? 0);
  const cert = socket.getPeerCertificate(false);
  const protocol = socket.getProtocol();
  const cipher = socket.getCipher()?.name ?? null;
  const authError = socket.authorizationError as unknown;
  const reason =
    typeof authError === 'string' ? authError : ((authError as { code?: string } | null)?.code ?? String(authError));
  // Node folds a host-name mismatch into `authorized`; the name is checked on its own below.
  const authorized = socket.authorized || reason === 'ERR_TLS_CERT_ALTNAME_INVALID';
  socket.destroy();

  if (!cert || !cert.valid_to) {
    return {
      status: 'down',
      latencyMs: latency,
      phases,
      errorCode: 'tls_handshake',
      message: `${where} presented no certificate`,
    };
  }
  const now = ctx.now?.() ?? Date.now();
  const notAfter = Date.parse(cert.valid_to);
  const notBefore = Date.parse(cert.valid_from);
  const daysLeft = Math.floor((notAfter - now) / DAY);
  const details: TlsDetails = {
    subject: dn(cert.subject).slice(0, 512),
    issuer: dn(cert.issuer).slice(0, 512),
    notBefore: new Date(notBefore).toISOString(),
    notAfter: new Date(notAfter).toISOString(),
    daysLeft,
    protocol,
    cipher,
    altNames: (cert.subjectaltname ?? '').slice(0, 512),
    fingerprint256: cert.fingerprint256 ?? null,
    chainValid: authorized,
  };
  const down = (errorCode: ProbeErrorCode, message: string): ProbeOutcome => ({
    status: 'down',
    latencyMs: latency,
    phases,
    details,
    errorCode,
    message,
  });
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  if (now > notAfter) {
    return down(
      'tls_expired',
      `The certificate of ${where} expired on ${day(notAfter)} (${plural(-daysLeft - 1, 'day')} ago)`,
    );
  }
  if (now < notBefore)
    return down('tls_not_yet_valid', `The certificate of ${where} is not valid until ${day(notBefore)}`);
  if (!authorized) {
    const known = VERIFY_CODES[reason];
    return down(
      known?.code ?? 'tls_untrusted',
      `The certificate of ${where} ${known?.why ?? `is not trusted (${reason})`}`,
    );
  }
  const mismatch = tls.checkServerIdentity(identity, cert);
  if (mismatch) {
    return down(
      'tls_hostname',
      `The certificate of ${where} does not cover ${identity} (it covers ${altNamesText(cert)})`.slice(0, 300),
    );
  }
  if (
    config.minProtocol &&
    protocol &&
    TLS_VERSIONS.indexOf(protocol as never) < TLS_VERSIONS.indexOf(config.minProtocol)
  ) {
    return down('tls_protocol', `${where} negotiated ${protocol}, older than the required ${config.minProtocol}`);
  }
  if (daysLeft < config.failDays) {
    return down(
      'tls_expiring',
      `The certificate of ${where} expires in ${timeLeft(notAfter - now)} (${day(notAfter)}), under the ${plural(config.failDays, 'day')} failure threshold`,
    );
  }
  if (daysLeft < config.warnDays) {
    return {
      status: 'degraded',
      latencyMs: latency,
      phases,
      details,
      errorCode: 'tls_expiring',
      message: `The certificate of ${where} expires in ${timeLeft(notAfter - now)} (${day(notAfter)}): renew it`,
    };
  }
  return answered(
    { latencyMs: latency, phases, details },
    config.degradedAboveMs,
    (d) => `The TLS handshake with ${where} took ${d}`,
  );
}

function handshakeError(err: unknown, where: string): { code: ProbeErrorCode; message: string } {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_SSL_')) {
    const reason = code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ');
    return { code: 'tls_handshake', message: `The TLS handshake with ${where} failed: ${reason}` };
  }
  if (code === 'ECONNRESET') {
    return { code: 'conn_reset', message: `${where} closed the connection during the TLS handshake` };
  }
  return classifyError(err, where, false);
}

/** `CN=api.example.com, O=Example Ltd`; repeated attributes come as arrays. */
function dn(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

function altNamesText(cert: tls.PeerCertificate): string {
  const names = (cert.subjectaltname ?? '').replace(/(DNS|IP Address):/g, '');
  return names || dn(cert.subject) || 'no names';
}

/**
 * Time to expiry as an operator reads it: 4.99 days is "4 d 23 h", not "4 days" (`daysLeft`
 * stays floored, for thresholds and charts). Whole days only once the hours no longer matter.
 */
function timeLeft(ms: number): string {
  const HOUR = 3_600_000;
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / 60_000))} min`;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  if (days >= 30) return plural(days, 'day');
  if (days === 0) return `${hours} h`;
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
