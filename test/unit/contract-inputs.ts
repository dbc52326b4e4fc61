import type { MethodName } from '../../shared/api';
import type { Envelope } from '../../electron/core/dispatch';
import type { ShellHooks } from '../../electron/core/shell';

/** How a test reaches the core (a transport, or the dispatcher itself). */
export type Call = (method: string, input: unknown) => Promise<Envelope>;

/**
 * A valid input for every contract method, in an order where each succeeds on a fresh core (the
 * transports test runs them all; the review test calls each in a read-only session). The transports
 * test fails if a method is added without one.
 */
export function validInputs(monitorId: number): Record<MethodName, unknown> {
  return {
    'app.info': {},
    'shell.info': {},
    'shell.setStartAtLogin': { enabled: true },
    'shell.rotateToken': {},
    'demo.decline': {},
    'monitors.list': {},
    'monitors.create': { name: 'Health', kind: 'http', config: { url: 'http://127.0.0.1:9/health' } },
    'monitors.update': {
      id: monitorId,
      monitor: { name: 'Health 2', kind: 'http', config: { url: 'http://127.0.0.1:9/h' } },
    },
    'results.latest': {},
    'results.recent': { monitorId, limit: 5 },
    'series.get': { monitorId, from: 0, to: Date.now(), maxPoints: 100 },
    'settings.get': {},
    'settings.update': { backup: { keep: 3 } },
    'dashboard.get': {},
    'slo.get': { monitorId, period: 'quarter' },
    'uptime.get': { monitorId, from: 0, to: Date.now() },
    'degraded.list': { from: 0, to: Date.now() },
    // Within a minute of the seed monitor's first result: a custom range may not reach before stored history.
    'report.get': { period: 'custom', from: Date.now() - 30_000, to: Date.now() },
    'report.export': { query: { period: 'custom', from: Date.now() - 30_000, to: Date.now() }, format: 'csv' },
    'history.export': { format: 'json', from: 0, to: Date.now() },
    // incidents: incident 1 is seeded by seedIncident()
    'state.list': {},
    'incidents.list': { limit: 10 },
    'incidents.get': { id: 1 },
    'incidents.acknowledge': { id: 1, by: 'on-call' },
    'incidents.addNote': { id: 1, text: 'Looking into it' },
    'monitors.pause': { id: monitorId },
    'monitors.resume': { id: monitorId },
    'monitors.pauseAll': {},
    'monitors.resumeAll': {},
    'alerts.snooze': { monitorId, minutes: 30 },
    'channels.create': {
      kind: 'webhook',
      name: 'Hook',
      config: { url: 'http://127.0.0.1:9/hook', signingSecret: 's' },
    },
    'channels.update': {
      id: 1,
      channel: { kind: 'webhook', name: 'Hook 2', config: { url: '••••••••', signingSecret: '••••••••' } },
    },
    'channels.list': {},
    'channels.test': { id: 1 },
    'alerts.rules': {},
    'alerts.setRules': { routes: [{ name: 'All', kinds: ['down'], channelIds: [1] }] },
    'alerts.log': { failedOnly: true },
    'alerts.retry': { id: 1 },
    'alerts.problems': {},
    'connectivity.status': {},
    'gaps.list': { from: 0, to: Date.now() },
    // — maintenance — window 1 is running now (UTC, daily), so extend / end early / cancel tomorrow's all apply.
    ...maintenanceInputs(monitorId),
    // Paths are relative to the database's folder; review and restore switch the core's database.
    'data.status': {},
    'data.backup': { path: 'transport-backup.db' },
    'data.backups.list': {},
    'data.review': { path: 'transport-backup.db' },
    'data.reviewEnd': {},
    'data.restore': { path: 'transport-backup.db' },
    'data.startFresh': {},
    'templates.list': {},
    'templates.get': { step: 'announce' },
    'templates.save': {
      step: 'announce',
      parts: { subject: 'Maintenance {{ window.title }}', body: 'b', sms: 's', banner: 'b', chat: 'c' },
    },
    'templates.reset': { step: 'announce' },
    'drafts.preview': { step: 'announce', channel: 'sms' },
    'drafts.variables': {},
    // Facts supplied by the caller: the transport core has no windows wired in.
    'drafts.create': {
      step: 'investigating',
      source: { kind: 'incident', incidentId: 1 },
      context: {
        kind: 'incident',
        incident: {
          monitor: 'API',
          services: ['Web'],
          start: 0,
          durationMs: 60_000,
          firstError: 'e',
          lastError: 'e',
          uptime: null,
          state: 'down',
        },
      },
    },
    'drafts.list': { source: { kind: 'incident', incidentId: 1 } },
    'drafts.get': { id: 1 },
    'drafts.update': { id: 1, content: { sms: 'Edited by hand' } },
    'drafts.rerender': { id: 1 },
    'drafts.export': { id: 1, format: 'eml' },
    'drafts.sendPreview': { id: 1, channelId: 1 },
    // The confirmation comes from the preview (a thunk: see the loop).
    'drafts.send': async (call: Call) => ({
      id: 1,
      channelId: 1,
      confirm: ((await call('drafts.sendPreview', { id: 1, channelId: 1 })) as { result: { confirm: string } }).result
        .confirm,
    }),
    'drafts.sends': { id: 1 },
    'channels.delete': { id: 1 },
    'drafts.delete': { id: 1 },
    // Last: they change what the others see.
    'demo.load': {},
    'demo.faults': {},
    'demo.fault': { clear: true },
    'monitors.delete': { id: monitorId },
  };
}

