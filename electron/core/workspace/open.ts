import { dirname, join } from 'node:path';
import { createKeyFileBox } from '../secrets/key-file';
import { openBeside } from '../store/beside';
import type { DeployStore } from '../store/deploys';
import { workspaceTables, type WorkspaceTables } from './tables';

export { secretNamesAt } from '../store/beside';

export interface OpenedWorkspace {
  tables: WorkspaceTables;
  /** `lookout deploy` records a deploy on the same connection. */
  deploys: DeployStore;
  close(): void;
}

/** The CLI's side of a console's database, opened beside a console that may be running (store/beside.ts). */
export function openWorkspaceDb(path: string, now: () => number = Date.now): OpenedWorkspace {
  const opened = openBeside(path, now);
  const box = createKeyFileBox(join(dirname(path), 'secrets.key'));
  return { tables: workspaceTables(opened.tables, box, now), deploys: opened.tables.deploys, close: opened.close };
}
