import type { z } from 'zod';
import type { WorkspaceSection } from '../../store/workspace';
import type { WorkspaceTables } from '../tables';

/**
 * One section of the workspace file (`monitors:`, `windows:` …). Adding a section is one object of
 * this shape and one line in sections/index.ts: the file schema, the JSON Schema, validation,
 * plan, apply and export are all derived from the registry.
 */
export interface Item {
  /** Identity within the section: the file's slug, a step name, a group name. */
  key: string;
  /** What a person calls it in a plan ("API health"). */
  name: string;
  /** The item as the file writes it, defaults filled; compared field by field by the plan. */
  value: unknown;
  /** Database row it is (or was matched to). */
  dbId?: number;
  /** Secret references of the item (JSON path -> `${env:NAME}`), remembered so an export writes them back. */
  refs?: Record<string, string>;
}

export interface SectionIssue {
  /** Path inside the section's value. */
  path: (string | number)[];
  message: string;
  /** Point at the key rather than the value (unknown or duplicated names). */
  key?: boolean;
  /** A position inside a multi-line string value (a template), 1-based. */
  inner?: { line: number; column: number };
}

export interface CheckEnv {
  env: Record<string, string | undefined>;
  /** Whether a `${secret:name}` exists; undefined = no database to ask, not checked. */
  secretExists: ((name: string) => boolean) | undefined;
  /** The ids the file itself gives, by section key (windows name monitors, rules name channels). */
  fileIds(section: string): ReadonlySet<string>;
}

export interface ReadCtx {
  t: WorkspaceTables;
  /** dbId -> slug of sections read before this one (windows name monitors by slug). */
  slugs: Map<WorkspaceSection, Map<number, string>>;
}

export interface Ops {
  create: Item[];
  change: { item: Item; dbId: number }[];
  /** Unlisted items that --prune deletes. */
  remove: Item[];
}

export interface WriteCtx {
  t: WorkspaceTables;
  /** Database id of a slug of a section written before this one (created ones included). */
  idOf(section: WorkspaceSection, slug: string): number | undefined;
  /** Resolves `${env:…}` / `${secret:…}` in a text. */
  resolve(text: string): string;
}

export interface SectionDef<V = unknown> {
  key: string;
  /** Singular, for plans: "monitor". */
  label: string;
  schema: z.ZodType<V>;
  /** Checks beyond the schema (recurrence, zones, templates, secret references, cross references). */
  check?(value: V, env: CheckEnv): SectionIssue[];
  items(value: V): Item[];
  read(ctx: ReadCtx): Item[];
  /** Items back to the section's value, as export writes it. */
  toFile(items: Item[]): unknown;
  /** Writes one section's changes; returns the database ids of created items by key. */
  write(ops: Ops, ctx: WriteCtx): Map<string, number>;
  /** Rows are named by slug in workspace_ids. */
  slugs?: WorkspaceSection;
  /** Items the database has and the file does not list: reported (and pruned) or, false, ignored. */
  unlisted: boolean;
  /** An item in its shipped state that needs no mention when the file leaves it out. */
  isDefault?(item: Item): boolean;
}
