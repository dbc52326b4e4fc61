import type { Template } from '../../shared/drafts';
import { useApiQuery, type QueryState } from './useApiQuery';

/** Every lifecycle step's current template, re-fetched when one is saved or reset anywhere. */
export function useTemplates(): QueryState<Template[]> {
  return useApiQuery('templates.list', {});
}
