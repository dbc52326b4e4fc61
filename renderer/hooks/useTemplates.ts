import type { Template } from '../../shared/drafts';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Every lifecycle step's current template, re-fetched when one is saved or reset anywhere. */
export function useTemplates(): QueryState<Template[]> {
  const query = useApiQuery((t) => t.invoke('templates.list', {}), []);
  useEvent('drafts', (e) => {
    if (e.reason === 'template') query.refetch();
  });
  return query;
}
