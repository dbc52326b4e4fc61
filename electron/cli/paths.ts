import os from 'node:os';
import path from 'node:path';

/**
 * Where the embedded default database lives when neither `--db` nor Electron's userData is given:
 * the platform's per-user data folder, the same place Electron would use for an app named Lookout.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Lookout');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Lookout');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'Lookout');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return path.join(defaultDataDir(env, platform), 'lookout.db');
}
