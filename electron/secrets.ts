import { safeStorage } from 'electron';
import { SEALED_PREFIX, SecretError, type SecretBox } from './core/secrets/box';

const TAG = `${SEALED_PREFIX}os1:`;

/**
 * Seals probe secrets with the OS keychain (safeStorage). Values sealed by serve mode's key file
 * still open through `keyFile`, and when the keychain is unavailable (a Linux desktop without a
 * secret service) the key file is used rather than storing secrets in clear text.
 */
export function createSafeStorageBox(keyFile: SecretBox): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return keyFile;
  return {
    protection: 'os-keychain',
    seal: (plain) => TAG + safeStorage.encryptString(plain).toString('base64'),
    open(sealed) {
      if (!sealed.startsWith(TAG)) return keyFile.open(sealed);
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(TAG.length), 'base64'));
      } catch {
        throw new SecretError('A stored secret could not be opened with this user’s keychain; re-enter it.');
      }
    },
  };
}
