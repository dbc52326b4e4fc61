import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The slice of Electron's `app` that login items need, so the Linux path is testable under Node. */
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }): void;
}

/** `~/.config/autostart/lookout.desktop`: the XDG way to start at login on Linux desktops. */
export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'autostart', 'lookout.desktop');
}

/**
 * Quotes an Exec argument per the Desktop Entry spec: inside quotes `"`, `` ` ``, `$` and `\` take
 * a backslash, and then the value's own string escaping doubles every backslash again.
 */
function execArg(a: string): string {
  const quoted = /^[\w@%+=:,./-]+$/.test(a) ? a : `"${a.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lookout',
    'Comment=Operations console: probes, uptime, maintenance windows',
    `Exec=${command.map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Start at login: an XDG autostart entry on Linux (Electron's login items are macOS and Windows
 * only), `app.setLoginItemSettings` elsewhere. `command` is how this app was launched (packaged:
 * the executable, or an AppImage's own path; dev: Electron plus main.js).
 */
export function createLoginItem(
  app: LoginItemApp,
  command: readonly string[],
  platform: NodeJS.Platform = process.platform,
  env = process.env,
) {
  if (platform === 'linux') {
    const file = autostartFile(env);
    return {
      get: () => existsSync(file),
      set(enabled: boolean) {
        if (!enabled) return rmSync(file, { force: true });
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, autostartEntry(command), { mode: 0o644 });
      },
    };
  }
  return {
    get: () => app.getLoginItemSettings().openAtLogin,
    set: (enabled: boolean) => app.setLoginItemSettings({ openAtLogin: enabled, args: [...command.slice(1)] }),
  };
}
