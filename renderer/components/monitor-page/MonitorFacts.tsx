import { forwardRef, useState } from 'react';
import type { Monitor } from '../../../shared/monitor';
import type { DashboardItem } from '../../lib/dashboard';
import { formatDateTime, formatLatency } from '../../lib/format';
import { KIND_LABELS, monitorTarget } from '../kinds';
import { MonitorForm } from '../MonitorForm';
import { PauseButton } from '../MonitorRowMenu';
import { StatusBadge } from '../StatusBadge';
import { useMethodControl } from '../../hooks/useReviewMode';

/** The monitor's name and target, pause and edit, its current status and settings, and the editor. */
export const MonitorFacts = forwardRef<
  HTMLHeadingElement,
  { monitor: Monitor; item: DashboardItem | undefined; readOnly: boolean }
>(function MonitorFacts({ monitor, item, readOnly }, headingRef) {
  const [editing, setEditing] = useState(false);
  const control = useMethodControl();
  const latest = item?.latest;
  const problem = latest && latest.status !== 'up' ? (latest.message ?? latest.errorCode) : undefined;
  return (
    <section className="card detail" aria-labelledby="detail-title">
      <p className="crumbs">
        <a href="#/">← Dashboard</a>
      </p>
      <div className="detail__head">
        <div>
          <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
            {monitor.name}
          </h2>
          <p className="detail__url">{monitorTarget(monitor)}</p>
        </div>
        {!readOnly && (
          <div className="button-row">
            <PauseButton monitor={monitor} />
            <button
              type="button"
              className="btn"
              onClick={() => setEditing((e) => !e)}
              aria-expanded={editing}
              {...control('monitors.update')}
            >
              {editing ? 'Close editor' : 'Edit'}
            </button>
          </div>
        )}
      </div>

      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={item?.status ?? 'pending'} />
            {item?.inMaintenance && <span className="tag tag--maintenance"> In maintenance</span>}
          </dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{formatLatency(latest?.latencyMs)}</dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd>{latest ? formatDateTime(latest.ts) : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{KIND_LABELS[monitor.kind]}</dd>
        </div>
        <div>
          <dt>Every</dt>
          <dd>{monitor.intervalSec} s</dd>
        </div>
        <div>
          <dt>Group</dt>
          <dd>{monitor.group}</dd>
        </div>
      </dl>
      {problem && (
        <p className="detail__error">
          <strong>Error:</strong> {problem}
        </p>
      )}
      {editing && !readOnly && (
        <div className="card card--inset">
          <MonitorForm monitor={monitor} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
        </div>
      )}
    </section>
  );
});
