import { z } from 'zod';
import type { SlugRow } from '../store/workspace';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;
export const Slug = z
  .string()
  .regex(
    SLUG_PATTERN,
    'An id is lower-case letters, digits, dot, dash or underscore, starting with a letter or digit (at most 80)',
  );

export function slugify(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

/**
 * The slug of every row: the one recorded when a file was applied, else one made from the name
 * (deduplicated in id order). Export and plan both call this, so a database never given a file
 * exports slugs that a plan of that export matches back to the same rows.
 */
export function slugsOf<T extends { id: number }>(
  rows: readonly T[],
  recorded: readonly SlugRow[],
  name: (r: T) => string,
  fallback: string,
): Map<number, string> {
  const byId = new Map<number, string>();
  const taken = new Set<string>();
  const exists = new Set(rows.map((r) => r.id));
  for (const r of recorded) {
    if (!exists.has(r.dbId)) continue; // deleted in the console since
    byId.set(r.dbId, r.slug);
    taken.add(r.slug);
  }
  for (const row of rows) {
    if (byId.has(row.id)) continue;
    const base = slugify(name(row), fallback);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    byId.set(row.id, slug);
  }
  return byId;
}
