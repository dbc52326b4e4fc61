import type { RateRule } from '../../../shared/channels';

interface Props {
  rule: RateRule;
  index: number;
  err: (path: string) => React.ReactNode;
  onChange: (next: RateRule) => void;
  onRemove: () => void;
}

/** One rate rule: an error rate over a window, or a p95 above a threshold for some minutes. */
export function RateRuleFieldset({ rule: r, index: i, err, onChange: set, onRemove }: Props) {
  const num = (v: string) => (v === '' ? 0 : Number(v));
  return (
    <fieldset className="rate" aria-label={`Rate rule ${r.name}`}>
      <label>
        Name <input value={r.name} onChange={(e) => set({ ...r, name: e.target.value })} />
      </label>
      {r.kind === 'error_rate' ? (
        <>
          <label>
            More than{' '}
            <input type="number" value={r.percent} onChange={(e) => set({ ...r, percent: num(e.target.value) })} /> % of
            probes failed
          </label>
          <label>
            over{' '}
            <input
              type="number"
              value={r.windowMinutes}
              onChange={(e) => set({ ...r, windowMinutes: num(e.target.value) })}
            />{' '}
            min
          </label>
          <label>
            for{' '}
            <select value={r.per} onChange={(e) => set({ ...r, per: e.target.value as 'monitor' | 'group' })}>
              <option value="monitor">each monitor</option>
              <option value="group">each service group together</option>
            </select>
          </label>
        </>
      ) : (
        <>
          <label>
            p95 above{' '}
            <input type="number" value={r.p95Ms} onChange={(e) => set({ ...r, p95Ms: num(e.target.value) })} /> ms
          </label>
          <label>
            for{' '}
            <input
              type="number"
              value={r.forMinutes}
              onChange={(e) => set({ ...r, forMinutes: num(e.target.value) })}
            />{' '}
            min
          </label>
        </>
      )}
      {err(`rates.${i}.percent`)}
      {err(`rates.${i}.windowMinutes`)}
      {err(`rates.${i}.forMinutes`)}
      <button type="button" className="btn btn--ghost btn--small" onClick={() => onRemove()}>
        Remove
      </button>
    </fieldset>
  );
}
