import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as forgeNs from 'node-forge';

// node-forge is CommonJS; under Node's ESM loader its members may only be on the default export.
const forge = (forgeNs as unknown as { default?: typeof forgeNs }).default ?? forgeNs;

/** A certificate and its private key, both PEM, ready for `tls.createServer({ cert, key })`. */
export interface IssuedCert {
  cert: string;
  key: string;
}

export interface LeafOptions {
  /** DNS names and IP addresses the certificate covers (subjectAltName). */
  hosts?: string[];
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
}

export interface TestCa {
  /** The CA certificate in PEM: what a tls monitor's `ca` field takes for an internal host. */
  certPem: string;
  issue(opts?: LeafOptions): IssuedCert;
}

const DAY = 86_400_000;

/** One RSA key pair for every test certificate: generated natively (forge's JS keygen is slow). */
let sharedKey:
  { privatePem: string; forgePrivate: forgeNs.pki.rsa.PrivateKey; forgePublic: forgeNs.pki.rsa.PublicKey } | undefined;

function keyPair() {
  if (!sharedKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    sharedKey = {
      privatePem,
      forgePrivate: forge.pki.privateKeyFromPem(privatePem),
      forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    };
  }
  return sharedKey;
}

function baseCert(subject: forgeNs.pki.CertificateField[], notBefore: Date, notAfter: Date): forgeNs.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keyPair().forgePublic;
  // Positive serial: a leading 0x01 byte keeps the DER integer's sign bit clear.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(subject);
  return cert;
}

function leafExtensions(hosts: string[]): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h })),
    },
    { name: 'subjectKeyIdentifier' },
  ];
}

function pem(cert: forgeNs.pki.Certificate): string {
  return forge.pki.certificateToPem(cert);
}

/** A test certificate authority valid from two years ago for ten years. */
export function createTestCa(name = 'Lookout Test CA'): TestCa {
  const now = Date.now();
  const caSubject = [
    { name: 'commonName', value: name },
    { name: 'organizationName', value: 'Lookout Tests' },
  ];
  const ca = baseCert(caSubject, new Date(now - 730 * DAY), new Date(now + 3650 * DAY));
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(keyPair().forgePrivate, forge.md.sha256.create());

  return {
    certPem: pem(ca),
    issue(opts = {}) {
      const hosts = opts.hosts ?? ['localhost', '127.0.0.1'];
      const leaf = baseCert(
        [
          { name: 'commonName', value: opts.commonName ?? hosts[0] ?? 'localhost' },
          { name: 'organizationName', value: 'Lookout Tests' },
        ],
        opts.notBefore ?? new Date(now - DAY),
        opts.notAfter ?? new Date(now + 365 * DAY),
      );
      leaf.setIssuer(caSubject);
      leaf.setExtensions([
        ...leafExtensions(hosts),
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
      ]);
      leaf.sign(keyPair().forgePrivate, forge.md.sha256.create());
      return { cert: pem(leaf), key: keyPair().privatePem };
    },
  };
}

/** A certificate that signs itself (no CA), for `localhost` and 127.0.0.1. */
export function selfSignedCert(opts: LeafOptions = {}): IssuedCert {
  const now = Date.now();
  const hosts = opts.hosts ?? ['localhost', '127.0.0.1'];
  const subject = [{ name: 'commonName', value: opts.commonName ?? hosts[0] ?? 'localhost' }];
  const cert = baseCert(subject, opts.notBefore ?? new Date(now - DAY), opts.notAfter ?? new Date(now + 365 * DAY));
  cert.setIssuer(subject);
  cert.setExtensions(leafExtensions(hosts));
  cert.sign(keyPair().forgePrivate, forge.md.sha256.create());
  return { cert: pem(cert), key: keyPair().privatePem };
}

/** The certificates the tls probe is tested against, all for `localhost` / 127.0.0.1 unless said. */
export function testCertificates(ca: TestCa) {
  const now = Date.now();
  return {
    valid: ca.issue(),
    expired: ca.issue({ notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - 2 * DAY) }),
    notYetValid: ca.issue({ notBefore: new Date(now + 2 * DAY), notAfter: new Date(now + 400 * DAY) }),
    wrongHost: ca.issue({ hosts: ['other.example.test'] }),
    /** Five days and an hour left: inside a 14-day warning, outside a 3-day failure threshold. */
    expiringIn5Days: ca.issue({ notAfter: new Date(now + 5 * DAY + 3_600_000) }),
    selfSigned: selfSignedCert(),
  };
}
