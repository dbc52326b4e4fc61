import type { SecretBox } from '../secrets/box';
import type { Store } from '../store';
import { createChannelStore, type ChannelStore } from '../store/alert-channels';
import type { Db } from '../store/db';
import { createDraftStore, type DraftStore } from '../store/drafts';
import { createMonitorTable, type MonitorStore } from '../store/monitors';
import { createSettings, type SettingsStore } from '../store/settings';
import { createWindowTable, type WindowTable } from '../store/windows';
import { createWorkspaceStore, type WorkspaceStore } from '../store/workspace';

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
  const { windows, drafts, channels, workspace } = store.tables;
  return {
    immediate: (fn) => store.file.immediate(fn),
    monitors: store.monitors,
    windows,
    drafts,
    channels,
    settings: store.settings,
    ids: workspace,
    box,
    now,
  };
}

/** The CLI's, alone on its own connection (workspace/open.ts). */
export function workspaceTables(db: Db, box: SecretBox, now: () => number): WorkspaceTables {
  return {
    immediate: (fn) => db.transaction(fn).immediate(),
    monitors: createMonitorTable(db, false, now, () => undefined),
    windows: createWindowTable(db, false, now),
    drafts: createDraftStore(db, false, now),
    channels: createChannelStore(db, false, now),
    settings: createSettings(db, false),
    ids: createWorkspaceStore(db, false, now),
    box,
    now,
  };
}
