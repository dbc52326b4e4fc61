import { useMemo, useRef, useState } from 'react';
import { LinkNotice } from './components/LinkNotice';
import { AlertNotifier } from './components/AlertNotifier';
import { ConnectionBanner, connectionLabel } from './components/ConnectionBanner';
import { HeaderControls } from './components/HeaderControls';
import { useRunningMaintenance } from './hooks/useRunningMaintenance';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { StorageProblemBanner } from './components/StorageProblem';
import { SetAsideScreen } from './components/data/SetAsideScreen';
import { SummaryBar } from './components/SummaryBar';
import { useAppInfo } from './hooks/useAppInfo';
import { useConnection } from './hooks/useConnection';
import { useConsoleOnline, useMonitorStates, useNextMaintenance } from './hooks/useConsoleFeeds';
import { useDashboard } from './hooks/useDashboard';
import { useDatabaseSwitch, useDataStatus } from './hooks/useData';
import { useHotkeys } from './hooks/useHotkeys';
import { useLatestResults } from './hooks/useLatestResults';
import { useMonitors } from './hooks/useMonitors';
import { useRoute } from './hooks/useRoute';
import { useSettings } from './hooks/useSettings';
import { useTheme } from './hooks/useTheme';
import { buildItems, DEFAULT_LIST_OPTIONS, headerCounts, type ListOptions } from './lib/dashboard';
import { navigate, routeHref, type Page } from './lib/route';
import { incidentWindow } from './lib/ranges';
import { Dashboard } from './pages/Dashboard';
import { DataPage } from './pages/Data';
import { Drafts } from './pages/Drafts';
import { Incidents } from './pages/Incidents';
import { AlertsPage } from './pages/Alerts';
import { Maintenance } from './pages/Maintenance';
import { ReportPage } from './pages/Report';
import { MonitorPage } from './pages/MonitorPage';
import { PlatformChecks } from './pages/PlatformChecks';
import { SettingsPage } from './pages/Settings';

const NAV: { page: Page; label: string }[] = [
  { page: 'dashboard', label: 'Dashboard' },
  { page: 'incidents', label: 'Incidents' },
  { page: 'alerts', label: 'Alerts' },
  { page: 'maintenance', label: 'Maintenance' },
  { page: 'report', label: 'Report' },
  { page: 'drafts', label: 'Drafts' },
  { page: 'checks', label: 'Load & deploys' },
  { page: 'data', label: 'Data' },
  { page: 'settings', label: 'Settings' },
];

