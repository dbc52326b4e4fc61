import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { useHotkeys } from '../hooks/useHotkeys';
import { arrange, type DashboardItem, type ListOptions, type SortKey, type StatusFilter } from '../lib/dashboard';
import { navigate, routeHref } from '../lib/route';

interface Props {
  items: readonly DashboardItem[];
  /** Monitors not loaded yet / failed. */
  loading: boolean;
  error: string | undefined;
  options: ListOptions;
  onOptions: (o: ListOptions) => void;
  onReload: () => void;
}

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All statuses' },
  { value: 'problems', label: 'Problems (down, degraded, unknown)' },
  { value: 'down', label: 'Down' },
  { value: 'degraded', label: 'Degraded' },
  { value: 'unknown', label: 'Unknown' },
  { value: 'up', label: 'Up' },
  { value: 'maintenance', label: 'In maintenance' },
];

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'worst', label: 'Worst first' },
  { value: 'uptime', label: 'Lowest 24 h uptime' },
  { value: 'name', label: 'Name' },
];

/** Every monitor at a glance: grouped by service, filtered, worst first; j / k / Enter / a / `/`. */
export function Dashboard({ items, loading, error, options, onOptions, onReload }: Props) {
  const info = useAppInfo();
  const vantages = useVantageByMonitor();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [showForm, setShowForm] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const names = useRef(new Map<number, string>());
  const ack = useAcknowledge((ids, by) => setNotice(`Acknowledged the incident on ${ids.map((id) => names.current.get(id) ?? `incident ${id}`).join(', ')} as ${by}.`));
  const readOnly = info.data?.readOnly ?? false;
  const offerDemo = !!info.data?.firstRun && !loading && items.length === 0 && !readOnly;

  const groups = useMemo(() => arrange(items, options), [items, options]);
  const order = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const groupNames = useMemo(() => {
    const extra = [...new Set(items.map((i) => i.monitor.group))].filter((g) => !(SERVICE_GROUPS as readonly string[]).includes(g)).sort();
    return [...SERVICE_GROUPS, ...extra];
  }, [items]);

  const serviceGroups = useMemo(() => groupNames.filter((g) => items.some((i) => i.monitor.group === g)), [groupNames, items]);

  const open = useCallback((id: number) => navigate(routeHref('monitor', { id })), []);

  // Keys can arrive faster than React renders: the ref is the selection as of the last key, so
  // j j k moves from where the previous key left it and the focused row is always the selected one.
  const selectedRef = useRef<number | null>(selectedId);
  selectedRef.current = selectedId;
  const move = (delta: number) => {
    if (order.length === 0) return;
    const at = order.findIndex((i) => i.monitor.id === selectedRef.current);
    const next = at === -1 ? (delta > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, at + delta));
    const id = order[next]!.monitor.id;
    selectedRef.current = id;
    setSelectedId(id);
    // Keep keyboard focus on the selected row so Enter / screen readers follow along: at once when
    // the row is on screen (an Enter right after must open this row, not the previously focused
    // one), and again after the render for a virtualized row that was not there yet.
    const focusSelected = () => document.querySelector<HTMLElement>(`[data-monitor-id="${selectedRef.current}"]`)?.focus();
    focusSelected();
    requestAnimationFrame(focusSelected);
  };

  async function acknowledge() {
    const item = order.find((i) => i.monitor.id === selectedId);
    if (!item) return setNotice('Select a monitor first (j / k).');
    if (item.incidentId === null) return setNotice(`${item.monitor.name} has no open incident to acknowledge.`);
    names.current.set(item.incidentId, item.monitor.name);
    await ack.acknowledge([item.incidentId]);
  }

  useHotkeys({
    '/': () => searchRef.current?.focus(),
    j: () => move(1),
    k: () => move(-1),
    Enter: () => selectedId !== null && open(selectedId),
    a: () => void acknowledge(),
    // Escape clears the search and leaves the box, so j / k move again instead of typing.
    Escape: (e) => {
      if (e.target === searchRef.current && options.query) onOptions({ ...options, query: '' });
      searchRef.current?.blur();
    },
  });

  // A selection that was filtered away is dropped.
  useEffect(() => {
    if (selectedId !== null && !order.some((i) => i.monitor.id === selectedId)) setSelectedId(null);
  }, [order, selectedId]);

  const shown = order.length;
  return (
    <div className="dashboard">
      {offerDemo && <DemoOffer onDone={() => { info.refetch(); onReload(); }} />}

      {/* The form gets the page's full width: kind select, submission steps and DNS fields need room. */}
      {!readOnly && (showForm || items.length === 0) && (
        <section className="card monitor-form-panel" aria-label="New monitor">
          <MonitorForm onSaved={() => setShowForm(false)} {...(items.length > 0 ? { onCancel: () => setShowForm(false) } : {})} />
        </section>
      )}

      <div className="layout">
        <section className="panel monitors-panel" aria-labelledby="monitors-title" aria-busy={loading}>
          <div className="panel__head">
            <h2 id="monitors-title" className="panel__title">
              Monitors
            </h2>
            <span className="muted" aria-live="polite">
              {items.length > 0 && (shown === items.length ? `${items.length} monitors` : `${shown} of ${items.length} monitors`)}
            </span>
          </div>
          <div className="toolbar" role="search">
            <label className="toolbar__search">
              <span className="sr-only">Search monitors</span>
              <input
                ref={searchRef}
                type="search"
                placeholder="Search monitors  ( / )"
                value={options.query}
                onChange={(e) => onOptions({ ...options, query: e.target.value })}
                aria-keyshortcuts="/"
              />
            </label>
            <label>
              <span className="sr-only">Status filter</span>
              <select aria-label="Status filter" value={options.status} onChange={(e) => onOptions({ ...options, status: e.target.value as StatusFilter })}>
                {STATUS_FILTERS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="sr-only">Service group</span>
              <select aria-label="Service group" value={options.group} onChange={(e) => onOptions({ ...options, group: e.target.value })}>
                <option value="all">All groups</option>
                {groupNames.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="btn btn--small"
              aria-pressed={options.status === 'problems'}
              onClick={() => onOptions({ ...options, status: options.status === 'problems' ? 'all' : 'problems' })}
            >
              Problems only
            </button>
            <label>
              <span className="sr-only">Sort</span>
              <select aria-label="Sort" value={options.sort} onChange={(e) => onOptions({ ...options, sort: e.target.value as SortKey })}>
                {SORTS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
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
          {!loading && !error && items.length === 0 && !offerDemo && <p className="muted">No monitors yet. Add one with the form.</p>}
          {items.length > 0 && shown === 0 && <p className="muted">No monitor matches the search or filters.</p>}
          {shown > 0 && <MonitorList groups={groups} selectedId={selectedId} onOpen={open} readOnly={readOnly} vantages={vantages} />}
        </section>

        <aside className="side">
          {!readOnly && items.length > 0 && !showForm && (
            <button type="button" className="btn btn--primary" onClick={() => setShowForm(true)}>
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
