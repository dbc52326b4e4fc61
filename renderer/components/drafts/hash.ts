import type { DraftSource } from '../../../shared/drafts';

/**
 * The Drafts page's address: `#/drafts`, `#/drafts/window/12`, `#/drafts/window/12@1783216800000`
 * (one occurrence of a recurring window), `#/drafts/incident/7`.
 */
export function draftsHash(source?: DraftSource): string {
  if (!source) return '#/drafts';
  if (source.kind === 'incident') return `#/drafts/incident/${source.incidentId}`;
  return `#/drafts/window/${source.windowId}${source.occurrenceStart === undefined ? '' : `@${source.occurrenceStart}`}`;
}

/** undefined = not a Drafts address; null = the Drafts page without a source. */
export function parseDraftsHash(hash: string): DraftSource | null | undefined {
  const m = /^#\/drafts(?:\/(window|incident)\/(\d+)(?:@(-?\d+))?)?\/?$/.exec(hash);
  if (!m) return undefined;
  if (!m[1]) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  if (m[1] === 'incident') return { kind: 'incident', incidentId: id };
  return m[3] === undefined
    ? { kind: 'window', windowId: id }
    : { kind: 'window', windowId: id, occurrenceStart: Number(m[3]) };
}
