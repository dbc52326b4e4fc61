import { useState } from 'react';
import type { AlertLogQuery, OutboxEntry } from '../../shared/channels';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/**
 * The alert log (alerts.log), newest first; a settled delivery that matches the filter is merged in
 * as it happens, so the page and the notification area do not poll.
 */
export function useAlertLog(q: Partial<AlertLogQuery>): QueryState<OutboxEntry[]> {
  const query = useApiQuery('alerts.log', q);
  const [live, setLive] = useState<OutboxEntry[] | undefined>(query.data);
  // Each fetched page replaces what the events merged in (set while rendering, not in an effect).
  const [fetched, setFetched] = useState(query.data);
  if (query.data !== fetched) {
    setFetched(query.data);
    setLive(query.data);
  }
  useEvent('delivery', (e) => {
    if (q.monitorId !== undefined && e.monitorId !== q.monitorId) return;
    if (q.channelId !== undefined && e.channelId !== q.channelId) return;
    if (q.failedOnly && e.status !== 'failed') return;
    setLive((prev) => {
      const rest = (prev ?? []).filter((x) => x.id !== e.id);
      return [e, ...rest].sort((a, b) => b.id - a.id).slice(0, q.limit ?? 100);
    });
  });
  return { ...query, data: live };
}
