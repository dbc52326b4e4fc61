import type { Alert } from '../../../shared/alerts';
import type { AlertChannel, AlertRules } from '../../../shared/channels';
import type { Incident } from '../../../shared/incidents';
import type { Clock, TimerHandle } from '../clock';
import type { EventBus } from '../events';
import { createDisposables, startOrUndo } from '../lifecycle';
import type { SecretBox } from '../secrets/box';
import type { ChannelStore } from '../store/alert-channels';
import type { OutboxStore } from '../store/alert-outbox';
import type { StoreTables } from '../store/tables';
import { sendTo } from './channels';
import { closeEmailPools } from './channels/email';
import { openChannel } from './channels/secrets';
import type { AlertMessage, MessageItem } from './message';
import { createOutbox, type Outbox, type OutboxDeps } from './outbox';
import { channelsFor, dedupeKey, inScope, quietReason } from './route';
import { createRateWatch, type RatesDeps } from './rates';
import { createStormControl } from './storm';

/**
 * Alerts that leave the machine: the monitor pipeline's decided alerts (the `alert` event) become
 * messages, routed by the rules to channels, held by storm control, quiet hours and the console's
 * own connectivity, written to the outbox and delivered from there; unacknowledged incidents
 * escalate tier by tier. One per database session.
 */
export interface AlertingDeps {
  /** The store's channel, outbox and escalation tables (store.tables). */
  tables: Pick<StoreTables, 'channels' | 'outbox' | 'escalations'>;
  readOnly: boolean;
  clock: Clock;
  bus: EventBus;
  secrets: SecretBox;
  monitor(id: number): { name: string; group: string } | undefined;
  incident(id: number): Incident | undefined;
  /** The console's own reachability (connectivity guard); deliveries wait while offline. */
  online(): boolean;
  /** A window's title and what it covers, for maintenance started / ended. */
  window?(id: number): { title: string; monitorIds: number[]; groups: string[] } | undefined;
  /** What rate rules read (rollups, monitor state); absent: rate rules are not evaluated. */
  rates?: Pick<RatesDeps, 'monitors' | 'counts' | 'p95' | 'quiet'>;
  /** Tests replace the network with their own servers' addresses, never with a fake sender. */
  send?: OutboxDeps['send'];
  /** Storm grouping delay (default 15 s). */
  stormCollectMs?: number;
  /** How often escalations are looked at, at most (default 5 s). */
  escalationTickMs?: number;
  log?(line: string): void;
}

export interface Alerting {
  channels: ChannelStore;
  outboxStore: OutboxStore;
  outbox: Outbox;
  rules(): AlertRules;
  /** Routes one message now (bypassing storm control): tests, notices. */
  route(m: AlertMessage): number;
  /** Enqueues one message for one channel. */
  enqueue(channel: AlertChannel, m: AlertMessage, key?: string): number | undefined;
  /** Sends what storm control holds and runs due escalations now. */
  flush(): void;
  stop(): Promise<void>;
}

const LOG_KEEP_MS = 365 * 86_400_000;

/** The log's pseudo-channel for alerts shown by the console itself. */
export const CONSOLE_CHANNEL = 0;

const STATE_KINDS = new Set(['down', 'degraded', 'recovered', 'still_down', 'flapping', 'flapping_ended']);

