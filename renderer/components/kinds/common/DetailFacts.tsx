import type { KindBreakdownProps } from '../types';

/** The newest result's details as they are stored, for kinds without a view of their own. */
export function DetailFacts({ result }: KindBreakdownProps) {
  const entries = Object.entries(result.details ?? {});
  if (!entries.length) return null;
  return (
    <dl className="facts facts--compact">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
