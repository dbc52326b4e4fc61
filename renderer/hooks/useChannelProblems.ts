import { useState } from 'react';
import type { ChannelProblem } from '../../shared/channels';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

/** Channels failing right now: one entry per channel, gone when it delivers again. */
export function useChannelProblems(): ChannelProblem[] {
  const query = useApiQuery('alerts.problems', {});
  const [problems, setProblems] = useState<ChannelProblem[]>(query.data ?? []);
  // A fetched list replaces what the events changed (set while rendering, not in an effect).
  const [fetched, setFetched] = useState(query.data);
  if (query.data !== fetched) {
    setFetched(query.data);
    setProblems(query.data ?? []);
  }
  useEvent('channelProblem', (p) =>
    setProblems((prev) => [...prev.filter((x) => x.channelId !== p.channelId), ...(p.failing ? [p] : [])]),
  );
  return problems;
}
