import { dirname, join } from 'node:path';
import { truncatedPercent } from '../../shared/dashboard';
import type { Monitor } from '../../shared/monitor';
import { systemClock } from './clock';
import { startDataJobs } from './database/jobs';
import { startCoreHost, type DataHost } from './database/host';
import { createDemoController } from './demo/controller';
import { createDispatcher } from './dispatch';
import { lazyImport } from './lazy-import';
import { createProbeMemories } from './probes/memory';
import { SecretError } from './secrets/box';
import { createKeyFileBox } from './secrets/key-file';
import { openSecrets } from './secrets/monitor-secrets';
import { createPlaywrightPageLoader } from './probes/page/playwright';
import { createPowerRelay, type PowerInput, type PowerRelay } from './power/relay';
import { createMonitoring } from './monitoring/engine';
import { reprobeOnMaintenanceEdges } from './monitoring/maintenance-edges';
import { createService } from './service';
import { createAlerting } from './alerts/alerting';
import { createAlertHandlers } from './alerts/handlers';
import { createNoticeHandlers } from './alerts/notice';
import { createLoadChecks } from './loadcheck/service';
import { regressionMessage } from './deploys/alert';
import { createDeploys } from './deploys/service';
import { deployCompareSource } from './deploys/source';
import { ledgerFor } from './slo/service';
import { createMaintenance } from './maintenance/service';
import { createDraftSources } from './drafts/sources';
import { createSettingsService } from './settings/settings';
import { openStore } from './store';
import { storageProblem } from './database/storage';
import { createWorkspaceRefresh } from './workspace/refresh';
import { watchWorkspaceApplies } from './workspace/watch';
import { createVantages } from './vantage/service';
import { createDisposables, sessionBus, sessionClock, type Disposables } from './lifecycle';
import { demoLoaded } from './demo/first-run';
import { combineHandlers } from './handlers';

import type { Core, CoreOptions } from './session';

export type { Core, CoreOptions };

/**
 * Both shells call this and nothing else. The returned Core keeps one dispatch and one bus while
 * the data domain switches the database under it (restore, review, start fresh; see database/host.ts).
 */
export async function startCore(opts: CoreOptions): Promise<Core & { power: PowerInput }> {
  // The shell's powerMonitor feeds whichever database session is running.
  const power = createPowerRelay();
  const pageLoader = opts.pageLoader ?? createPlaywrightPageLoader();
  const core = await startCoreHost({ ...opts, pageLoader }, (o, host) => startSession(o, host, power)).catch(
    async (err: unknown) => {
      await pageLoader.close();
      throw err;
    },
  );
  const closeCore = core.close.bind(core);
  core.close = () => closeCore().finally(() => pageLoader.close());
  return Object.assign(core, { power: { suspend: power.suspend, resume: power.resume } });
}

/**
 * One database's session. Whatever it starts is added to `owned` as it opens, so a start that throws
 * halfway closes exactly what had opened (the store last) and `close()` is the same list.
 */
async function startSession(opts: CoreOptions, host: DataHost, power: PowerRelay): Promise<Core> {
  const owned = createDisposables();
  try {
    const core = await wireSession(opts, host, power, owned);
    await opts.onSessionStarted?.(core.store);
    return core;
  } catch (err) {
    await owned
      .dispose()
      .catch((e: unknown) =>
        opts.log?.(`Closing ${opts.dbPath} after a failed start: ${e instanceof Error ? e.message : String(e)}`),
      );
    throw err;
  }
}

