import { useState } from 'react';
import type { StorageProblem as Problem } from '../../shared/data';
import { formatDateTime } from '../lib/format';
import { useStorageProblem } from '../hooks/useData';

/** Banner for a write failure (disk full, read-only disk): what failed, what is held, when it recovered. */
export function StorageProblemBanner() {
  const problem = useStorageProblem();
  return <StorageProblemView problem={problem} />;
}

export function StorageProblemView({ problem }: { problem: Problem | null }) {
  const [dismissed, setDismissed] = useState<number | null>(null);
  if (!problem) return null;
  if (problem.state === 'recovered') {
    if (dismissed === problem.recoveredAt) return null;
    const lost =
      problem.dropped > 0
        ? ` ${problem.dropped.toLocaleString('en-US')} results could not be kept (memory limit).`
        : ' No results were lost.';
    return (
      <div className="banner banner--info" role="status">
        Storage recovered at {formatDateTime(problem.recoveredAt ?? problem.since)}: {problem.what} works again.{lost}
        <button type="button" className="btn btn--ghost" onClick={() => setDismissed(problem.recoveredAt)}>
          Dismiss
        </button>
      </div>
    );
  }
  return (
    <div className="banner banner--warning" role="alert">
      Lookout cannot save results since {formatDateTime(problem.since)} — {problem.what} failed: {problem.message}.{' '}
      {problem.held.toLocaleString('en-US')} results are held in memory and retried
      {problem.dropped > 0 ? `; ${problem.dropped.toLocaleString('en-US')} older ones had to be dropped` : ''}. Free
      some disk space or check the folder’s permissions.
    </div>
  );
}