/** The shell: header (counts, console online, connection), navigation, and the page of the hash route. */
export function App() {
  const route = useRoute();
  // Restore, review and start-fresh switch the database under the page: reload everything.
  useDatabaseSwitch();
  const dataStatus = useDataStatus();
  const setAside = dataStatus.data?.opening ?? null;
  const connection = useConnection();
  const info = useAppInfo();
  const settings = useSettings();
  useTheme(settings.data?.theme);
  const monitors = useMonitors();
  const latest = useLatestResults();
  const dashboard = useDashboard();
  const states = useMonitorStates();
  const online = useConsoleOnline();
  const nextMaintenance = useNextMaintenance();
  const runningMaintenance = useRunningMaintenance();
  const [options, setOptions] = useState<ListOptions>(() => ({
    ...DEFAULT_LIST_OPTIONS,
    query: route.params.get('q') ?? '',
  }));
  const [help, setHelp] = useState(false);
  const pendingG = useRef(false);

  const rows = useMemo(() => new Map((dashboard.data?.rows ?? []).map((r) => [r.monitorId, r])), [dashboard.data]);
  const items = useMemo(
    () => buildItems(monitors.data ?? [], rows, latest.data, states),
    [monitors.data, rows, latest.data, states],
  );
  const counts = useMemo(() => headerCounts(items), [items]);

  useHotkeys({
    '?': () => setHelp(true),
    g: () => {
      pendingG.current = true;
      setTimeout(() => (pendingG.current = false), 1000);
    },
    d: () => {
      if (pendingG.current) navigate(routeHref('dashboard'));
    },
  });

  const current = route.page === 'monitor' ? 'dashboard' : route.page;
  const monitor = route.page === 'monitor' ? monitors.data?.find((m) => m.id === route.id) : undefined;

  return (
    <div className="app">
      <div className="app-top">
        <header className="app-header">
          <div className="app-header__brand">
            <h1>
              <a href="#/" className="brand-link">
                Lookout
              </a>
            </h1>
            {info.data && (
              <span className="app-header__meta">
                v{info.data.version}
                {info.data.demo && <span className="tag">Demo</span>}
                {info.data.readOnly && <span className="tag">Read-only</span>}
              </span>
            )}
          </div>
          <SummaryBar
            counts={counts}
            online={connection.state === 'open' ? online.online : null}
            nextMaintenance={nextMaintenance}
            running={runningMaintenance}
          />
          <HeaderControls
            monitorIds={(monitors.data ?? []).map((m) => m.id)}
            states={states}
            readOnly={info.data?.readOnly ?? true}
          />
          <span className={`conn conn--${connection.state}`} data-state={connection.state}>
            <span className="conn__dot" aria-hidden="true" />
            {connectionLabel(connection)}
          </span>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => setHelp(true)}
            aria-keyshortcuts="?"
          >
            <span aria-hidden="true">?</span>
            <span className="sr-only">Keyboard shortcuts</span>
          </button>
        </header>
        <nav className="app-nav" aria-label="Pages">
          {NAV.map((n) => (
            <a key={n.page} href={routeHref(n.page)} aria-current={current === n.page ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <ConnectionBanner connection={connection} />
        <StorageProblemBanner />
      </div>
      {/* Outside the sticky header: notifications push the page down, never cover it. */}
      <AlertNotifier />

      <main className="app-main" id="main">
        {/* The database could not be opened: nothing else works until the operator decides. */}
        {setAside && route.page !== 'data' && <SetAsideScreen problem={setAside} />}
        {!setAside && route.page === 'dashboard' && <LinkNotice params={route.params} />}
        {!setAside && route.page === 'dashboard' && (
          <Dashboard
            items={items}
            loading={monitors.data === undefined && !monitors.error}
            error={monitors.error?.message}
            options={options}
            onOptions={setOptions}
            onReload={() => {
              monitors.refetch();
              dashboard.refetch();
            }}
          />
        )}
        {route.page === 'monitor' &&
          (monitor ? (
            <MonitorPage
              key={monitor.id}
              monitor={monitor}
              item={items.find((i) => i.monitor.id === monitor.id)}
              params={route.params}
              readOnly={info.data?.readOnly ?? false}
            />
          ) : monitors.data === undefined ? (
            <p className="muted">Loading…</p>
          ) : (
            <div className="card">
              <p role="alert">Monitor {route.id} does not exist (it may have been deleted).</p>
              <a href="#/">Back to the dashboard</a>
            </div>
          ))}
        {route.page === 'incidents' && (
          <Incidents
            onOpenMonitor={(id, start, end) =>
              navigate(
                routeHref('monitor', {
                  id,
                  params: incidentWindow(start, end === undefined ? start : end, Date.now()),
                }),
              )
            }
            highlightId={route.params.get('id') ?? undefined}
          />
        )}
        {route.page === 'alerts' && <AlertsPage key={route.params.toString()} params={route.params} />}
        {route.page === 'maintenance' && <Maintenance />}
        {route.page === 'report' && <ReportPage />}
        {route.page === 'drafts' && <Drafts />}
        {route.page === 'checks' && (
          <PlatformChecks monitors={monitors.data ?? []} readOnly={info.data?.readOnly ?? false} />
        )}
        {route.page === 'data' && <DataPage />}
        {route.page === 'settings' && <SettingsPage />}
      </main>

      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />

      {info.data && (
        <footer className="app-footer">
          <span>
            {info.data.mode === 'serve' ? 'Serve mode' : 'Desktop'} · database <code>{info.data.dbPath}</code> · press{' '}
            <kbd>?</kbd> for shortcuts
          </span>
        </footer>
      )}
    </div>
  );
}
