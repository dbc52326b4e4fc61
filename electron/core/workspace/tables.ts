import type { SecretBox } from '../secrets/box';
import type { Store } from '../store';
import type { BesideTables } from '../store/beside';
import type { ChannelStore } from '../store/alert-channels';
import type { DraftStore } from '../store/drafts';
import type { MonitorStore } from '../store/monitors';
import type { SettingsStore } from '../store/settings';
import type { WindowTable } from '../store/windows';
import type { WorkspaceStore } from '../store/workspace';

type WorkspaceSource = Omit<BesideTables, 'deploys'>;

/** The tables a workspace reads and writes, on one connection (so one transaction covers them all). */
export interface WorkspaceTables {
  /** Runs `fn` in one IMMEDIATE transaction on the tables' connection. */
  immediate<T>(fn: () => T): T;
  monitors: MonitorStore;
  windows: WindowTable;
  drafts: DraftStore;
  channels: ChannelStore;
  settings: SettingsStore;
  ids: WorkspaceStore;
  box: SecretBox;
  now: () => number;
}

/** The running console's: the store's own tables (its monitor table, so the result writer's id cache sees a change). */
export function storeWorkspaceTables(store: Store, box: SecretBox, now: () => number): WorkspaceTables {
  // Named, not spread: each of the store's tables is made on first use.
  const { windows, drafts, channels, workspace } = store.tables;
  const { monitors, settings } = store;
  return workspaceTables(
    { immediate: (fn) => store.file.immediate(fn), monitors, windows, drafts, channels, settings, workspace },
    box,
    now,
  );
}

/** The same tables from wherever they live: the console's store, or the CLI's connection (store/beside.ts). */
export function workspaceTables(src: WorkspaceSource, box: SecretBox, now: () => number): WorkspaceTables {
  const { immediate, monitors, windows, drafts, channels, settings, workspace } = src;
  return { immediate, monitors, windows, drafts, channels, settings, ids: workspace, box, now };
}
