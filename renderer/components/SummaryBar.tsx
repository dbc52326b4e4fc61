import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { StatusIcon, type DisplayStatus } from './StatusBadge';

const ORDER: { status: DisplayStatus; word: string }[] = [
  { status: 'down', word: 'down' },
  { status: 'degraded', word: 'degraded' },
  { status: 'up', word: 'up' },
  { status: 'unknown', word: 'unknown' },
  { status: 'pending', word: 'pending' },
];

export function summarize(monitors: readonly Monitor[], latest: ReadonlyMap<number, ProbeResult>) {
  const counts: Record<DisplayStatus, number> = { up: 0, degraded: 0, down: 0, unknown: 0, pending: 0 };
  for (const m of monitors) counts[latest.get(m.id)?.status ?? 'pending']++;
  return counts;
}

/** "2 down · 1 degraded · 12 up" (unknown / pending only when there are some). */
export function SummaryBar({ counts }: { counts: Record<DisplayStatus, number> }) {
  return (
    <ul className="summary" aria-label="Monitor status summary">
      {ORDER.filter((o) => o.status === 'down' || o.status === 'degraded' || o.status === 'up' || counts[o.status] > 0).map(
        (o) => (
          <li
            key={o.status}
            className={`summary__item summary__item--${o.status}${counts[o.status] > 0 ? ' summary__item--active' : ''}`}
            data-status={o.status}
          >
            <StatusIcon status={o.status} />
            <span>
              <strong>{counts[o.status]}</strong> {o.word}
            </span>
          </li>
        ),
      )}
    </ul>
  );
}
