import { safeStorage } from 'electron';
import { SEALED_PREFIX, SecretError, type SecretBox } from './core/secrets/box';

const TAG = `${SEALED_PREFIX}os1:`;

/** Linux safeStorage backends that encrypt with a constant, publicly known key. */
const CONSTANT_KEY_BACKENDS = new Set(['basic_text']);

/**
 * Seals probe secrets with the OS keychain (safeStorage). Values sealed by serve mode's key file
 * still open through `keyFile`. The key file is used instead when there is no keychain, and also on
 * a Linux desktop without a secret service: there Electron reports `isEncryptionAvailable()` true
 * but its `basic_text` backend encrypts with a hard-coded key, which is no protection at all; the
 * owner-only key file is. `note` says which happened, for the Settings page.
 */
export function createSafeStorageBox(
  keyFile: SecretBox,
  platform: NodeJS.Platform = process.platform,
): { box: SecretBox; note: string | null } {
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      box: keyFile,
      note: 'The OS keychain is not available, so secrets are sealed with the owner-only key file beside the database.',
    };
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (CONSTANT_KEY_BACKENDS.has(backend)) {
      return {
        // New values go to the key file; values an earlier version sealed this way still open.
        box: {
          protection: 'key-file',
          seal: (plain) => keyFile.seal(plain),
          open: (sealed) => (sealed.startsWith(TAG) ? openOs(sealed) : keyFile.open(sealed)),
        },
        note: `No keyring (GNOME Keyring, KWallet) is running, so Electron's safeStorage would use its ${backend} backend with a constant key; secrets are sealed with the owner-only key file beside the database instead.`,
      };
    }
  }
  return {
    note: null,
    box: {
      protection: 'os-keychain',
      seal: (plain) => TAG + safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => (sealed.startsWith(TAG) ? openOs(sealed) : keyFile.open(sealed)),
    },
  };
}

function openOs(sealed: string): string {
  try {
    return safeStorage.decryptString(Buffer.from(sealed.slice(TAG.length), 'base64'));
  } catch {
    throw new SecretError('A stored secret could not be opened with this user’s keychain; re-enter it.');
  }
}
