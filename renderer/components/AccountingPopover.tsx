import { ACCOUNTING_POLICY, type Accounting } from '../../shared/accounting';
import { formatDuration, formatUptime } from '../../shared/dashboard';

/**
 * "How this is computed": the accounting policy, in the words the core and the README use, next to
 * the figures it produced here. A <details> so it opens by keyboard and needs no focus handling.
 */
export function AccountingPopover({
  figures,
  label = 'How this is computed',
}: {
  figures?: Accounting | undefined;
  label?: string;
}) {
  return (
    <details className="popover accounting-popover">
      <summary>{label}</summary>
      <div className="popover__body" role="note" aria-label="How uptime is computed">
        {figures && (
          <p className="small">
            {figures.ratio === null
              ? 'Nothing measured yet.'
              : `${formatUptime(figures.ratio)} = (${formatDuration(figures.measuredMs)} measured − ${formatDuration(figures.downMs)} down) ÷ ${formatDuration(figures.measuredMs)}.`}
            {figures.observedFrom !== null && ` Measured from ${new Date(figures.observedFrom).toLocaleString()}.`}
          </p>
        )}
        <dl className="facts facts--compact">
          {ACCOUNTING_POLICY.map((p) => (
            <div key={p.term}>
              <dt>{p.term}</dt>
              <dd>{p.text}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

/** One line of what a figure stands on: "23 h 55 min measured · 2 min down · 4 min degraded · 1 h maintenance excluded". */
export function accountingLine(u: Accounting): string {
  if (u.ratio === null) return 'nothing measured yet';
  const parts = [`${formatDuration(u.measuredMs)} measured`, `${formatDuration(u.downMs)} down`];
  if (u.degradedMs > 0) parts.push(`${formatDuration(u.degradedMs)} degraded`);
  if (u.maintenanceMs > 0) parts.push(`${formatDuration(u.maintenanceMs)} maintenance excluded`);
  if (u.pausedMs > 0) parts.push(`${formatDuration(u.pausedMs)} paused excluded`);
  if (u.gapMs > 0) parts.push(`${formatDuration(u.gapMs)} console offline excluded`);
  return parts.join(' · ');
}
