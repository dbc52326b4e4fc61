/**
 * Probe secrets (Authorization headers, API keys) are never stored in clear text. A SecretBox seals
 * a value into an opaque string kept in the monitor's config and opens it just before a probe.
 * The Electron shell seals with the OS keychain (safeStorage); serve mode, which has no keychain,
 * uses a key file with owner-only permissions beside the database (see key-file.ts).
 */
export interface SecretBox {
  /** How values are protected; shown to the operator so the weaker serve-mode option is not a surprise. */
  readonly protection: 'os-keychain' | 'key-file';
  seal(plain: string): string;
  /** Throws SecretError when the value cannot be opened (other machine, key lost). */
  open(sealed: string): string;
}

export const SEALED_PREFIX = 'lookout-secret:';

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export class SecretError extends Error {
  readonly code = 'secret_unavailable';
}