export function createAlerting(deps: AlertingDeps): Alerting {
  const { clock, bus } = deps;
  const { channels, outbox: outboxStore, escalations } = deps.tables;
  let rulesCache: AlertRules | undefined;
  let channelCache: AlertChannel[] | undefined;
  const rules = () => (rulesCache ??= channels.rules());
  const channelList = () => (channelCache ??= channels.list());
  const channel = (id: number) => channelList().find((c) => c.id === id);
  let rateTick: () => void = () => undefined;

  const outbox = createOutbox({
    store: outboxStore,
    clock,
    channel,
    open: (c) => openChannel(c, deps.secrets),
    delivery: () => rules().delivery,
    send: deps.send ?? sendTo,
    online: () => deps.online(),
    onSettled: (e) => bus.emit('delivery', e),
    onProblem: (p) => {
      deps.log?.(p.failing ? `Alert channel problem: ${p.error}` : `Alert channel ${p.channelName} delivers again`);
      bus.emit('channelProblem', p);
    },
  });

  function enqueue(c: AlertChannel, m: AlertMessage, key = dedupeKey(m, c.id)): number | undefined {
    if (deps.readOnly) return undefined;
    return outbox.enqueue(c, m, key, quietReason(c, m));
  }

  function route(m: AlertMessage): number {
    let n = 0;
    for (const id of channelsFor(rules(), channelList(), m)) {
      const c = channel(id);
      if (c && enqueue(c, m) !== undefined) n++;
    }
    return n;
  }

  // — storm control —
  const storm = createStormControl({
    clock,
    threshold: () => rules().storm.downs,
    ...(deps.stormCollectMs !== undefined ? { collectMs: deps.stormCollectMs } : {}),
    flush(held) {
      const per = new Map<number, AlertMessage[]>();
      for (const m of held)
        for (const id of channelsFor(rules(), channelList(), m)) (per.get(id) ?? per.set(id, []).get(id))?.push(m);
      const at = clock.now();
      for (const [id, ms] of per) {
        const c = channel(id);
        if (!c) continue;
        const items: MessageItem[] = ms.map((m) => ({
          monitorId: m.monitorId ?? 0,
          monitorName: m.monitorName ?? '',
          group: m.group,
          kind: m.kind,
          at: m.at,
          error: m.firstError,
          incidentId: m.incidentId,
        }));
        const count = (k: string) => ms.filter((m) => m.kind === k).length;
        const parts = [
          ['down', 'down'],
          ['still_down', 'still down'],
          ['degraded', 'degraded'],
          ['recovered', 'recovered'],
          ['flapping', 'flapping'],
          ['flapping_ended', 'settled'],
        ]
          .map(([k, label]) => [count(k as string), label] as const)
          .filter(([n]) => n > 0)
          .map(([n, label]) => `${n} ${label}`);
        const groups = [...new Set(ms.map((m) => m.group).filter((g): g is string => g !== null))];
        const storm: AlertMessage = {
          kind: 'storm',
          monitorId: null,
          monitorName: null,
          group: groups.length === 1 ? (groups[0] ?? null) : null,
          incidentId: null,
          state: null,
          title: `Alert storm: ${parts.join(', ')} (${ms.length} monitors)`,
          body: `More than ${rules().storm.downs} monitors changed within a minute; one message instead of ${ms.length}.`,
          firstError: ms.find((m) => m.firstError)?.firstError ?? null,
          at,
          items,
        };
        enqueue(c, storm, `storm@${items[0]?.at ?? at}:${at}:c${id}`);
      }
    },
  });

  // — escalation —
  let escTimer: TimerHandle | undefined;
  const tickMs = deps.escalationTickMs ?? 5000;
  function scheduleEscalations(): void {
    if (escTimer !== undefined) clock.clearTimeout(escTimer);
    escTimer = undefined;
    const next = escalations.nextDueAt();
    if (next === null) return;
    escTimer = clock.setTimeout(runEscalations, Math.max(tickMs, next - clock.now()));
  }
  function runEscalations(): void {
    escTimer = undefined;
    const now = clock.now();
    for (const e of escalations.due(now)) {
      escalations.remove(e.incidentId, e.route, e.tier);
      const inc = deps.incident(e.incidentId);
      if (!inc || inc.acknowledgedAt !== null || inc.endedAt !== null) continue;
      const r = rules().routes[e.route];
      const tier = r?.escalation[e.tier - 1];
      if (!r || !tier) continue;
      const m: AlertMessage = {
        ...e.message,
        kind: 'escalation',
        tier: e.tier,
        at: now,
        title: `Not acknowledged: ${e.message.monitorName ?? 'a monitor'} is down (escalation ${e.tier})`,
        body: `Down since ${new Date(inc.startedAt).toISOString()} and not acknowledged for ${Math.round((now - inc.startedAt) / 60_000)} min.`,
      };
      for (const id of tier.channelIds) {
        const c = channel(id);
        if (c?.enabled) enqueue(c, m);
      }
      const next = r.escalation[e.tier];
      if (next) escalations.add({ ...e, tier: e.tier + 1, dueAt: now + next.afterMinutes * 60_000 });
    }
    scheduleEscalations();
  }
  function escalate(m: AlertMessage): void {
    if (m.kind !== 'down' || m.incidentId === null || deps.readOnly) return;
    rules().routes.forEach((r, index) => {
      const first = r.escalation[0];
      if (!first || !r.kinds.includes('down') || !inScope(r.scope, m.monitorId, m.group)) return;
      escalations.add({
        incidentId: m.incidentId as number,
        route: index,
        tier: 1,
        dueAt: m.at + first.afterMinutes * 60_000,
        message: m,
      });
    });
    scheduleEscalations();
  }

  // — what the pipeline decided —
  /** The newest failing result per monitor: tells a certificate about to expire from other trouble. */
  const lastFailure = new Map<number, { code: string; message: string | null }>();
  function fromAlert(a: Alert): AlertMessage {
    const mon = deps.monitor(a.monitorId);
    const inc = a.incidentId === null ? undefined : deps.incident(a.incidentId);
    const failure = lastFailure.get(a.monitorId);
    if ((a.kind === 'degraded' || a.kind === 'down') && failure?.code === 'tls_expiring') {
      return {
        kind: 'cert_expiring',
        monitorId: a.monitorId,
        monitorName: a.monitorName,
        group: mon?.group ?? null,
        incidentId: a.incidentId,
        state: a.kind,
        title: `${a.monitorName}: certificate expiring`,
        body: failure.message ?? a.body,
        firstError: failure.message,
        at: a.at,
      };
    }
    return {
      kind: a.kind,
      monitorId: a.monitorId,
      monitorName: a.monitorName,
      group: mon?.group ?? null,
      incidentId: a.incidentId,
      state:
        a.kind === 'recovered'
          ? 'up'
          : a.kind === 'still_down'
            ? 'down'
            : STATE_KINDS.has(a.kind)
              ? a.kind.replace('flapping_ended', 'settled')
              : null,
      title: a.title,
      body: a.body,
      firstError: inc?.firstError ?? null,
      at: a.at,
    };
  }

  // What this session started, closed in reverse order by stop() or by a start that throws halfway.
  const owned = createDisposables();
  // Closed last, once nothing can enqueue any more (an alert arriving mid-close would re-arm its timer).
  owned.defer(() => outbox.stop(closeEmailPools));
  owned.defer(() => {
    storm.stop();
    if (escTimer !== undefined) clock.clearTimeout(escTimer);
  });
  startOrUndo(
    owned,
    () => (deps.readOnly ? undefined : start()),
    (err) => deps.log?.(`Closing alerting after a failed start: ${err instanceof Error ? err.message : String(err)}`),
  );

  function start(): void {
    owned.defer(
      bus.on('result', (r) => {
        if (r.errorCode !== undefined) lastFailure.set(r.monitorId, { code: r.errorCode, message: r.message ?? null });
        else if (r.status === 'up') lastFailure.delete(r.monitorId);
      }),
    );
    owned.defer(
      bus.on('alert', (a) => {
        const m = fromAlert(a);
        // What this console showed is the first line of the log (and what the notification area reads).
        const local = outboxStore.enqueue({
          dedupeKey: `local:${a.id}`,
          channelId: CONSOLE_CHANNEL,
          channelName: 'This console',
          channelKind: 'console',
          message: m,
          status: 'delivered',
          reason: null,
          nextAt: a.at,
          createdAt: a.at,
        });
        const entry = local === undefined ? undefined : outboxStore.get(local);
        if (entry) bus.emit('delivery', entry);
        if (!storm.offer(m)) route(m);
        escalate(m);
      }),
    );
    owned.defer(
      bus.on('incident', ({ incident }) => {
        if (incident.acknowledgedAt !== null || incident.endedAt !== null) escalations.removeIncident(incident.id);
      }),
    );
    // Nothing is sent while the console is offline; back online, one summary per channel.
    let offlineSince: number | null = deps.online() ? null : clock.now();
    owned.defer(
      bus.on('connectivity', (s) => {
        if (!s.online) {
          offlineSince ??= s.since ?? clock.now();
          return;
        }
        if (offlineSince !== null) {
          const from = offlineSince;
          offlineSince = null;
          const back = s.since ?? clock.now();
          const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
          const m: AlertMessage = {
            kind: 'offline',
            monitorId: null,
            monitorName: null,
            group: null,
            incidentId: null,
            state: null,
            title: `Lookout lost its own network at ${hhmm(from)} UTC, back at ${hhmm(back)} UTC`,
            body: 'While the console was offline nothing was probed or alerted; monitors are being checked again now.',
            firstError: null,
            at: back,
          };
          for (const c of channelList()) if (c.enabled) enqueue(c, m, `offline@${from}:c${c.id}`);
        }
        outbox.kick();
      }),
    );
    owned.defer(
      bus.on('maintenance', (e) => {
        if (
          e.reason !== 'occurrence' ||
          e.windowId === undefined ||
          (e.state !== 'in_progress' && e.state !== 'completed')
        )
          return;
        const w = deps.window?.(e.windowId);
        if (!w) return;
        const kind = e.state === 'in_progress' ? 'maintenance_started' : 'maintenance_ended';
        const m: AlertMessage = {
          kind,
          monitorId: null,
          monitorName: null,
          group: w.groups[0] ?? null,
          incidentId: null,
          state: null,
          title: `Maintenance ${e.state === 'in_progress' ? 'started' : 'ended'}: ${w.title}`,
          body: `${w.monitorIds.length} monitor(s)${w.groups.length ? ` and ${w.groups.join(', ')}` : ''}; alerts for them are ${e.state === 'in_progress' ? 'quiet until it ends' : 'on again'}.`,
          firstError: null,
          at: clock.now(),
        };
        const ids = new Set<number>();
        const r = rules();
        for (const c of channelList()) {
          if (!c.enabled) continue;
          const wanted = r.routes.some(
            (rt) =>
              rt.kinds.includes(kind) &&
              rt.channelIds.includes(c.id) &&
              (w.monitorIds.some((id) => inScope(rt.scope, id, null)) ||
                w.groups.some((g) => inScope(rt.scope, null, g))),
          );
          if (wanted) ids.add(c.id);
        }
        for (const id of ids) {
          const c = channel(id);
          if (c) enqueue(c, m, `w${e.windowId}@${e.start ?? 0}:${kind}:c${id}`);
        }
      }),
    );
    // Channels or rules changed (any window): read them again.
    owned.defer(
      bus.on('channels', () => {
        channelCache = undefined;
        rulesCache = undefined;
      }),
    );
    if (deps.rates) {
      const watch = createRateWatch({
        ...deps.rates,
        clock,
        rules: () => rules().rates,
        emit: (m) => {
          if (!storm.offer(m)) route(m);
        },
      });
      owned.defer(watch.stop);
      rateTick = watch.tick;
    }
    // The log keeps a year; what is still pending or sending is never pruned.
    const prune = () => {
      outboxStore.prune(clock.now() - LOG_KEEP_MS);
      pruneTimer = clock.setTimeout(prune, 6 * 3_600_000);
    };
    let pruneTimer = clock.setTimeout(prune, 60_000);
    owned.defer(() => clock.clearTimeout(pruneTimer));
    // Last: what the outbox and the escalations read first can fail, and then all of the above closes.
    outbox.start();
    scheduleEscalations();
  }

  return {
    channels,
    outboxStore,
    outbox,
    rules,
    route,
    enqueue,
    flush() {
      rateTick();
      storm.flushNow();
      runEscalations();
    },
    stop: () => owned.dispose(),
  };
}
