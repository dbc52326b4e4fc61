import { createShellHandlers, type ShellHooks } from './shell';
import type { AppInfo } from '../../shared/api';
import type { createAlertHandlers } from './alerts/handlers';
import type { createNoticeHandlers } from './alerts/notice';
import type { LoadChecks } from './loadcheck/service';
import type { Deploys } from './deploys/service';
import type { Clock } from './clock';
import type { DataHost } from './session';
import { createDataHandlers } from './database/service';
import type { DemoController } from './demo/controller';
import { createDashboardHandlers } from './slo/service';
import type { PdfPrinter } from './report/pdf';
import { createDraftsHandlers, type DraftSources } from './drafts/service';
import type { EventBus } from './events';
import type { Scheduler } from './scheduler/scheduler';
import type { Monitoring } from './monitoring/engine';
import type { Maintenance } from './maintenance/service';
import { createMonitoringHandlers } from './monitoring/service';
import type { SecretBox } from './secrets/box';
import type { SettingsService } from './settings/settings';
import type { Store } from './store';
import { createWorkspaceRefresh } from './workspace/refresh';
import type { Vantages } from './vantage/service';
import { createAppInfoHandlers } from './app-info';
import { createDemoHandlers } from './demo/handlers';
import { combineHandlers, exactService } from './handlers';
import { lazyHandlers } from './lazy-import';
import { createMonitorHandlers } from './monitors/handlers';
import { createResultHandlers } from './monitors/results-handlers';
import { createSettingsHandlers } from './settings/handlers';

export interface ServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Absent in review mode: nothing is probed. */
  scheduler: Scheduler | undefined;
  /** Scheduler, state, incidents, alerts (electron/core/monitoring/engine.ts). */
  monitoring: Monitoring;
  demo: DemoController | undefined;
  settings: SettingsService;
  info: Pick<AppInfo, 'version' | 'mode'>;
  /** Switches the database under the core (restore, review, start fresh). */
  host: DataHost;
  /** Windows and incidents as notice drafts see them (drafts/service.ts). */
  draftSources: DraftSources;
  /** Maintenance windows, peak events, occurrences (maintenance/service.ts). */
  maintenance: Maintenance;
  /** Seals probe secrets before they are stored (secrets/box.ts). */
  secrets: SecretBox;
  /** The shell's PDF printer for reports (webContents.printToPDF); default Chromium via playwright-core. */
  printPdf?: PdfPrinter;
  /** What only the shell can do (login items, serve token); see shell.ts. */
  shell?: ShellHooks;
  /** Alert channels, rules and the alert log (alerts/handlers.ts). */
  alerts: ReturnType<typeof createAlertHandlers> & ReturnType<typeof createNoticeHandlers>;
  /** Remote vantage points from Prometheus (vantage/service.ts). */
  vantages: Vantages['handlers'];
  /** Load checks (loadcheck/service.ts). */
  loadchecks: LoadChecks['handlers'];
  /** Deploy markers (deploys/service.ts). */
  deploys: Deploys['handlers'];
}

/**
 * The Api implementation both transports call: one handler group per domain, combined so that a
 * method two groups implement is refused at start (handlers.ts). Input has already been validated
 * by the dispatcher.
 */
export function createService({
  store,
  bus,
  clock,
  scheduler,
  demo,
  settings,
  info,
  host,
  draftSources,
  monitoring,
  maintenance,
  secrets,
  shell,
  alerts,
  printPdf,
  loadchecks,
  vantages,
  deploys,
}: ServiceDeps) {
  function resync(): void {
    monitoring.sync(store.monitors.list());
  }
  const { maintenanceIntervals } = maintenance.queries;

  const service = exactService(
    combineHandlers({
      app: createAppInfoHandlers(store, info, () => demo?.platform !== undefined),
      demo: createDemoHandlers({ store, bus, demo, scheduler, resync }),
      monitors: createMonitorHandlers({ store, bus, secrets, scheduler, resync }),
      results: createResultHandlers(store),
      settings: createSettingsHandlers(settings, bus),
      data: createDataHandlers({ host, store, settings: () => settings.get(), clock }),
      monitoring: createMonitoringHandlers(monitoring, store, bus, clock, resync),
      dashboard: createDashboardHandlers({ store, settings, clock, maintenanceIntervals }),
      // Reports, exports and the workspace file load on first use (lazy-import.ts).
      report: lazyHandlers(['report.get', 'report.export', 'history.export'], async () =>
        (await import('./report/service')).createReportHandlers({
          store,
          settings,
          clock,
          bus,
          maintenanceIntervals,
          ...(printPdf ? { printPdf } : {}),
        }),
      ),
      maintenance: maintenance.handlers,
      workspace: lazyHandlers(['workspace.plan', 'workspace.apply', 'workspace.export'], async () =>
        (await import('./workspace/service')).createWorkspaceHandlers({
          store,
          secrets,
          now: () => clock.now(),
          refresh: createWorkspaceRefresh({ store, bus, settings, maintenance, resync, scheduler }),
        }),
      ),
      alerts,
      vantages,
      loadchecks,
      deploys,
      shell: createShellHandlers(shell ?? {}, secrets),
      drafts: createDraftsHandlers({
        store: store.tables.drafts,
        settings,
        now: () => clock.now(),
        ...draftSources,
        onChange: (c) => bus.emit('drafts', c),
      }),
    }),
  );

  return { service, resync };
}
