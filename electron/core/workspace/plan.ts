import type { WorkspaceSection } from '../store/workspace';
import { SECTIONS } from './sections';
import type { Item, Ops, ReadCtx } from './sections/types';
import type { Workspace } from './validate';
import type { WorkspaceTables } from './tables';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export type PlanAction = 'create' | 'change' | 'delete' | 'unlisted';

export interface PlanEntry {
  section: string;
  label: string;
  action: PlanAction;
  key: string;
  name: string;
  dbId?: number;
  fields?: FieldChange[];
}

export interface Plan {
  entries: PlanEntry[];
  counts: Record<PlanAction, number>;
  /** What apply writes, per section key. */
  ops: Map<string, Ops>;
  /** Every item the file lists, per section key (apply records their slugs). */
  desired: Map<string, Item[]>;
  /** Database id of each listed item that already exists, per slug section. */
  matched: Map<WorkspaceSection, Map<string, number>>;
}

/**
 * What applying the file would do. A section the file leaves out is not touched; within a section
 * the file lists, an item the database has and the file does not is reported (`unlisted`) and only
 * deleted with `prune`. Items are matched by the file's id (slug), so a rename is a change.
 */
export function planWorkspace(ws: Workspace, t: WorkspaceTables, opts: { prune: boolean }): Plan {
  const ctx: ReadCtx = { t, slugs: new Map() };
  const entries: PlanEntry[] = [];
  const ops = new Map<string, Ops>();
  const desiredBySection = new Map<string, Item[]>();
  const matched = new Map<WorkspaceSection, Map<string, number>>();
  for (const section of SECTIONS) {
    const current = section.read(ctx); // every section is read: later ones name earlier ones' rows by slug
    const fileValue = ws[section.key];
    if (fileValue === undefined) continue;
    const desired = section.items(fileValue);
    desiredBySection.set(section.key, desired);
    const byKey = new Map(current.map((i) => [i.key, i]));
    const o: Ops = { create: [], change: [], remove: [] };
    const m = new Map<string, number>();
    const entry = (action: PlanAction, item: Item, fields?: FieldChange[]) =>
      entries.push({
        section: section.key,
        label: section.label,
        action,
        key: item.key,
        name: item.name,
        ...(item.dbId !== undefined ? { dbId: item.dbId } : {}),
        ...(fields ? { fields } : {}),
      });
    for (const want of desired) {
      const have = byKey.get(want.key);
      if (!have) {
        o.create.push(want);
        entry('create', want);
        continue;
      }
      byKey.delete(want.key);
      if (have.dbId !== undefined) m.set(want.key, have.dbId);
      const fields = diff(have.value, want.value);
      if (fields.length > 0) {
        o.change.push({ item: want, dbId: have.dbId ?? 0 });
        entry('change', { ...want, dbId: have.dbId }, fields);
      }
    }
    if (section.unlisted) {
      for (const left of byKey.values()) {
        if (section.isDefault?.(left)) continue;
        if (opts.prune) o.remove.push(left);
        entry(opts.prune ? 'delete' : 'unlisted', left);
      }
    }
    ops.set(section.key, o);
    if (section.slugs) matched.set(section.slugs, m);
  }
  const counts: Record<PlanAction, number> = { create: 0, change: 0, delete: 0, unlisted: 0 };
  for (const e of entries) counts[e.action]++;
  return { entries, counts, ops, desired: desiredBySection, matched };
}

export function hasChanges(plan: Plan): boolean {
  return plan.counts.create + plan.counts.change + plan.counts.delete > 0;
}

/** Field-by-field differences; lists of plain values compare as one field. */
export function diff(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: FieldChange[] = [];
  // An emptied or newly filled list shows as its items, not also as the list itself.
  const within = (m: Map<string, unknown>, path: string) => [...m.keys()].some((k) => k.startsWith(`${path}.`));
  for (const [path, v] of b) {
    if (path === 'id') continue;
    const old = a.get(path);
    if ((!a.has(path) && !within(a, path)) || (a.has(path) && canonical(old) !== canonical(v)))
      out.push({ path, before: old, after: v });
  }
  for (const [path, v] of a)
    if (!b.has(path) && path !== 'id' && !within(b, path)) out.push({ path, before: v, after: undefined });
  return out;
}

function flatten(v: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const leaf =
    v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));
  if (leaf) {
    if (prefix) out.set(prefix, v);
    return out;
  }
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  if (entries.length === 0 && prefix) out.set(prefix, v);
  for (const [k, x] of entries) if (x !== undefined) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** JSON with sorted keys: key order is not a difference. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k: string, x: unknown): unknown =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}

/** The plan as a person reads it (CLI and the console's dialog show the same lines). */
export function planLines(plan: Plan): string[] {
  const lines: string[] = [];
  const sign: Record<PlanAction, string> = { create: '+', change: '~', delete: '-', unlisted: '?' };
  for (const e of plan.entries) {
    const where = e.dbId !== undefined ? ` (#${e.dbId})` : '';
    const what = {
      create: 'create',
      change: 'change',
      delete: 'delete',
      unlisted: 'not in the file: left as is (--prune deletes it)',
    }[e.action];
    const who = e.key === e.section ? e.label : `${e.label} ${e.key}${e.name !== e.key ? ` "${e.name}"` : ''}`;
    lines.push(`${sign[e.action]} ${who}${where}: ${what}`);
    for (const f of e.fields ?? []) lines.push(`    ${f.path}: ${show(f.before)} -> ${show(f.after)}`);
  }
  const c = plan.counts;
  lines.push(
    `Plan: ${c.create} to create, ${c.change} to change, ${c.delete} to delete${c.unlisted ? `, ${c.unlisted} not in the file (left as is)` : ''}.`,
  );
  return lines;
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
