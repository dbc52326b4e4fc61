import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { formatDateTime } from '../lib/format';
import { RENDERER_KINDS } from './kinds';

/** The kind's own view of the newest results (HTTP phases, HLS freshness, submission steps …). */
export function ResultBreakdown({ monitor, results }: { monitor: Monitor; results: readonly ProbeResult[] }) {
  const newest = results[0];
  if (!newest) return <p className="muted">No results yet.</p>;
  const { Breakdown } = RENDERER_KINDS[monitor.kind];
  return (
    <>
      <Breakdown result={newest} results={results} />
      <p className="muted small">Newest check {formatDateTime(newest.ts)}</p>
    </>
  );
}
