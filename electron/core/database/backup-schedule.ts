import type { Settings } from '../../../shared/settings';
import type { Clock, TimerHandle } from '../clock';
import type { Store } from '../store';
import { DAY, HOUR } from '../store/tiling';
import { mkdirSync } from 'node:fs';
import type { BackupCheck } from '../../../shared/data';
import {
  autoBackupPath,
  backupCounted,
  backupDir,
  lastBackup,
  pruneBackups,
  recordVerification,
  secondBackupDir,
} from './backup';
import { copyBackup, setAsideFailed, verifyBackup } from './verify';

export interface BackupSchedule {
  /** Backs up now if the last backup is a day old (or missing) and backups are on. */
  runDue(): Promise<string | undefined>;
  stop(): void;
}

/**
 * Daily backup into `settings.backup.dir` (and `backup.secondDir` when set), keeping
 * `settings.backup.keep` scheduled files in each; every copy is verified after it is written.
 */
export function startBackupSchedule(opts: {
  store: Store;
  clock: Clock;
  settings: () => Settings;
  log?: (line: string) => void;
  /** The better-sqlite3 addon the store uses, to open the copies read-only with the same build. */
  nativeBinding?: string | undefined;
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
    const { file, sourceResults } = await backupCounted(opts.store, autoBackupPath(dir, now), () => opts.clock.now());
    const copies: BackupCheck[] = [verifyBackup(file.path, sourceResults, opts.nativeBinding)];
    const second = secondBackupDir(s, opts.store.path);
    if (second && copies[0]!.ok) {
      // Only a verified backup is copied; the copy is checked again where it landed (a share can fail on its own).
      try {
        mkdirSync(second, { recursive: true });
        copies.push(verifyBackup(copyBackup(file.path, second), sourceResults, opts.nativeBinding));
      } catch (err) {
        copies.push({
          path: second,
          ok: false,
          results: null,
          message: `Copying to ${second} failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    } else if (second) {
      copies.push({
        path: second,
        ok: false,
        results: null,
        message: `Not copied to ${second}: the backup failed its check.`,
      });
    }
    for (const c of copies) if (!c.ok && c.path.endsWith('.db')) c.path = setAsideFailed(c.path);
    const ok = copies.every((c) => c.ok);
    recordVerification(opts.store, { at: file.at, ok, sourceResults, copies });
    if (!ok)
      opts.log?.(
        `Scheduled backup check failed: ${copies
          .filter((c) => !c.ok)
          .map((c) => c.message)
          .join('; ')}`,
      );
    pruneBackups(dir, s.backup.keep);
    if (second) pruneBackups(second, s.backup.keep);
    return file.path;
  }

  function check(): void {
    runDue()
      .catch((err: unknown) =>
        opts.log?.(
          `Scheduled backup failed (will retry within the hour): ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
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
