import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Service } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { WorkspacePlan } from '../../../shared/workspace';
import type { SecretBox } from '../secrets/box';
import type { Store } from '../store';
import { applyWorkspace } from './apply';
import { exportWorkspace } from './export';
import type { FileIssue } from './issues';
import { MAX_FILE_BYTES } from './parse';
import { canonical, planLines, planWorkspace, type Plan } from './plan';
import { storeWorkspaceTables, type WorkspaceTables } from './tables';
import { validateWorkspace, type Validated } from './validate';

type Handlers = Pick<Service, 'workspace.plan' | 'workspace.apply' | 'workspace.export'>;

export interface WorkspaceDeps {
  store: Store;
  secrets: SecretBox;
  now: () => number;
  /** Re-reads monitors, schedule, settings and templates and tells the windows (refresh.ts). */
  refresh: () => void;
  /** Where `${env:NAME}` comes from in the console: its own environment. */
  env?: Record<string, string | undefined>;
}

interface Source {
  text?: string | undefined;
  path?: string | undefined;
}

/** The console's side of the workspace file: the same validate, plan, apply and export as the CLI. */
export function createWorkspaceHandlers({ store, secrets, now, refresh, env = process.env }: WorkspaceDeps): Handlers {
  let tables: WorkspaceTables | undefined;
  // The store's own monitor table, so the result writer's id cache sees created monitors.
  const t = () => (tables ??= storeWorkspaceTables(store, secrets, now));
  const empty = { entries: [], counts: { create: 0, change: 0, delete: 0, unlisted: 0 }, lines: [], digest: '' };

  /** The file's content, validated; a path is read here (the follow mode of the Data page). */
  function load(src: Source): { v: Validated; modifiedAt: number | null } {
    if (src.text !== undefined) return { v: check(src.text), modifiedAt: null };
    const path = src.path!;
    let size: number;
    let modifiedAt: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) return { v: fileProblem('This is not a file'), modifiedAt: null };
      size = st.size;
      modifiedAt = st.mtimeMs;
    } catch (err) {
      return {
        v: fileProblem(
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'The file does not exist'
            : `Cannot read the file: ${(err as Error).message}`,
        ),
        modifiedAt: null,
      };
    }
    if (size > MAX_FILE_BYTES)
      return {
        v: fileProblem(
          `The file is ${(size / 1024 / 1024).toFixed(1)} MB; a workspace file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        ),
        modifiedAt,
      };
    return { v: check(readFileSync(path)), modifiedAt };
  }
  const check = (input: string | Uint8Array) =>
    validateWorkspace(input, { env, secretExists: (n) => t().ids.secret(n) !== undefined });

  return {
    'workspace.plan': (src) => {
      const { v, modifiedAt } = load(src);
      if (!v.ok) return { ok: false, issues: v.issues, ...empty, modifiedAt };
      return { ...shown(planWorkspace(v.workspace, t(), { prune: src.prune })), modifiedAt };
    },
    'workspace.apply': (src) => {
      const { v, modifiedAt } = load(src);
      if (!v.ok) return { ok: false, issues: v.issues, ...empty, modifiedAt, applied: false };
      let plan: Plan;
      try {
        ({ plan } = applyWorkspace(v.workspace, t(), {
          prune: src.prune,
          env,
          beforeWrite(p) {
            if (src.digest !== undefined && digestOf(p) !== src.digest)
              throw new ApiError(
                'conflict',
                'The file or the workspace changed since this plan was made; plan again and review it before applying',
              );
          },
        }));
      } catch (err) {
        // Rolled back: the monitor table's in-memory ids (the result writer's check) follow the rows again.
        store.monitors.reloadIds();
        throw err;
      }
      const applied = plan.counts.create + plan.counts.change + plan.counts.delete > 0;
      if (applied) refresh();
      return { ...shown(plan), modifiedAt, applied };
    },
    'workspace.export': () => {
      const { text, notes } = exportWorkspace(t());
      return { filename: 'lookout-workspace.yaml', text, notes };
    },
  };
}

function fileProblem(message: string): Validated {
  const issue: FileIssue = { line: 1, col: 1, path: '', message };
  return { ok: false, issues: [issue] };
}

function shown(plan: Plan): Omit<WorkspacePlan, 'modifiedAt'> {
  return {
    ok: true,
    issues: [],
    entries: plan.entries,
    counts: plan.counts,
    lines: planLines(plan),
    digest: digestOf(plan),
  };
}

function digestOf(plan: Plan): string {
  return createHash('sha256').update(canonical(plan.entries)).digest('hex').slice(0, 32);
}
