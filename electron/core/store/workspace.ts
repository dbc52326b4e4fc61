import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/**
 * What the workspace file needs kept in the database (migration `workspace file` in migrations.ts):
 * the file's stable slug of each monitor / window / peak event (a renamed item keeps its row and
 * history), the secret references it was applied with, named sealed secrets for `${secret:name}`,
 * and a revision a running console watches to notice that another process applied a file.
 */

export type WorkspaceSection = 'monitors' | 'windows' | 'peaks' | 'channels';

export interface SlugRow {
  slug: string;
  dbId: number;
  /** JSON path inside the item -> reference text (`${env:TOKEN}`). */
  refs: Record<string, string>;
}

export interface WorkspaceReads {
  slugs(section: WorkspaceSection): SlugRow[];
  secret(name: string): string | undefined;
  secretNames(): string[];
  /** Bumped by every apply, in the apply's transaction. */
  revision(): number;
}

export interface WorkspaceWrites {
  /** Sets (or moves) the slug of one row; any other slug of that row is dropped. */
  setSlug(section: WorkspaceSection, slug: string, dbId: number, refs: Record<string, string>): void;
  dropSlug(section: WorkspaceSection, dbId: number): void;
  setSecret(name: string, sealed: string): void;
  bumpRevision(): number;
}

export type WorkspaceStore = WorkspaceReads & WorkspaceWrites;

const REVISION_KEY = 'workspace.revision';

export function createWorkspaceStore(db: TableDb, now: () => number): WorkspaceStore {
  const reads = createWorkspaceReads(db.read);
  return joined(reads, db.write && createWorkspaceWrites(db.write, reads, now), 'apply a workspace');
}

export function createWorkspaceReads(db: ReadableDB): WorkspaceReads {
  const slugs = db.prepare<[string], { slug: string; db_id: number; refs: string | null }>(
    'SELECT slug, db_id, refs FROM workspace_ids WHERE section = ? ORDER BY db_id',
  );
  const secret = db.prepare<[string], string>('SELECT sealed FROM named_secrets WHERE name = ?').pluck();
  const secretNames = db.prepare<[], string>('SELECT name FROM named_secrets ORDER BY name').pluck();
  const revision = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  return {
    slugs: (section) =>
      slugs.all(section).map((r) => ({
        slug: r.slug,
        dbId: r.db_id,
        refs: r.refs ? (JSON.parse(r.refs) as Record<string, string>) : {},
      })),
    secret: (name) => secret.get(name),
    secretNames: () => secretNames.all(),
    revision: () => Number(revision.get(REVISION_KEY) ?? 0),
  };
}

export function createWorkspaceWrites(db: WritableDB, reads: WorkspaceReads, now: () => number): WorkspaceWrites {
  const s = {
    dropRow: db.prepare<[string, number]>('DELETE FROM workspace_ids WHERE section = ? AND db_id = ?'),
    dropSlug: db.prepare<[string, string]>('DELETE FROM workspace_ids WHERE section = ? AND slug = ?'),
    insert: db.prepare<[string, string, number, string | null]>(
      'INSERT INTO workspace_ids (section, slug, db_id, refs) VALUES (?, ?, ?, ?)',
    ),
    setSecret: db.prepare<[string, string, number]>(
      'INSERT INTO named_secrets (name, sealed, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at',
    ),
    setRevision: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };
  return {
    setSlug(section, slug, dbId, refs) {
      s.dropRow.run(section, dbId);
      s.dropSlug.run(section, slug);
      s.insert.run(section, slug, dbId, Object.keys(refs).length > 0 ? JSON.stringify(refs) : null);
    },
    dropSlug(section, dbId) {
      s.dropRow.run(section, dbId);
    },
    setSecret(name, sealed) {
      s.setSecret.run(name, sealed, Math.floor(now()));
    },
    bumpRevision() {
      const next = reads.revision() + 1;
      s.setRevision.run(REVISION_KEY, String(next));
      return next;
    },
  };
}
