import { useEffect, useState } from 'react';
import type { ChannelProblem } from '../../shared/channels';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

/** Channels failing right now: one entry per channel, gone when it delivers again. */
export function useChannelProblems(): ChannelProblem[] {
  const query = useApiQuery('alerts.problems', {});
  const [problems, setProblems] = useState<ChannelProblem[]>([]);
  useEffect(() => setProblems(query.data ?? []), [query.data]);
  useEvent('channelProblem', (p) =>
    setProblems((prev) => [...prev.filter((x) => x.channelId !== p.channelId), ...(p.failing ? [p] : [])]),
  );
  return problems;
}
