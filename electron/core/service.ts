import { createShellService, type ShellHooks } from './shell';
import type { AppInfo, Service } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { createAlertHandlers } from './alerts/handlers';
import type { createNoticeHandlers } from './alerts/notice';
import type { LoadChecks } from './loadcheck/service';
import type { Deploys } from './deploys/service';
import type { Monitor } from '../../shared/monitor';
import type { ProbeOutcome } from '../../shared/result';
import type { Clock } from './clock';
import type { DataHost } from './data/host';
import { createDataService } from './data/service';
import type { DemoController } from './demo/controller';
import { createConsoleService } from './slo/service';
import { createReportService } from './report/service';
import type { PdfPrinter } from './report/pdf';
import { createDraftsService, type DraftSources } from './drafts/service';
import { createDraftStore } from './store/drafts';
import type { EventBus } from './events';
import type { Scheduler } from './scheduler/scheduler';
import type { Monitoring } from './state/engine';
import type { Maintenance } from './maintenance/service';
import { createMonitoringService } from './state/service';
import type { SecretBox } from './secrets/box';
import { maskSecrets, sealSecrets } from './secrets/monitor-secrets';
import type { SettingsService } from './settings/settings';
import type { Store } from './store';
import { createWorkspaceRefresh } from './workspace/refresh';
import { createWorkspaceHandlers } from './workspace/service';
import type { Vantages } from './vantage/service';

const DEMO_DECIDED_KEY = 'demo.decided';

export interface ServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Absent in review mode: nothing is probed. */
  scheduler: Scheduler | undefined;
  /** Scheduler, state, incidents, alerts (electron/core/state/engine.ts). */
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

/** The Api implementation both transports call; input has already been validated by the dispatcher. */
export function createService({ store, bus, clock, scheduler, demo, settings, info, host, draftSources, monitoring, maintenance, secrets, shell, alerts, printPdf, loadchecks, vantages, deploys }: ServiceDeps) {
  function writable(): void {
    if (store.readOnly) throw new ApiError('read_only', `${store.path} is open read-only for review; changes are not allowed`);
  }
  function existing(id: number): Monitor {
    const m = store.monitors.get(id);
    if (!m) throw new ApiError('not_found', `Monitor ${id} does not exist`);
    return m;
  }
  function resync(): void {
    monitoring.sync(store.monitors.list());
  }

  const service = {
    ...createDataService({ host, store, settings: () => settings.get(), clock }),
    ...createMonitoringService(monitoring, store, bus, clock, resync),
    ...createConsoleService({ store, settings, clock, maintenanceIntervals: maintenance.queries.maintenanceIntervals }),
    ...createReportService({ store, settings, clock, bus, maintenanceIntervals: maintenance.queries.maintenanceIntervals, ...(printPdf ? { printPdf } : {}) }),
    ...maintenance.handlers,
    ...createWorkspaceHandlers({ store, secrets, now: () => clock.now(), refresh: createWorkspaceRefresh({ store, bus, settings, maintenance, resync, scheduler }) }),
    ...alerts,
    ...vantages,
    ...loadchecks,
    ...deploys,
    ...createShellService(shell ?? {}, secrets),
    ...createDraftsService({ store: createDraftStore(store.db, store.readOnly, () => clock.now()), settings, now: () => clock.now(), ...draftSources, onChange: (c) => bus.emit('drafts', c) }),
    'app.info': () => ({
      ...info,
      dbPath: store.path,
      readOnly: store.readOnly,
      firstRun: !store.readOnly && store.settings.get(DEMO_DECIDED_KEY) === undefined && store.monitors.list().length === 0,
      demo: demo?.platform !== undefined,
    }),
    'demo.load': async () => {
      writable();
      if (!demo) throw new ApiError('internal', 'The demo is not available in this mode');
      const monitors = await demo.load();
      store.settings.set(DEMO_DECIDED_KEY, 'loaded');
      resync();
      for (const m of store.monitors.list()) scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'loaded' });
      return { monitors };
    },
    'demo.decline': () => {
      writable();
      store.settings.set(DEMO_DECIDED_KEY, 'declined');
      return { ok: true as const };
    },
    'demo.faults': () => demo?.faults() ?? { running: false, active: [] },
    'demo.fault': (input) => {
      const next = demo?.setFault('clear' in input ? undefined : input.fault, 'on' in input ? input.on : false);
      if (!next) throw new ApiError('not_found', 'The demo platform is not running: load the demo workspace first (Dashboard, “Try the demo”).');
      return next;
    },
    // Secrets never leave the core: the renderer sees masks, and a mask sent back keeps the stored value.
    'monitors.list': () => store.monitors.list().map(maskSecrets),
    'monitors.create': (draft) => {
      writable();
      const m = maskSecrets(store.monitors.create(sealSecrets(draft, secrets)));
      store.settings.set(DEMO_DECIDED_KEY, store.settings.get(DEMO_DECIDED_KEY) ?? 'declined');
      resync();
      // The operator just added it: show a first result now rather than a whole interval later.
      scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'created', id: m.id });
      return m;
    },
    'monitors.update': ({ id, monitor }) => {
      writable();
      const before = existing(id);
      const m = maskSecrets(store.monitors.update(id, sealSecrets(monitor, secrets, before)));
      resync();
      scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'updated', id });
      return m;
    },
    'monitors.delete': ({ id }) => {
      writable();
      existing(id);
      store.monitors.delete(id);
      resync();
      bus.emit('monitors', { reason: 'deleted', id });
      return { id };
    },
    'results.latest': ({ monitorIds }) => store.results.latest(monitorIds),
    'results.recent': ({ monitorId, limit }) => {
      existing(monitorId);
      return store.results.recent(monitorId, limit);
    },
    'series.get': ({ monitorId, from, to, maxPoints, percentiles }) => {
      existing(monitorId);
      return store.series(monitorId, from, to, maxPoints, { percentiles });
    },
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      writable();
      const next = settings.update(patch);
      bus.emit('settings', next);
      return next;
    },
  } satisfies Service;

  /** Where the scheduler hands finished probes: the result pipeline (state/pipeline.ts). */
  function record(monitor: Monitor, outcome: ProbeOutcome, startedAt: number): void {
    monitoring.pipeline.record(monitor, outcome, startedAt);
  }

  return { service, record, resync, now: () => clock.now() };
}
