import { useState } from 'react';
import type { ConnectivityStatus } from '../../shared/alerts';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

/** The console's own reachability (connectivity guard), live. */
export function useConnectivity(): ConnectivityStatus | undefined {
  const query = useApiQuery('connectivity.status', {});
  const [live, setLive] = useState<ConnectivityStatus | undefined>(undefined);
  useEvent('connectivity', setLive);
  if (live && (!query.data || (live.checkedAt ?? 0) >= (query.data.checkedAt ?? 0))) return live;
  return query.data;
}
