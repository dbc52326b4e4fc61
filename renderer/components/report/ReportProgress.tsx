import { useState } from 'react';
import { useEvent } from '../../hooks/useEvent';

/** The core's progress on the report being built or written, from its `reportProgress` events. */
export function ReportProgress({ label }: { label: string }) {
  const [p, setP] = useState<{ done: number; total: number } | null>(null);
  useEvent('reportProgress', (e) => e.stage.startsWith(label) && setP({ done: e.done, total: e.total }));
  if (!p || p.total === 0) return null;
  return <progress className="report-progress" max={p.total} value={p.done} aria-label={`${label} progress`} />;
}
