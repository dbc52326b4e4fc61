import { useEffect, useMemo, useState } from 'react';
import { ConnectionBanner, connectionLabel } from '../components/ConnectionBanner';
import { DemoOffer } from '../components/DemoOffer';
import { MonitorDetail } from '../components/MonitorDetail';
import { MonitorForm } from '../components/MonitorForm';
import { MonitorList } from '../components/MonitorList';
import { SummaryBar, summarize } from '../components/SummaryBar';
import { useAppInfo } from '../hooks/useAppInfo';
import { useConnection } from '../hooks/useConnection';
import { useLatestResults } from '../hooks/useLatestResults';
import { useMonitors } from '../hooks/useMonitors';

export function Dashboard() {
  const connection = useConnection();
  const info = useAppInfo();
  const monitors = useMonitors();
  const latest = useLatestResults();
  const [selectedId, setSelectedId] = useState<number | null>(null);

  const list = useMemo(() => monitors.data ?? [], [monitors.data]);
  const counts = useMemo(() => summarize(list, latest.data), [list, latest.data]);
  const selected = selectedId === null ? undefined : list.find((m) => m.id === selectedId);
  const readOnly = info.data?.readOnly ?? false;
  const offerDemo = !!info.data?.firstRun && monitors.data !== undefined && list.length === 0 && !readOnly;

  // A deleted (or vanished) monitor closes its panel.
  useEffect(() => {
    if (selectedId !== null && monitors.data && !monitors.data.some((m) => m.id === selectedId)) setSelectedId(null);
  }, [monitors.data, selectedId]);

  return (
    <div className="app">
      <div className="app-top">
        <header className="app-header">
          <div className="app-header__brand">
            <h1>Lookout</h1>
            {info.data && (
              <span className="app-header__meta">
                v{info.data.version}
                {info.data.demo && <span className="tag">Demo</span>}
                {readOnly && <span className="tag">Read-only</span>}
              </span>
            )}
          </div>
          <SummaryBar counts={counts} />
          <span className={`conn conn--${connection.state}`} data-state={connection.state}>
            <span className="conn__dot" aria-hidden="true" />
            {connectionLabel(connection)}
          </span>
        </header>

        <ConnectionBanner connection={connection} />
      </div>

      <main className="app-main">
        {offerDemo && (
          <DemoOffer
            onDone={() => {
              info.refetch();
              monitors.refetch();
            }}
          />
        )}

        <div className="layout">
          <section className="panel monitors-panel" aria-labelledby="monitors-title" aria-busy={monitors.loading && !monitors.data}>
            <h2 id="monitors-title" className="panel__title">
              Monitors
            </h2>
            {monitors.error && (
              <p className="form-error" role="alert">
                Could not load monitors: {monitors.error.message}
              </p>
            )}
            {monitors.data === undefined && !monitors.error && <p className="muted">Loading monitors…</p>}
            {monitors.data !== undefined && list.length === 0 && !offerDemo && (
              <p className="muted">No monitors yet. Add one with the form.</p>
            )}
            {list.length > 0 && (
              <MonitorList monitors={list} latest={latest.data} selectedId={selectedId} onSelect={setSelectedId} />
            )}
          </section>

          <aside className="side">
            {selected ? (
              <MonitorDetail
                key={selected.id}
                monitor={selected}
                result={latest.data.get(selected.id)}
                readOnly={readOnly}
                onClose={() => setSelectedId(null)}
              />
            ) : (
              list.length > 0 && <p className="card muted hint-card">Select a monitor to see its latency chart.</p>
            )}
            {!readOnly && (
              <section className="card">
                <MonitorForm />
              </section>
            )}
          </aside>
        </div>
      </main>

      {info.data && (
        <footer className="app-footer">
          <span>
            {info.data.mode === 'serve' ? 'Serve mode' : 'Desktop'} · database <code>{info.data.dbPath}</code>
          </span>
        </footer>
      )}
    </div>
  );
}