/** Wires store, probes, scheduler and service together for one database. */
async function wireSession(opts: CoreOptions, host: DataHost, power: PowerRelay, owned: Disposables): Promise<Core> {
  // This session's timers and subscriptions: whatever is still set when it closes is cleared then,
  // even from a component that threw halfway through starting (lifecycle.ts).
  const clock = sessionClock(opts.clock ?? systemClock, owned);
  const bus = sessionBus(host.bus, owned);
  const log = opts.log ?? (() => undefined);
  const store = owned.add(
    openStore({
      path: opts.dbPath,
      readOnly: opts.readOnly ?? false,
      now: () => clock.now(),
      onWriteError: (err) => log(`Writing results to ${opts.dbPath} failed (kept in memory, retrying): ${err.message}`),
      onWriteState: (h) => bus.emit('storage', storageProblem(opts.dbPath, h)),
      onCheckpointUnavailable: (err) =>
        log(`${err.message}; the writer checkpoints ${opts.dbPath} itself from now on.`),
      ...(opts.nativeBinding === undefined ? {} : { nativeBinding: opts.nativeBinding }),
    }),
    (s) => s.close(),
  );
  const settings = createSettingsService(store.settings);
  const secrets = opts.secrets ?? createKeyFileBox(join(dirname(opts.dbPath), 'secrets.key'));
  // Per-monitor memory between probes (an HLS stream's media sequence, to tell a stalled stream).
  const memories = createProbeMemories(store.tables.probeMemory, () => clock.now());
  // A deleted monitor's probe memory goes with it, and an edited one starts afresh (another stream's
  // media sequence must not look like a reset). The bus outlives this session: unsubscribed on close.
  owned.defer(
    bus.on('monitors', (e) => {
      const ids = store.monitors.list().map((m) => m.id);
      memories.retain(e.reason === 'updated' && e.id !== undefined ? ids.filter((id) => id !== e.id) : ids);
    }),
  );
  // The probe kinds (node:tls, node:dns, the HLS and submission clients) load with the first probe.
  const probeKinds = lazyImport(() => import('./probes/registry'));
  const probe = (monitor: Monitor, signal: AbortSignal) => {
    let spec: Monitor;
    try {
      spec = openSecrets(monitor, secrets);
    } catch (err) {
      if (!(err instanceof SecretError)) throw err;
      // The target's health is not known: say why instead of probing without credentials.
      return Promise.resolve({
        status: 'unknown' as const,
        latencyMs: null,
        errorCode: err.code,
        message: err.message,
      });
    }
    const deps = { signal, pageLoader: opts.pageLoader, memory: memories.for(monitor.id), now: () => clock.now() };
    const loaded = probeKinds.loaded();
    return loaded ? loaded.runProbe(spec, deps) : probeKinds().then((k) => k.runProbe(spec, deps));
  };
  const maintenance = owned.add(
    createMaintenance({
      windows: store.tables.windows,
      readOnly: store.readOnly,
      clock,
      bus,
      monitors: store.monitors,
    }),
    (m) => m.stop(),
  );
  // The demo platform stops after the scheduler (closed in reverse): no probe meets it half shut.
  const demo = store.readOnly
    ? undefined
    : owned.add(
        createDemoController(store, () => bus.emit('monitors', { reason: 'updated' })),
        (d) => d.close(),
      );
  // Results inside a window keep their status but carry in_maintenance; incidents name the window; alerts stay quiet.
  const maintenanceAt = (monitor: Monitor, ts: number) => {
    const windowId = maintenance.queries.activeWindows(monitor.id, monitor.group, ts)[0];
    return windowId === undefined ? undefined : { windowId };
  };
  // Remote vantage points read from Prometheus; each local outcome is confirmed across them.
  const vantages = owned.add(
    createVantages({
      store,
      clock,
      bus,
      settings,
      secrets,
      log,
      ...(opts.vantageStepFloorSec !== undefined ? { stepFloorSec: opts.vantageStepFloorSec } : {}),
    }),
    (v) => v.stop(),
  );
  const monitoring = owned.add(
    createMonitoring({ store, bus, clock, settings, power, probe, maintenanceAt, confirm: vantages.adjust }),
    (m) => m.stop(),
  );
  const scheduler = monitoring.scheduler;
  // A window's start and end show at once, not at each monitor's next scheduled probe.
  owned.defer(
    reprobeOnMaintenanceEdges({
      bus,
      monitors: () => store.monitors.list(),
      flagged: (m) => monitoring.pipeline.state(m, monitoring.pausedAll()).inMaintenance,
      covered: (m, ts) => maintenance.queries.isInMaintenance(m, ts),
      runNow: (id) => scheduler?.runNow(id),
      now: () => clock.now(),
    }),
  );
  const uptimeLedger = ledgerFor(store, maintenance.queries.maintenanceIntervals);
  const draftSources = createDraftSources({
    now: () => clock.now(),
    window: (id) => maintenance.index.windows().find((w) => w.id === id),
    windowOccurrences: (id, from, to, now) => maintenance.index.windowOccurrences(id, from, to, now),
    incident: (id) => monitoring.incidentStore.get(id, clock.now()),
    monitor: (id) => store.monitors.get(id),
    uptime24h: (id) => {
      // The same accounting as the dashboard row's 24 h figure.
      const now = clock.now();
      const m = store.monitors.get(id);
      const ratio = m ? uptimeLedger.account([m], now - 86_400_000, now, now).ratio : null;
      // As the dashboard shows it (truncated): a template's `round: 2` then cannot make 99.996 read 100.
      return truncatedPercent(ratio);
    },
  });
  const alerting = owned.add(
    createAlerting({
      tables: store.tables,
      readOnly: store.readOnly,
      clock,
      bus,
      secrets,
      monitor: (id) => store.monitors.get(id),
      incident: (id) => monitoring.incidentStore.get(id, clock.now()),
      online: () => monitoring.guard?.status().online ?? true,
      window: (id) => {
        const w = maintenance.index.windows().find((x) => x.id === id);
        return w && { title: w.title, monitorIds: w.monitorIds, groups: w.groups };
      },
      rates: {
        monitors: () => store.monitors.list(),
        counts: (id, from, to) => {
          const u = store.uptime(id, from, to);
          return { failed: u.down, total: u.up + u.degraded + u.down };
        },
        p95: (id, from, to) => store.latency(id, from, to).p95,
        quiet: (id) => {
          const m = store.monitors.get(id);
          const st = m && monitoring.pipeline.state(m, monitoring.pausedAll());
          return !st || st.inMaintenance || st.snoozedUntil !== null || st.state === 'paused';
        },
      },
      log,
    }),
    (a) => a.stop(),
  );
  const alerts = combineHandlers({
    alerts: createAlertHandlers({ alerting, secrets, bus, clock }),
    notices: createNoticeHandlers({
      alerting,
      secrets,
      clock,
      sends: store.tables.draftSends,
      draft: (id) => store.tables.drafts.getDraft(id),
    }),
  });
  const loadchecks = owned.add(
    createLoadChecks({ store, bus, clock, peakOccurrences: (from, to) => maintenance.index.peakOccurrences(from, to) }),
    (l) => l.stop(),
  );
  // "Regression after a deploy" leaves through the alert channels' outbox like any other alert.
  const deploys = owned.add(
    createDeploys({
      store,
      bus,
      clock,
      source: deployCompareSource(store, uptimeLedger, monitoring.incidentStore),
      onRegression: (d, c, ms) => alerting.route(regressionMessage(d, c, ms, clock.now())),
    }),
    (d) => d.stop(),
  );
  const app = createService({
    store,
    bus,
    clock,
    scheduler,
    monitoring,
    demo,
    settings,
    host,
    secrets,
    draftSources,
    maintenance,
    alerts,
    loadchecks: loadchecks.handlers,
    deploys: deploys.handlers,
    vantages: vantages.handlers,
    info: { version: opts.version, mode: opts.mode },
    ...(opts.shell ? { shell: opts.shell } : {}),
    ...(opts.printPdf ? { printPdf: opts.printPdf } : {}),
  });
  owned.add(
    startDataJobs({ store, clock, settings: () => settings.get(), log, nativeBinding: opts.nativeBinding }),
    (j) => j.stop(),
  );
  const dispatch = createDispatcher(
    app.service,
    (method, err) => log(`${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    { checkOutputs: opts.checkOutputs ?? false, ...(store.readOnly ? { reviewing: store.path } : {}) },
  );

  try {
    await demo?.resume();
    if (opts.demo && !store.readOnly && !demoLoaded(store)) {
      await dispatch('demo.load', {});
    }
  } catch (err) {
    log(`The demo platform could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  app.resync();
  maintenance.start();
  vantages.start();
  // A workspace file applied by the `lookout` CLI to this database: re-read it and tell the windows.
  if (!store.readOnly)
    owned.defer(
      watchWorkspaceApplies(
        store,
        createWorkspaceRefresh({ store, bus, settings, maintenance, resync: app.resync, scheduler }),
        1000,
        clock,
      ),
    );

  return { dispatch, bus: host.bus, store, close: () => owned.dispose() };
}
