import type { DraftContent, DraftSource, SourceContext, TemplateParts, TemplateStep } from '../../../shared/drafts';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/**
 * Templates (every save a new row of template_versions; `templates` points at the current one)
 * and saved drafts. JSON columns hold the parts, the context snapshot and the content: they are
 * written and read whole, never queried inside.
 */

export interface TemplateVersionRow {
  step: TemplateStep;
  version: number;
  parts: TemplateParts;
  createdAt: number;
}

export interface DraftRow {
  id: number;
  source: DraftSource;
  step: TemplateStep;
  templateVersion: number;
  sourceVersion: string | null;
  context: SourceContext;
  audienceZones: string[];
  content: DraftContent;
  edited: boolean;
  createdAt: number;
  updatedAt: number;
}

export type NewDraft = Omit<DraftRow, 'id' | 'createdAt' | 'updatedAt' | 'edited'>;

export interface DraftReads {
  currentTemplate(step: TemplateStep): TemplateVersionRow | undefined;
  templateVersion(step: TemplateStep, version: number): TemplateVersionRow | undefined;
  templateVersions(step: TemplateStep): { version: number; createdAt: number; parts: TemplateParts }[];
  getDraft(id: number): DraftRow | undefined;
  listDrafts(kind: DraftSource['kind'], sourceId: number): DraftRow[];
}

export interface DraftWrites {
  /** Appends a version and makes it current; returns it. */
  saveTemplate(step: TemplateStep, parts: TemplateParts): TemplateVersionRow;
  insertDraft(d: NewDraft): DraftRow;
  /** Replaces the rendered parts of a draft (hand edit or re-render). */
  updateDraft(
    id: number,
    patch: Partial<
      Pick<DraftRow, 'content' | 'edited' | 'templateVersion' | 'sourceVersion' | 'context' | 'audienceZones'>
    >,
  ): DraftRow | undefined;
  deleteDraft(id: number): boolean;
}

export type DraftStore = DraftReads & DraftWrites;

interface RawDraft {
  id: number;
  source_kind: 'window' | 'incident';
  source_id: number;
  occurrence_start: number | null;
  step: TemplateStep;
  template_version: number;
  source_version: string | null;
  context: string;
  audience_zones: string;
  content: string;
  edited: number;
  created_at: number;
  updated_at: number;
}

function sourceOf(r: RawDraft): DraftSource {
  if (r.source_kind === 'incident') return { kind: 'incident', incidentId: r.source_id };
  return r.occurrence_start === null
    ? { kind: 'window', windowId: r.source_id }
    : { kind: 'window', windowId: r.source_id, occurrenceStart: r.occurrence_start };
}

