import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SEALED_PREFIX, SecretError, type SecretBox } from './box';

const TAG = `${SEALED_PREFIX}k1:`;

/**
 * AES-256-GCM with a random key in a file readable only by its owner. It keeps secrets out of the
 * database file, its backups and anything copied from it; it does not protect against someone who
 * can read the operator's own files (the OS keychain in the desktop app does better).
 */
export function createKeyFileBox(keyPath: string): SecretBox {
  let key: Buffer | undefined;
  function load(create: boolean): Buffer {
    if (key) return key;
    if (existsSync(keyPath)) {
      const k = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
      if (k.length !== 32)
        throw new SecretError(`The secrets key file ${keyPath} is damaged; re-enter the monitor's secret headers.`);
      return (key = k);
    }
    if (!create)
      throw new SecretError(`The secrets key file ${keyPath} is missing; re-enter the monitor's secret headers.`);
    const k = randomBytes(32);
    writeFileSync(keyPath, k.toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(keyPath, 0o600);
    return (key = k);
  }
  return {
    protection: 'key-file',
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', load(true), iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return TAG + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(TAG))
        throw new SecretError(
          'This secret was sealed by the desktop app’s keychain and cannot be opened here; re-enter it.',
        );
      const raw = Buffer.from(sealed.slice(TAG.length), 'base64');
      try {
        const d = createDecipheriv('aes-256-gcm', load(false), raw.subarray(0, 12));
        d.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
      } catch (err) {
        if (err instanceof SecretError) throw err;
        throw new SecretError('A stored secret could not be decrypted with this machine’s key; re-enter it.');
      }
    },
  };
}
