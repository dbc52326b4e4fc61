import type { DraftSource, TemplateStep } from '../../shared/drafts';
import { useApiQuery } from './useApiQuery';

/**
 * The notice step that fits the source now: a resolved incident's notice is "resolved", an open
 * one's "investigating". Windows keep the page's first step (announce). Undefined until known.
 */
export function useSuggestedStep(source: DraftSource | undefined): TemplateStep | undefined {
  const incidentId = source?.kind === 'incident' ? source.incidentId : undefined;
  const incident = useApiQuery('incidents.get', { id: incidentId! }, incidentId !== undefined);
  if (incidentId === undefined || !incident.data) return undefined;
  return incident.data.endedAt !== null ? 'resolved' : 'investigating';
}
