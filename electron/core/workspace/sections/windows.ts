import { z } from 'zod';
import { issuesFromZod } from '../../../../shared/errors';
import { PeakDraft, WindowDraft } from '../../../../shared/maintenance';
import { recordKeeper } from '../../maintenance/edit-records';
import { ruleText, scheduleIssues, type Schedule } from '../../maintenance/recurrence';
import { isValidZone } from '../../maintenance/zone';
import { Slug, slugsOf } from '../slugs';
import { duplicateIds } from './monitors';
import type { Item, SectionDef, SectionIssue } from './types';

/**
 * Maintenance windows and peak events take the console's own schemas; a window names its
 * monitors by the file's slugs instead of database ids.
 */
const { monitorIds: _ids, ...windowShape } = WindowDraft.shape;
const WindowFile = z.strictObject({ id: Slug, ...windowShape, monitors: z.array(Slug).max(10_000).default([]) });
type WindowFile = z.output<typeof WindowFile>;
const PeakFile = z.strictObject({ id: Slug, ...PeakDraft.shape });
type PeakFile = z.output<typeof PeakFile>;

/** What the console checks when the form saves: the refinements of its schema, the zone and the recurrence. */
function scheduleCheck(
  draft: unknown,
  schema: z.ZodType,
  s: Schedule,
  at: number,
  rename: Record<string, string> = {},
): SectionIssue[] {
  const issues: SectionIssue[] = [];
  const r = schema.safeParse(draft);
  if (!r.success)
    for (const i of issuesFromZod(r.error))
      issues.push({
        path: [
          at,
          ...i.path
            .split('.')
            .filter(Boolean)
            .map((p) => rename[p] ?? p),
        ],
        message: i.message,
      });
  if (!isValidZone(s.zone))
    issues.push({ path: [at, 'zone'], message: `Unknown time zone ${s.zone}: use an IANA name such as Europe/London` });
  else
    for (const i of scheduleIssues(s))
      issues.push({
        path: [
          at,
          ...i.path
            .split('.')
            .filter(Boolean)
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        ],
        message: i.message,
      });
  return issues;
}

const rrule = (s: Schedule) => (s.recurrence ? ruleText(s.recurrence) : null);

export const windowsSection: SectionDef<WindowFile[]> = {
  key: 'windows',
  label: 'window',
  schema: z.array(WindowFile).max(10_000),
  slugs: 'windows',
  unlisted: true,
  check(list, env) {
    const issues = duplicateIds(list);
    list.forEach((w, i) => {
      const { id: _id, monitors, ...rest } = w;
      issues.push(
        ...scheduleCheck({ ...rest, monitorIds: monitors.map((_, k) => k + 1) }, WindowDraft, w, i, {
          monitorIds: 'monitors',
        }),
      );
      monitors.forEach((slug, k) => {
        if (!env.fileIds('monitors').has(slug))
          issues.push({ path: [i, 'monitors', k], message: `No monitor with id ${slug} in this file` });
      });
    });
    return issues;
  },
  items: (list) => list.map((w) => ({ key: w.id, name: w.title, value: w })),
  read({ t, slugs }) {
    const rows = t.windows.list();
    const slugOf = slugsOf(rows, t.ids.slugs('windows'), (w) => w.title, 'window');
    slugs.set('windows', slugOf);
    const monitorSlug = slugs.get('monitors') ?? new Map<number, string>();
    return rows.map((w) => {
      const slug = slugOf.get(w.id)!;
      const value = {
        id: slug,
        title: w.title,
        description: w.description,
        start: w.start,
        zone: w.zone,
        durationMin: w.durationMin,
        recurrence: w.recurrence,
        groups: w.groups,
        monitors: w.monitorIds.map((id) => monitorSlug.get(id)).filter((s): s is string => s !== undefined),
      };
      return { key: slug, name: w.title, value, dbId: w.id };
    });
  },
  toFile: (items) => items.map((i) => i.value),
  write(ops, { t, idOf }) {
    const created = new Map<string, number>();
    const draftOf = (item: Item): WindowDraft => {
      const { id: _slug, monitors, ...rest } = item.value as WindowFile;
      return { ...rest, monitorIds: monitors.map((m) => idOf('monitors', m)!) };
    };
    for (const item of ops.create) {
      const d = draftOf(item);
      created.set(item.key, t.windows.create(d, rrule(d)).id);
    }
    for (const { item, dbId } of ops.change) {
      const d = draftOf(item);
      const before = t.windows.get(dbId)!;
      t.windows.update(dbId, d, rrule(d), recordKeeper(before, d, t.now()));
    }
    for (const item of ops.remove) t.windows.delete(item.dbId!);
    return created;
  },
};

export const peaksSection: SectionDef<PeakFile[]> = {
  key: 'peaks',
  label: 'peak event',
  schema: z.array(PeakFile).max(10_000),
  slugs: 'peaks',
  unlisted: true,
  check(list) {
    const issues = duplicateIds(list);
    list.forEach((p, i) => {
      const { id: _id, ...rest } = p;
      issues.push(...scheduleCheck(rest, PeakDraft, p, i));
    });
    return issues;
  },
  items: (list) => list.map((p) => ({ key: p.id, name: p.title, value: p })),
  read({ t, slugs }) {
    const rows = t.windows.peaks.list();
    const slugOf = slugsOf(rows, t.ids.slugs('peaks'), (p) => p.title, 'peak');
    slugs.set('peaks', slugOf);
    return rows.map((p) => {
      const slug = slugOf.get(p.id)!;
      const value = {
        id: slug,
        title: p.title,
        description: p.description,
        start: p.start,
        zone: p.zone,
        durationMin: p.durationMin,
        recurrence: p.recurrence,
        kind: p.kind,
      };
      return { key: slug, name: p.title, value, dbId: p.id };
    });
  },
  toFile: (items) => items.map((i) => i.value),
  write(ops, { t }) {
    const created = new Map<string, number>();
    const draftOf = (item: Item): PeakDraft => {
      const { id: _slug, ...rest } = item.value as PeakFile;
      return rest;
    };
    for (const item of ops.create) {
      const d = draftOf(item);
      created.set(item.key, t.windows.peaks.create(d, rrule(d)).id);
    }
    for (const { item, dbId } of ops.change) {
      const d = draftOf(item);
      t.windows.peaks.update(dbId, d, rrule(d));
    }
    for (const item of ops.remove) t.windows.peaks.delete(item.dbId!);
    return created;
  },
};
