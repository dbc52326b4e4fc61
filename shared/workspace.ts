import { z } from 'zod';

/**
 * The workspace file in the console (Data page): plan an uploaded file, apply it on confirmation,
 * export the workspace. The file format and checks live in electron/core/workspace/.
 */

/** As the core refuses larger files (electron/core/workspace/parse.ts MAX_FILE_BYTES). */
export const WORKSPACE_MAX_CHARS = 10 * 1024 * 1024;

const Source = {
  /** The file's text (an uploaded file) … */
  text: z.string().max(WORKSPACE_MAX_CHARS, 'A workspace file is at most 10 MB').optional(),
  /** … or a path on the console's machine, read by the core ("follow this file"). */
  path: z.string().trim().min(1, 'Enter a file path').max(4096).optional(),
  /** Shown in errors (`FILE:LINE:COL`); default the path, or workspace.yaml. */
  fileName: z.string().max(255).optional(),
  /** Also delete what the file's sections no longer list. */
  prune: z.boolean().default(false),
};
const oneSource = (i: { text?: string | undefined; path?: string | undefined }) =>
  (i.text === undefined) !== (i.path === undefined);
const ONE_SOURCE = { message: 'Give the file as text or as a path, not both', path: ['path'] };

export const WorkspaceInput = z.strictObject(Source).refine(oneSource, ONE_SOURCE);

export const WorkspaceApplyInput = z
  .strictObject({
    ...Source,
    /** The plan the operator saw; apply is refused when the file or the database changed since (plan again). */
    digest: z.string().max(64).optional(),
  })
  .refine(oneSource, ONE_SOURCE);

export const WorkspaceIssue = z.object({ line: z.int(), col: z.int(), path: z.string(), message: z.string() });
export type WorkspaceIssue = z.infer<typeof WorkspaceIssue>;

export const PlanAction = z.enum(['create', 'change', 'delete', 'unlisted']);
export const WorkspacePlanEntry = z.object({
  section: z.string(),
  label: z.string(),
  action: PlanAction,
  key: z.string(),
  name: z.string(),
  dbId: z.int().optional(),
  fields: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
});
export type WorkspacePlanEntry = z.infer<typeof WorkspacePlanEntry>;

export const WorkspacePlan = z.object({
  /** False: `issues` says why (every one, with line and column); nothing else is set. */
  ok: z.boolean(),
  issues: z.array(WorkspaceIssue),
  entries: z.array(WorkspacePlanEntry),
  counts: z.object({ create: z.int(), change: z.int(), delete: z.int(), unlisted: z.int() }),
  /** The plan as the CLI prints it. */
  lines: z.array(z.string()),
  digest: z.string(),
  /** When the file given by path was last modified (ms), so a follower re-plans only on change. */
  modifiedAt: z.number().nullable(),
});
export type WorkspacePlan = z.infer<typeof WorkspacePlan>;

export const WorkspaceApplied = WorkspacePlan.extend({ applied: z.boolean() });
export type WorkspaceApplied = z.infer<typeof WorkspaceApplied>;

export const WorkspaceExport = z.object({ filename: z.string(), text: z.string(), notes: z.array(z.string()) });
export type WorkspaceExport = z.infer<typeof WorkspaceExport>;
