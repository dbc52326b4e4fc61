import { createHash } from 'node:crypto';
import type { Service } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { WorkspacePlan } from '../../../shared/workspace';
import type { SecretBox } from '../secrets/box';
import type { Store } from '../store';
import { applyWorkspace } from './apply';
import { exportWorkspace } from './export';
import { canonical, planLines, planWorkspace, type Plan } from './plan';
import { workspaceTables, type WorkspaceTables } from './tables';
import { validateWorkspace } from './validate';

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

/** The console's side of the workspace file: the same validate, plan, apply and export as the CLI. */
export function createWorkspaceHandlers({ store, secrets, now, refresh, env = process.env }: WorkspaceDeps): Handlers {
  let tables: WorkspaceTables | undefined;
  // The store's own monitor table, so the result writer's id cache sees created monitors.
  const t = () => (tables ??= workspaceTables(store.db, secrets, now, store.monitors));
  const validate = (text: string) => validateWorkspace(text, { env, secretExists: (n) => t().ids.secret(n) !== undefined });
  const empty = { entries: [], counts: { create: 0, change: 0, delete: 0, unlisted: 0 }, lines: [], digest: '' };

  return {
    'workspace.plan': ({ text, prune }) => {
      const v = validate(text);
      if (!v.ok) return { ok: false, issues: v.issues, ...empty };
      return shown(planWorkspace(v.workspace, t(), { prune }));
    },
    'workspace.apply': ({ text, prune, digest }) => {
      if (store.readOnly) throw new ApiError('read_only', `${store.path} is open read-only for review; a workspace cannot be applied`);
      const v = validate(text);
      if (!v.ok) return { ok: false, issues: v.issues, ...empty, applied: false };
      const { plan } = applyWorkspace(v.workspace, t(), {
        prune,
        env,
        beforeWrite(p) {
          if (digest !== undefined && digestOf(p) !== digest) throw new ApiError('conflict', 'The workspace changed since this plan was made; plan again and review it before applying');
        },
      });
      const applied = plan.counts.create + plan.counts.change + plan.counts.delete > 0;
      if (applied) refresh();
      return { ...shown(plan), applied };
    },
    'workspace.export': () => {
      const { text, notes } = exportWorkspace(t());
      return { filename: 'lookout-workspace.yaml', text, notes };
    },
  };
}

function shown(plan: Plan): WorkspacePlan {
  return { ok: true, issues: [], entries: plan.entries, counts: plan.counts, lines: planLines(plan), digest: digestOf(plan) };
}

function digestOf(plan: Plan): string {
  return createHash('sha256').update(canonical(plan.entries)).digest('hex').slice(0, 32);
}