/**
 * The shell's hooks as the two shells pass them, without the shells: an in-memory OS login item
 * (Electron's app.setLoginItemSettings) and a token rotation that answers the new URL (serve's
 * rotation itself, which closes sockets holding the old token, is tested with the server).
 */
export function shellHooks(): ShellHooks {
  let atLogin = false;
  return {
    startAtLogin: { get: () => atLogin, set: (enabled) => void (atLogin = enabled) },
    rotateToken: () => ({ url: 'http://127.0.0.1:1/?token=rotated' }),
  };
}

/** Valid maintenance inputs, in an order where each succeeds (see validInputs). */
function maintenanceInputs(monitorId: number) {
  const started = Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000;
  const window = {
    title: 'Patch',
    start: new Date(started).toISOString().slice(0, 16),
    zone: 'UTC',
    durationMin: 120,
    monitorIds: [monitorId],
    recurrence: { pattern: { freq: 'daily' } },
  };
  const peak = {
    title: 'Finale',
    kind: 'live_stream',
    start: '2030-01-06T20:00',
    zone: 'Europe/London',
    durationMin: 90,
  };
  const ics =
    'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Imported\r\nDTSTART;TZID=Europe/London:20300106T020000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  return {
    'windows.create': { window, acknowledgeConflicts: true },
    'windows.list': {},
    'windows.get': { id: 1 },
    'windows.update': { id: 1, window: { ...window, title: 'Patch 2' }, acknowledgeConflicts: true },
    'windows.conflicts': { window, id: 1 },
    'windows.preview': { start: '2030-01-06T02:00', zone: 'Europe/London', durationMin: 60 },
    'occurrences.list': { from: started - 86_400_000, to: started + 86_400_000 },
    'windows.cancelOccurrence': { id: 1, start: started + 86_400_000 },
    'windows.extend': { id: 1, start: started, minutes: 15 },
    'windows.endEarly': { id: 1, start: started },
    'maintenance.intervals': { monitorId, from: started - 86_400_000, to: started + 86_400_000 },
    'maintenance.next': {},
    'workspace.plan': { text: 'version: 1\n' },
    'workspace.apply': { text: 'version: 1\n' },
    'workspace.export': {},
    'vantage.status': {},
    'vantage.series': { monitorId, from: 0, to: Date.now() },
    'vantage.setSecret': { secret: '' },
    'maintenance.exportIcs': { windowId: 1 },
    'maintenance.importIcs': { text: ics, groups: ['Web'] },
    'windows.delete': { id: 1 },
    'peaks.create': { peak },
    'peaks.list': {},
    'peaks.update': { id: 1, peak: { ...peak, title: 'Finale 2' } },
    'peaks.delete': { id: 1 },
    'loadchecks.limits': {},
    'loadchecks.setLimits': { maxRate: 100 },
    'loadchecks.save': { check: { name: 'Probe host', url: 'http://127.0.0.1:9/health', rate: 1, durationSec: 1 } },
    'loadchecks.list': {},
    'loadchecks.plan': { checkId: 1 },
    'loadchecks.start': { checkId: 1, confirm: 1 },
    'loadchecks.stop': { runId: 1 },
    'loadchecks.runs': {},
    'loadchecks.spans': { monitorId, from: 0, to: Date.now() + 60_000 },
    'loadchecks.reminders': {},
    'loadchecks.delete': { id: 1 },
    'deploys.record': { group: 'Web', version: '1.4.2', note: 'transport test' },
    'deploys.list': {},
    'deploys.compare': { id: 1, windowMin: 10 },
    'deploys.delete': { id: 1 },
    'deploys.detectors': {},
    'deploys.setDetector': { monitorId, off: true },
  };
}
