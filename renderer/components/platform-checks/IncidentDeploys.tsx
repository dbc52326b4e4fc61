import { useDeploys } from '../../hooks/usePlatformChecks';
import { useNow } from '../../hooks/useNow';
import { formatDateTime } from '../../lib/format';

/** Lead time before an incident in which a deploy is worth naming on its timeline. */
const BEFORE_MS = 60 * 60_000;
const VERDICT: Record<string, string> = {
  regression: 'regression',
  no_change: 'no change',
  improvement: 'improvement',
};

/** Deploys of the incident's monitor from an hour before it started to its end: markers in its timeline. */
export function IncidentDeploys({
  monitorId,
  startedAt,
  endedAt,
}: {
  monitorId: number;
  startedAt: number;
  endedAt: number | null;
}) {
  // An incident still open looks up to the minute: the query's range moves once a minute, not per render.
  const now = useNow(60_000);
  const deploys = useDeploys({ monitorId, from: startedAt - BEFORE_MS, to: (endedAt ?? now) + 1 });
  const list = deploys.data ?? [];
  if (list.length === 0) return null;
  return (
    <ol className="incident__deploys" aria-label="Deploys">
      {[...list].reverse().map((d) => (
        <li key={d.id} className={`deploy deploy--${d.verdict ?? 'pending'}`}>
          <span className="muted">{formatDateTime(d.at)}</span> Deploy {d.version}
          {d.group ? ` of ${d.group}` : ''}
          {d.note ? ` — ${d.note}` : ''}
          {d.verdict ? ` (${VERDICT[d.verdict]})` : ''}
        </li>
      ))}
    </ol>
  );
}
