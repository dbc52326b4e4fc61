import { useState } from 'react';
import type { Settings } from '../../shared/settings';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

/** Settings, kept current from the `settings` event (another window may change them). */
export function useSettings() {
  const query = useApiQuery('settings.get', {});
  const [pushed, setPushed] = useState<Settings | undefined>(undefined);
  useEvent('settings', (s) => setPushed(s));
  return { ...query, data: pushed ?? query.data };
}