function fromRaw(r: RawDraft): DraftRow {
  return {
    id: r.id,
    source: sourceOf(r),
    step: r.step,
    templateVersion: r.template_version,
    sourceVersion: r.source_version,
    context: JSON.parse(r.context) as SourceContext,
    audienceZones: JSON.parse(r.audience_zones) as string[],
    content: JSON.parse(r.content) as DraftContent,
    edited: r.edited === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createDraftStore(db: TableDb, now: () => number): DraftStore {
  const reads = createDraftReads(db.read);
  return joined(reads, db.write && createDraftWrites(db.write, reads, now), 'change templates or drafts');
}

type VersionRaw = { version: number; parts: string; created_at: number };

export function createDraftReads(db: ReadableDB): DraftReads {
  const currentStmt = db.prepare<[string], VersionRaw>(
    `SELECT v.version, v.parts, v.created_at FROM templates t
     JOIN template_versions v ON v.step = t.step AND v.version = t.current_version WHERE t.step = ?`,
  );
  const versionStmt = db.prepare<[string, number], VersionRaw>(
    'SELECT version, parts, created_at FROM template_versions WHERE step = ? AND version = ?',
  );
  const versionsStmt = db.prepare<[string], VersionRaw>(
    'SELECT version, parts, created_at FROM template_versions WHERE step = ? ORDER BY version DESC',
  );
  const getDraftStmt = db.prepare<[number], RawDraft>('SELECT * FROM drafts WHERE id = ?');
  const listStmt = db.prepare<[string, number], RawDraft>(
    'SELECT * FROM drafts WHERE source_kind = ? AND source_id = ? ORDER BY created_at DESC, id DESC',
  );
  const row = (step: TemplateStep, r: VersionRaw | undefined) =>
    r && { step, version: r.version, parts: JSON.parse(r.parts) as TemplateParts, createdAt: r.created_at };
  return {
    currentTemplate: (step) => row(step, currentStmt.get(step)),
    templateVersion: (step, version) => row(step, versionStmt.get(step, version)),
    templateVersions: (step) =>
      versionsStmt
        .all(step)
        .map((r) => ({ version: r.version, createdAt: r.created_at, parts: JSON.parse(r.parts) as TemplateParts })),
    getDraft(id) {
      const r = getDraftStmt.get(id);
      return r && fromRaw(r);
    },
    listDrafts: (kind, sourceId) => listStmt.all(kind, sourceId).map(fromRaw),
  };
}

/** `reads` answer what a write returns (the saved row). */
export function createDraftWrites(db: WritableDB, reads: DraftReads, now: () => number): DraftWrites {
  const maxStmt = db
    .prepare<[string], number | null>('SELECT max(version) FROM template_versions WHERE step = ?')
    .pluck();
  const insertVersion = db.prepare(
    'INSERT INTO template_versions (step, version, parts, created_at) VALUES (?, ?, ?, ?)',
  );
  const pointStmt = db.prepare(
    'INSERT INTO templates (step, current_version) VALUES (?, ?) ON CONFLICT (step) DO UPDATE SET current_version = excluded.current_version',
  );
  const insertDraftStmt = db.prepare(
    `INSERT INTO drafts (source_kind, source_id, occurrence_start, step, template_version, source_version, context, audience_zones, content, edited, created_at, updated_at)
     VALUES (@source_kind, @source_id, @occurrence_start, @step, @template_version, @source_version, @context, @audience_zones, @content, 0, @now, @now)`,
  );
  const updateStmt = db.prepare(
    `UPDATE drafts SET content = @content, edited = @edited, template_version = @template_version, source_version = @source_version,
       context = @context, audience_zones = @audience_zones, updated_at = @now WHERE id = @id`,
  );
  const deleteStmt = db.prepare<[number]>('DELETE FROM drafts WHERE id = ?');

  const saveTemplate = db.transaction((step: TemplateStep, parts: TemplateParts): TemplateVersionRow => {
    const version = (maxStmt.get(step) ?? 0) + 1;
    const createdAt = now();
    insertVersion.run(step, version, JSON.stringify(parts), createdAt);
    pointStmt.run(step, version);
    return { step, version, parts, createdAt };
  });

  return {
    saveTemplate: (step, parts) => saveTemplate.immediate(step, parts),
    insertDraft(d) {
      const id = Number(
        insertDraftStmt.run({
          source_kind: d.source.kind,
          source_id: d.source.kind === 'window' ? d.source.windowId : d.source.incidentId,
          occurrence_start: d.source.kind === 'window' ? (d.source.occurrenceStart ?? null) : null,
          step: d.step,
          template_version: d.templateVersion,
          source_version: d.sourceVersion,
          context: JSON.stringify(d.context),
          audience_zones: JSON.stringify(d.audienceZones),
          content: JSON.stringify(d.content),
          now: now(),
        }).lastInsertRowid,
      );
      return reads.getDraft(id)!;
    },
    updateDraft(id, patch) {
      const current = reads.getDraft(id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      updateStmt.run({
        id,
        content: JSON.stringify(next.content),
        edited: next.edited ? 1 : 0,
        template_version: next.templateVersion,
        source_version: next.sourceVersion,
        context: JSON.stringify(next.context),
        audience_zones: JSON.stringify(next.audienceZones),
        now: now(),
      });
      return reads.getDraft(id);
    },
    deleteDraft: (id) => deleteStmt.run(id).changes > 0,
  };
}
