import { useEffect, useState } from 'react';
import type { DraftSource } from '../../../shared/drafts';
import { formatDateTime } from '../../lib/format';
import { parseDraftsHash } from './hash';

/** The window or incident named in the address (`#/drafts/window/12`); null = none, undefined = not a drafts address. */
export function useHashSource(): DraftSource | null | undefined {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseDraftsHash(hash);
}

export function sourceLabel(source: DraftSource | undefined): string {
  if (!source) return 'Sample facts (no window or incident chosen)';
  if (source.kind === 'incident') return `Incident ${source.incidentId}`;
  const occurrence =
    source.occurrenceStart === undefined ? '' : `, occurrence of ${formatDateTime(source.occurrenceStart)}`;
  return `Maintenance window ${source.windowId}${occurrence}`;
}
