import { ApiError } from '../../../shared/errors';
import type { WorkspaceSection } from '../store/workspace';
import { hasChanges, planWorkspace, type Plan } from './plan';
import { resolveRefs } from './secret-refs';
import { SECTIONS } from './sections';
import type { WriteCtx } from './sections/types';
import type { WorkspaceTables } from './tables';
import type { Workspace } from './validate';

export interface ApplyOptions {
  prune: boolean;
  /** Where `${env:NAME}` comes from: the environment of whoever applies. */
  env: Record<string, string | undefined>;
  /** Sees the plan under the write lock before anything is written; throwing refuses the apply. */
  beforeWrite?: (plan: Plan) => void;
  /** Called after each section is written, inside the transaction (the crash test stops here). */
  afterSection?: (key: string) => void;
}

export interface ApplyResult {
  plan: Plan;
  /** The workspace revision after the apply (unchanged when there was nothing to do). */
  revision: number;
}

/**
 * Plans and writes in one IMMEDIATE transaction: the plan is made under the write lock, so it
 * describes exactly the rows it changes, and a failure (or a kill) anywhere leaves the database
 * as it was. The revision bump tells a running console that another process changed its rows.
 */
export function applyWorkspace(ws: Workspace, t: WorkspaceTables, opts: ApplyOptions): ApplyResult {
  return t.immediate((): ApplyResult => {
    const plan = planWorkspace(ws, t, { prune: opts.prune });
    opts.beforeWrite?.(plan);
    if (!hasChanges(plan)) return { plan, revision: t.ids.revision() };
    const ids = new Map<WorkspaceSection, Map<string, number>>();
    const ctx: WriteCtx = {
      t,
      idOf: (section, slug) => ids.get(section)?.get(slug),
      resolve: (text) => resolveRefs(text, (r) => resolveRef(t, opts.env, r.scheme, r.name)),
    };
    for (const section of SECTIONS) {
      const ops = plan.ops.get(section.key);
      if (!ops) continue;
      const created = section.write(ops, ctx);
      if (section.slugs) {
        const known = new Map(plan.matched.get(section.slugs));
        for (const [k, id] of created) known.set(k, id);
        ids.set(section.slugs, known);
        for (const item of plan.desired.get(section.key) ?? [])
          t.ids.setSlug(section.slugs, item.key, known.get(item.key)!, item.refs ?? {});
        for (const gone of ops.remove) t.ids.dropSlug(section.slugs, gone.dbId!);
      }
      opts.afterSection?.(section.key);
    }
    return { plan, revision: t.ids.bumpRevision() };
  });
}

function resolveRef(t: WorkspaceTables, env: Record<string, string | undefined>, scheme: string, name: string): string {
  if (scheme === 'env') {
    const v = env[name];
    if (v === undefined) throw new ApiError('invalid_input', `The environment variable ${name} is not set`);
    return v;
  }
  const sealed = t.ids.secret(name);
  if (sealed === undefined) throw new ApiError('invalid_input', `No secret named ${name} in the console`);
  return t.box.open(sealed);
}
