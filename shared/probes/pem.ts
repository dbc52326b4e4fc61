/**
 * PEM certificates checked as far as shared/ can without node:crypto: each block's body must be
 * base64 that decodes to one complete DER SEQUENCE (what an X.509 certificate is), so pasted
 * garbage between the BEGIN / END lines is refused when the monitor is saved, not at the probe.
 */
const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** Why the PEM text is not one or more certificates, or null when it is. */
export function pemProblem(text: string): string | null {
  const blocks = [...text.matchAll(BLOCK)];
  if (blocks.length === 0)
    return 'Paste one or more PEM certificates, each between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----.';
  const outside = text.replace(BLOCK, '').trim();
  if (outside !== '')
    return 'Extra trusted CA: there is text outside the -----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- blocks; paste only certificates.';
  for (const [n, b] of blocks.entries()) {
    const body = b[1]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0)
      return `Extra trusted CA: certificate ${n + 1} is not valid base64 between its BEGIN and END lines.`;
    if (!isDerSequence(decodeBase64(body)))
      return `Extra trusted CA: certificate ${n + 1} does not decode to an X.509 certificate (DER); it may be cut or damaged.`;
  }
  return null;
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A DER SEQUENCE whose length field accounts for exactly the bytes decoded. */
function isDerSequence(der: Uint8Array): boolean {
  if (der.length < 64 || der[0] !== 0x30) return false;
  const first = der[1]!;
  if (first < 0x80) return 2 + first === der.length;
  const n = first & 0x7f;
  if (n < 1 || n > 3 || der.length < 2 + n) return false;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len === der.length;
}
