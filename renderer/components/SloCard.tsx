import { useId, useState } from 'react';
import { formatBudgetShare, formatDuration, formatTarget, type SloPeriod } from '../../shared/dashboard';
import { useSlo } from '../hooks/useSlo';
import { AccountingPopover, accountingLine } from './AccountingPopover';

function burn(v: number | null): string {
  if (v === null) return 'no data';
  return v < 0.05 ? '0×' : `${v.toFixed(v < 10 ? 1 : 0)}×`;
}

/** Target, error budget left for the month / quarter, burn rate over 1 h and 6 h. */
export function SloCard({
  scope,
  title = 'Service level',
}: {
  scope: { monitorId: number } | { group: string };
  title?: string;
}) {
  const [period, setPeriod] = useState<SloPeriod | undefined>(undefined);
  const slo = useSlo(scope, period);
  const r = slo.data;
  const titleId = useId();
  return (
    <section className="card slo" aria-labelledby={titleId} aria-busy={slo.loading}>
      <div className="card__head">
        <h3 id={titleId}>{title}</h3>
        <div className="segmented" role="group" aria-label="Budget period">
          {(['month', 'quarter'] as const).map((p) => (
            <button key={p} type="button" aria-pressed={(r?.period ?? period) === p} onClick={() => setPeriod(p)}>
              {p === 'month' ? 'Month' : 'Quarter'}
            </button>
          ))}
        </div>
      </div>
      {slo.error && (
        <p className="form-error" role="alert">
          Could not load the SLO: {slo.error.message}
        </p>
      )}
      {!r && !slo.error && <p className="muted">Loading…</p>}
      {r && (
        <>
          <p className="slo__sentence">
            Target <strong>{formatTarget(r.target)}</strong> this {r.period}: {r.sentence}.
          </p>
          <p className="muted small slo__basis">{accountingLine(r.uptime)}</p>
          <div
            className={`budget${r.budget.remaining <= 0 ? ' budget--spent' : r.budget.remaining < 0.25 ? ' budget--low' : ''}`}
            role="meter"
            aria-label="Error budget remaining"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.max(0, Math.round(r.budget.remaining * 100))}
            aria-valuetext={`${formatBudgetShare(r.budget.remaining)} of the error budget left`}
          >
            <span
              className="budget__fill"
              style={{ width: `${Math.max(0, Math.min(100, r.budget.remaining * 100))}%` }}
            />
          </div>
          <dl className="facts facts--compact">
            <div>
              <dt>Budget left</dt>
              <dd>
                {r.budget.remaining <= 0
                  ? `overspent by ${formatDuration(-r.budget.remainingMs)}`
                  : `${formatBudgetShare(r.budget.remaining)} (${formatDuration(r.budget.remainingMs)} of ${formatDuration(r.budget.allowedMs)})`}
              </dd>
            </div>
            <div>
              <dt>Burn rate 1 h</dt>
              <dd className={r.burnRate.h1 !== null && r.burnRate.h1 > 14.4 ? 'bad' : ''}>{burn(r.burnRate.h1)}</dd>
            </div>
            <div>
              <dt>Burn rate 6 h</dt>
              <dd className={r.burnRate.h6 !== null && r.burnRate.h6 > 6 ? 'bad' : ''}>{burn(r.burnRate.h6)}</dd>
            </div>
          </dl>
          <AccountingPopover figures={r.uptime} />
        </>
      )}
    </section>
  );
}
