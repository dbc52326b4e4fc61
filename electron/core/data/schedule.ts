import type { Settings } from '../../../shared/settings';
import type { Clock, TimerHandle } from '../clock';
import type { Store } from '../store';
import { DAY, HOUR } from '../store/tiling';
import { autoBackupPath, backupDir, backupTo, lastBackup, pruneBackups } from './backup';

export interface BackupSchedule {
  /** Backs up now if the last backup is a day old (or missing) and backups are on. */
  runDue(): Promise<string | undefined>;
  stop(): void;
}

/** Daily backup into `settings.backup.dir`, keeping `settings.backup.keep` scheduled files. */
export function startBackupSchedule(opts: {
  store: Store;
  clock: Clock;
  settings: () => Settings;
  log?: (line: string) => void;
  /** First check after start (default 5 min: let startup and the first probes settle). */
  firstCheckMs?: number;
}): BackupSchedule {
  let stopped = false;
  let timer: TimerHandle | undefined;

  async function runDue(): Promise<string | undefined> {
    const s = opts.settings();
    if (!s.backup.enabled || opts.store.readOnly) return undefined;
    const now = opts.clock.now();
    const last = lastBackup(opts.store);
    if (last && now - last.at < DAY) return undefined;
    const dir = backupDir(s, opts.store.path);
    const file = await backupTo(opts.store, autoBackupPath(dir, now), () => opts.clock.now());
    pruneBackups(dir, s.backup.keep);
    return file.path;
  }

  function check(): void {
    runDue()
      .catch((err: unknown) => opts.log?.(`Scheduled backup failed (will retry within the hour): ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        if (!stopped) timer = opts.clock.setTimeout(check, HOUR);
      });
  }
  timer = opts.clock.setTimeout(check, opts.firstCheckMs ?? 5 * 60_000);

  return {
    runDue,
    stop() {
      stopped = true;
      if (timer) opts.clock.clearTimeout(timer);
    },
  };
}
