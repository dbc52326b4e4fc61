import { useEffect, useState } from 'react';
import type { Occurrence } from '../../shared/maintenance';
import { useOccurrences } from './useOccurrences';

const TICK_MS = 30_000;

/** Maintenance occurrences running now (state in_progress), live on maintenance events and every 30 s. */
export function useRunningMaintenance(): Occurrence[] {
  const [now, setNow] = useState(() => Math.floor(Date.now() / TICK_MS) * TICK_MS);
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / TICK_MS) * TICK_MS), TICK_MS);
    return () => clearInterval(t);
  }, []);
  // The query spans the tick so an occurrence that started since the last tick is included.
  const query = useOccurrences(now, now + TICK_MS);
  return (query.data?.windows ?? []).filter((o) => o.state === 'in_progress');
}
