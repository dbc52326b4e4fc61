import { formatDuration } from '../../shared/dashboard';
import type { HeaderCounts } from '../lib/dashboard';
import { formatClock } from '../lib/format';
import { useNow } from '../hooks/useNow';
import { StatusIcon } from './StatusBadge';

interface Props {
  counts: HeaderCounts;
  /** The console's own reachability; null while this page is not connected to Lookout (then nothing is known). */
  online: boolean | null;
  nextMaintenance?: { title: string; start: number; end: number } | null;
  /** Occurrences running now: shown first, with their end ("In maintenance until 04:00: …"). */
  running?: readonly { windowId: number; title: string; start: number; end: number }[];
  now?: number;
}

/** "2 down · 1 degraded · 1 in maintenance · 37 up · console online · next maintenance in 2 h". */
export function SummaryBar({ counts, online, nextMaintenance, running: runningNow = [], now: fixedNow }: Props) {
  const ticking = useNow(30_000);
  const now = fixedNow ?? ticking;
  const items: {
    key: string;
    status: 'down' | 'degraded' | 'up' | 'unknown' | 'pending';
    n: number;
    word: string;
    always?: boolean;
  }[] = [
    { key: 'down', status: 'down', n: counts.down, word: 'down', always: true },
    { key: 'degraded', status: 'degraded', n: counts.degraded, word: 'degraded', always: true },
    { key: 'up', status: 'up', n: counts.up, word: 'up', always: true },
    { key: 'unknown', status: 'unknown', n: counts.unknown, word: 'unknown' },
    { key: 'pending', status: 'pending', n: counts.pending, word: 'pending' },
  ];
  const running = nextMaintenance && nextMaintenance.start <= now && now < nextMaintenance.end;
  return (
    <div className="summary-wrap">
      <ul className="summary" aria-label="Monitor status summary">
        {items
          .filter((i) => i.always || i.n > 0)
          .map((i) => (
            <li
              key={i.key}
              className={`summary__item summary__item--${i.status}${i.n > 0 ? ' summary__item--active' : ''}`}
              data-status={i.status}
            >
              <StatusIcon status={i.status} />
              <span>
                <strong>{i.n}</strong> {i.word}
              </span>
            </li>
          ))}
        <li
          className={`summary__item summary__item--maintenance${counts.maintenance > 0 ? ' summary__item--active' : ''}`}
          data-status="maintenance"
        >
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <rect x="1.5" y="2.5" width="9" height="8" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M1.5 5h9M4 1v3M8 1v3" stroke="currentColor" strokeWidth="1.4" />
          </svg>
          <span>
            <strong>{counts.maintenance}</strong> in maintenance
          </span>
        </li>
      </ul>
      <span
        className={`console-online console-online--${online === null ? 'unknown' : online ? 'yes' : 'no'}`}
        role="status"
        data-online={online === null ? 'unknown' : online}
      >
        <span aria-hidden="true">{online ? '●' : '○'}</span>{' '}
        {online === null
          ? 'Console status unknown — not connected to Lookout'
          : online
            ? 'Console online'
            : 'Console offline — results are unknown, not down'}
      </span>
      {runningNow.map((o) => (
        <span key={`${o.windowId}-${o.start}`} className="running-maintenance" data-testid="running-maintenance">
          In maintenance until {formatClock(o.end)}: {o.title}
        </span>
      ))}
      {nextMaintenance && !(running && runningNow.length > 0) && (
        <span className="next-maintenance" data-testid="next-maintenance">
          {running
            ? `Maintenance in progress: ${nextMaintenance.title}`
            : `Next maintenance in ${formatDuration(nextMaintenance.start - now)}: ${nextMaintenance.title}`}
        </span>
      )}
    </div>
  );
}
