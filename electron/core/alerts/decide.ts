import type { Alert, AlertKind } from '../../../shared/alerts';
import type { Settings } from '../../../shared/settings';
import type { MonitorStateName } from '../../../shared/state';

/** Per-monitor alert memory; persisted with the monitor's state so a restart does not re-alert. */
export interface AlertMemory {
  /** A bad-state alert went out for the current outage (so its recovery is announced). */
  alerted: boolean;
  lastAlertAt: number | null;
  snoozedUntil: number | null;
}

export interface AlertContext {
  monitorId: number;
  monitorName: string;
  now: number;
  state: MonitorStateName;
  /** The confirmed change this result caused, if any. */
  transition?: { from: MonitorStateName; to: MonitorStateName } | undefined;
  flapping: boolean;
  flapChanged: boolean;
  /** State changes inside the flapping window (for the summary). */
  flapCount: number;
  flapMinutes: number;
  incidentId: number | null;
  inMaintenance: boolean;
  settings: Settings['alerts'];
  /** The result's own message ("The certificate of … expires in 5 days"): the alert says the real reason. */
  reason?: string | null | undefined;
}

export type DraftAlert = Omit<Alert, 'id' | 'downCount'>;

/**
 * Decides what to tell the operator about one monitor after one result: at most one alert.
 * Quiet while disabled, in maintenance or snoozed; a flapping monitor gets one summary when it
 * starts flapping and one when it settles, nothing in between.
 */
export function decideAlert(mem: AlertMemory, ctx: AlertContext): DraftAlert | undefined {
  const s = ctx.settings;
  // The common case, once per probe: nothing changed and nothing is owed.
  if (!ctx.transition && !ctx.flapChanged && ctx.state !== 'down' && ctx.state !== 'degraded') return undefined;
  const snoozed = mem.snoozedUntil !== null && ctx.now < mem.snoozedUntil;
  const quiet = !s.enabled || ctx.inMaintenance || snoozed;
  const bad = ctx.state === 'down' || (ctx.state === 'degraded' && s.onDegraded);
  const make = (kind: AlertKind, title: string, body: string): DraftAlert => {
    mem.lastAlertAt = ctx.now;
    return {
      kind,
      monitorId: ctx.monitorId,
      monitorName: ctx.monitorName,
      incidentId: ctx.incidentId,
      at: ctx.now,
      title,
      body,
      sound: s.sound,
    };
  };
  const name = ctx.monitorName;

  if (ctx.flapChanged) {
    if (quiet) return undefined;
    if (ctx.flapping) {
      return make(
        'flapping',
        `${name} is flapping`,
        `${ctx.flapCount} state changes in the last ${ctx.flapMinutes} min; alerts are summarised until it settles. Now ${ctx.state}.`,
      );
    }
    mem.alerted = bad;
    return make('flapping_ended', `${name} settled: ${ctx.state}`, `No longer flapping; it is ${ctx.state}.`);
  }
  if (ctx.flapping || quiet) {
    // A bad state kept quiet stays unannounced, so it is announced once the quiet ends.
    if (ctx.transition) mem.alerted = false;
    return undefined;
  }

  const t = ctx.transition;
  if (t && t.to === 'up') {
    const was = mem.alerted;
    mem.alerted = false;
    return was && s.onRecovered ? make('recovered', `${name} recovered`, `Back up after being ${t.from}.`) : undefined;
  }
  if (t && t.to === 'down') {
    mem.alerted = true;
    return make('down', `${name} is down`, 'Confirmed down.');
  }
  if (t && t.to === 'degraded') {
    mem.alerted = s.onDegraded;
    if (!s.onDegraded) return undefined;
    const why = ctx.reason?.trim();
    if (why)
      return make(
        'degraded',
        `${name} is degraded`,
        `${t.from === 'down' ? 'Answering again, but degraded' : 'Degraded'}: ${why.replace(/\.$/, '')}.`,
      );
    return make(
      'degraded',
      `${name} is degraded`,
      t.from === 'down'
        ? 'Answering again, but degraded.'
        : 'Answering, but slower than its threshold or a soft check failed.',
    );
  }
  if (!bad) return undefined;
  // Still bad, no change: announce a state that was kept quiet, or re-notify while down.
  if (!mem.alerted) {
    mem.alerted = true;
    return make(ctx.state === 'down' ? 'down' : 'degraded', `${name} is ${ctx.state}`, `Still ${ctx.state}.`);
  }
  if (
    ctx.state === 'down' &&
    s.renotifyMinutes > 0 &&
    mem.lastAlertAt !== null &&
    ctx.now - mem.lastAlertAt >= s.renotifyMinutes * 60_000
  ) {
    return make(
      'still_down',
      `${name} is still down`,
      `Down since the incident began; re-notifying every ${s.renotifyMinutes} min.`,
    );
  }
  return undefined;
}
