import type { SecretBox } from '../secrets/box';
import { createChannelStore, type ChannelStore } from '../store/alert-channels';
import type { Db } from '../store/db';
import { createDraftStore, type DraftStore } from '../store/drafts';
import { createMonitorTable, type MonitorStore } from '../store/monitors';
import { createSettings, type SettingsStore } from '../store/settings';
import { createWindowTable, type WindowTable } from '../store/windows';
import { createWorkspaceStore, type WorkspaceStore } from '../store/workspace';

/** The tables a workspace reads and writes, on one connection (so one transaction covers them all). */
export interface WorkspaceTables {
  db: Db;
  monitors: MonitorStore;
  windows: WindowTable;
  drafts: DraftStore;
  channels: ChannelStore;
  settings: SettingsStore;
  ids: WorkspaceStore;
  box: SecretBox;
  now: () => number;
}

/**
 * The running console passes its own monitor table (the result writer's id cache must see the
 * change); the CLI, alone on its connection, gets a fresh one.
 */
export function workspaceTables(db: Db, box: SecretBox, now: () => number, monitors?: MonitorStore): WorkspaceTables {
  return {
    db,
    monitors: monitors ?? createMonitorTable(db, false, now, () => undefined),
    windows: createWindowTable(db, false, now),
    drafts: createDraftStore(db, false, now),
    channels: createChannelStore(db, false, now),
    settings: createSettings(db, false),
    ids: createWorkspaceStore(db, false, now),
    box,
    now,
  };
}
