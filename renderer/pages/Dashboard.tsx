import { useMemo, useRef, useState } from 'react';
import { SERVICE_GROUPS } from '../../shared/monitor';
import { DemoOffer } from '../components/DemoOffer';
import { DemoPlatformPanel } from '../components/DemoPlatformPanel';
import { MonitorForm } from '../components/MonitorForm';
import { SloCard } from '../components/SloCard';
import { MonitorList } from '../components/MonitorList';
import { useAcknowledge } from '../hooks/useAcknowledge';
import { useAppInfo } from '../hooks/useAppInfo';
import { useVantageByMonitor } from '../hooks/useVantage';
import { OperatorNamePrompt } from '../components/incidents/OperatorNamePrompt';
import { DashboardToolbar } from '../components/dashboard/DashboardToolbar';
import { useDashboardKeys } from '../components/dashboard/useDashboardKeys';
import { arrange, type DashboardItem, type ListOptions } from '../lib/dashboard';
import { useMethodControl } from '../hooks/useReviewMode';

interface Props {
  items: readonly DashboardItem[];
  /** Monitors not loaded yet / failed. */
  loading: boolean;
  error: string | undefined;
  options: ListOptions;
  onOptions: (o: ListOptions) => void;
  onReload: () => void;
}

/** Every monitor at a glance: grouped by service, filtered, worst first; j / k / Enter / a / `/`. */
export function Dashboard({ items, loading, error, options, onOptions, onReload }: Props) {
  const info = useAppInfo();
  const vantages = useVantageByMonitor();
  const [showForm, setShowForm] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Which monitor an incident belongs to, filled as keys acknowledge: one map for the page's life.
  const [names] = useState(() => new Map<number, string>());
  const ack = useAcknowledge((ids, by) =>
    setNotice(
      `Acknowledged the incident on ${ids.map((id) => names.get(id) ?? `incident ${id}`).join(', ')} as ${by}.`,
    ),
  );
  const readOnly = info.data?.readOnly ?? false;
  const control = useMethodControl();
  const offerDemo = !!info.data?.firstRun && !loading && items.length === 0 && !readOnly;

  const groups = useMemo(() => arrange(items, options), [items, options]);
  const order = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const groupNames = useMemo(() => {
    const extra = [...new Set(items.map((i) => i.monitor.group))]
      .filter((g) => !(SERVICE_GROUPS as readonly string[]).includes(g))
      .sort();
    return [...SERVICE_GROUPS, ...extra];
  }, [items]);

  const serviceGroups = useMemo(
    () => groupNames.filter((g) => items.some((i) => i.monitor.group === g)),
    [groupNames, items],
  );

  const { selectedId, open } = useDashboardKeys({
    order,
    options,
    onOptions,
    searchRef,
    ack,
    names,
    setNotice,
  });

  const shown = order.length;
  return (
    <div className="dashboard">
      {offerDemo && (
        <DemoOffer
          onDone={() => {
            info.refetch();
            onReload();
          }}
        />
      )}

      {/* The form gets the page's full width: kind select, submission steps and DNS fields need room. */}
      {!readOnly && (showForm || items.length === 0) && (
        <section className="card monitor-form-panel" aria-label="New monitor">
          <MonitorForm
            onSaved={() => setShowForm(false)}
            {...(items.length > 0 ? { onCancel: () => setShowForm(false) } : {})}
          />
        </section>
      )}

      <div className="layout">
        <section className="panel monitors-panel" aria-labelledby="monitors-title" aria-busy={loading}>
          <div className="panel__head">
            <h2 id="monitors-title" className="panel__title">
              Monitors
            </h2>
            <span className="muted" aria-live="polite">
              {items.length > 0 &&
                (shown === items.length ? `${items.length} monitors` : `${shown} of ${items.length} monitors`)}
            </span>
          </div>
          <DashboardToolbar options={options} onOptions={onOptions} groupNames={groupNames} searchRef={searchRef} />
          <OperatorNamePrompt ack={ack} />
          {ack.error && ack.asking.length === 0 && (
            <p className="form-error" role="alert">
              {ack.error}
            </p>
          )}
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              Could not load monitors: {error}{' '}
              <button type="button" className="btn btn--small" onClick={onReload}>
                Retry
              </button>
            </p>
          )}
          {loading && items.length === 0 && !error && <p className="muted">Loading monitors…</p>}
          {!loading && !error && items.length === 0 && !offerDemo && (
            <p className="muted">No monitors yet. Add one with the form.</p>
          )}
          {items.length > 0 && shown === 0 && <p className="muted">No monitor matches the search or filters.</p>}
          {shown > 0 && (
            <MonitorList
              groups={groups}
              selectedId={selectedId}
              onOpen={open}
              readOnly={readOnly}
              vantages={vantages}
            />
          )}
        </section>

        <aside className="side">
          {!readOnly && items.length > 0 && !showForm && (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setShowForm(true)}
              {...control('monitors.create')}
            >
              New monitor
            </button>
          )}
          {info.data?.demo && !readOnly && <DemoPlatformPanel />}
          {/* Each service's promise (99% for live streaming and submissions) and what is left of its budget. */}
          {serviceGroups.map((g) => (
            <SloCard key={g} scope={{ group: g }} title={`${g}: service level`} />
          ))}
        </aside>
      </div>
    </div>
  );
}
