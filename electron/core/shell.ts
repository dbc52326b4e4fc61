import type { ShellInfo } from '../../shared/shell';
import { ApiError } from '../../shared/errors';
import type { SecretBox } from './secrets/box';

/**
 * What only the shell around the core can do (the OS login items, the serve token), passed in as
 * functions so the core never imports Electron or the HTTP server. A shell that lacks one says so.
 */
export interface ShellHooks {
  /** Why secrets use the key file though a keychain API exists (Linux without a keyring). */
  secretsNote?: () => string | null;
  startAtLogin?: { get(): boolean; set(enabled: boolean): void | Promise<void> };
  rotateToken?: () => Promise<{ url: string }> | { url: string };
  /** Where /metrics is served now, if it is (settings.metrics.enabled). */
  metricsUrl?: () => string | null;
}

export function createShellHandlers(hooks: ShellHooks, secrets: SecretBox) {
  const info = (): ShellInfo => ({
    secrets: { protection: secrets.protection, note: hooks.secretsNote?.() ?? null },
    startAtLogin: { supported: hooks.startAtLogin !== undefined, enabled: hooks.startAtLogin?.get() ?? false },
    serveToken: { supported: hooks.rotateToken !== undefined },
    metricsUrl: hooks.metricsUrl?.() ?? null,
  });
  return {
    'shell.info': info,
    'shell.setStartAtLogin': async ({ enabled }: { enabled: boolean }) => {
      if (!hooks.startAtLogin)
        throw new ApiError('not_found', 'Start at login is a desktop app setting; serve mode has none.');
      await hooks.startAtLogin.set(enabled);
      return info();
    },
    'shell.rotateToken': async () => {
      if (!hooks.rotateToken) throw new ApiError('not_found', 'Only serve mode has an access token to rotate.');
      return hooks.rotateToken();
    },
  };
}
