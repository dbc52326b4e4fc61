import type { MonitorVantages } from '../../../shared/vantage';

/**
 * The dashboard row's word on remote vantages: "down in eu-west only" when regions disagree,
 * "down everywhere", or why the selector is not read. Nothing when every vantage agrees it is up.
 */
export function VantageNote({
  view,
  latestCode,
}: {
  view: MonitorVantages | undefined;
  latestCode?: string | undefined;
}) {
  if (!view) return null;
  if (view.problem) {
    return (
      <p className="vantage-note vantage-note--problem" title={view.problem.message}>
        Vantages: {view.problem.message}
      </p>
    );
  }
  if (view.verdict === 'up' || !view.summary) return null;
  // The row's newest result already says where (confirmed across vantages): not twice.
  if (latestCode === 'regional' || latestCode === 'down_everywhere') return null;
  return (
    <p className={`vantage-note vantage-note--${view.verdict}`} data-verdict={view.verdict}>
      {view.summary}
    </p>
  );
}
