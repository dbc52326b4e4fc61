import type { Settings } from '../../../shared/settings';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { startRetention } from './retention-schedule';
import { startBackupSchedule } from './backup-schedule';

/** The background work of the data domain for one open database: retention and daily backups. */
export function startDataJobs(opts: {
  store: Store;
  clock: Clock;
  settings: () => Settings;
  log: (line: string) => void;
  nativeBinding?: string | undefined;
}): { stop(): void } {
  if (opts.store.readOnly) return { stop: () => undefined };
  const retention = startRetention(opts);
  let backups: { stop(): void };
  try {
    backups = startBackupSchedule(opts);
  } catch (err) {
    // Half started is not started: the session's cleanup only knows the pair.
    retention.stop();
    throw err;
  }
  return {
    stop() {
      retention.stop();
      backups.stop();
    },
  };
}
