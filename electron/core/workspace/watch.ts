import type { Store } from '../store';
import { systemClock, type Clock } from '../clock';

/**
 * Notices that another process (the `lookout` CLI) applied a workspace to the database this
 * console has open. `PRAGMA data_version` changes only when another connection commits, so the
 * poll costs a pragma and one read a second; the workspace revision then tells an apply from other
 * writers (and the console's own applies, which leave data_version as it was, from the CLI's).
 */
export function watchWorkspaceApplies(
  store: Pick<Store, 'tables' | 'file'>,
  onApplied: () => void,
  intervalMs = 1000,
  clock: Clock = systemClock,
): () => void {
  const revision = store.tables.workspace.revision;
  const dataVersion = store.file.dataVersion;
  let version = dataVersion();
  let seen = revision();
  let stopped = false;
  const poll = () => {
    try {
      const v = dataVersion();
      const r = revision();
      if (v === version) {
        seen = r; // unchanged data_version: any new revision is this console's own apply
        return;
      }
      version = v;
      if (r === seen) return;
      seen = r;
      onApplied();
    } catch {
      // The database is being switched or closed; the next session starts its own watch.
    }
  };
  // The system clock's timers are unref'd, so the watch never keeps a process alive.
  let timer = clock.setTimeout(function tick() {
    poll();
    if (!stopped) timer = clock.setTimeout(tick, intervalMs);
  }, intervalMs);
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
  };
}
