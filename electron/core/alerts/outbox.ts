import { createHash } from 'node:crypto';
import type {
  AlertChannel,
  AlertRules,
  ChannelDraft,
  ChannelProblem,
  DeliveryAttempt,
  OutboxEntry,
} from '../../../shared/channels';
import type { Clock, TimerHandle } from '../clock';
import type { OutboxStore } from '../store/alert-outbox';
import type { SendContext } from './channels';
import { DeliveryError, type Delivered } from './channels/delivery-error';
import type { AlertMessage } from './message';

/**
 * Delivers what the outbox holds: due rows are claimed (status `sending`, tries + 1), handed to
 * their channel a few at a time, one at a time per monitor (so "recovered" never overtakes
 * "down"), and settled
 * with the attempt: delivered, pending again after a backoff, or failed after the last attempt or
 * an error retrying cannot fix. A restart finds `sending` rows and sends them again with the same
 * delivery id (Message-ID, webhook delivery header); a channel that sends to each recipient apart
 * (SMS) records each one as it is reached, so a retry goes only to those still owed. Nothing is
 * dropped: a failed row stays in the log, and a channel failing `bannerAfter` times in a row
 * raises one problem.
 */
export interface OutboxDeps {
  store: OutboxStore;
  clock: Clock;
  channel(id: number): AlertChannel | undefined;
  /** The channel with its secrets opened (throws SecretError). */
  open(channel: AlertChannel): ChannelDraft;
  delivery(): AlertRules['delivery'];
  send(channel: ChannelDraft, m: AlertMessage, ctx: SendContext): Promise<Delivered>;
  /** Deliveries wait while the console itself is offline. */
  online(): boolean;
  onSettled?(entry: OutboxEntry): void;
  onProblem?(p: ChannelProblem): void;
  /** Messages in flight at once over all channels (default 8) and per channel (default 4). */
  concurrency?: number;
  perChannel?: number;
}

export interface Outbox {
  /** Writes the message for one channel; undefined when its dedupe key was already queued. */
  enqueue(channel: AlertChannel, m: AlertMessage, dedupeKey: string, suppressed?: string): number | undefined;
  start(): void;
  /** Looks for due rows now (after going back online, after a manual retry). */
  kick(): void;
  /** Resolves once nothing is due or in flight (tests, bench, shutdown). */
  idle(): Promise<void>;
  problems(): ChannelProblem[];
  /** `beforeWait` runs after HTTP sends are aborted and before waiting for the rest (close SMTP pools there). */
  stop(beforeWait?: () => void): Promise<void>;
}

const MAX_BACKOFF_MS = 10 * 60_000;
const BATCH = 100;

export function deliveryId(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, clock } = deps;
  const concurrency = deps.concurrency ?? 8;
  const perChannel = deps.perChannel ?? 4;
  /** In flight per channel, and the (channel, monitor) pairs in flight. */
  const busy = new Map<number, number>();
  const subjects = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const streak = new Map<number, { failures: number; raised: boolean }>();
  const problems = new Map<number, ChannelProblem>();
  let timer: TimerHandle | undefined;
  let timerAt = Infinity;
  let running = false;
  let idleWaiters: (() => void)[] = [];
  /** Ends HTTP deliveries in flight when the session stops (their rows are sent again after a restart). */
  let aborter = new AbortController();

  function schedule(at: number): void {
    if (!running || at >= timerAt) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        pump();
      },
      Math.max(0, at - clock.now()),
    );
  }

  function settleIdle(): void {
    if (inFlight.size > 0) return;
    const next = store.nextDueAt();
    if (next !== null && next <= clock.now() && running && deps.online()) return;
    const w = idleWaiters;
    idleWaiters = [];
    for (const f of w) f();
  }

  function pump(): void {
    if (!running) return;
    if (!deps.online()) return settleIdle();
    const now = clock.now();
    for (const row of store.due(now, BATCH)) {
      if (inFlight.size >= concurrency) break;
      const subject = `${row.channelId}:${row.message.monitorId ?? `#${row.id}`}`;
      if ((busy.get(row.channelId) ?? 0) >= perChannel || subjects.has(subject)) continue;
      if (!store.claim(row.id)) continue;
      busy.set(row.channelId, (busy.get(row.channelId) ?? 0) + 1);
      subjects.add(subject);
      const p = deliver(row.id, row.channelId, row.dedupeKey, row.tries + 1, row.message).finally(() => {
        busy.set(row.channelId, (busy.get(row.channelId) ?? 1) - 1);
        subjects.delete(subject);
        inFlight.delete(p);
        pump();
      });
      inFlight.add(p);
    }
    const next = store.nextDueAt();
    if (next !== null && inFlight.size === 0) schedule(Math.max(next, now + (next <= now ? 10 : 0)));
    settleIdle();
  }

  function problem(channel: { id: number; name: string }, ok: boolean, answer: string): void {
    const s = streak.get(channel.id) ?? { failures: 0, raised: false };
    if (ok) {
      streak.delete(channel.id);
      if (s.raised) {
        problems.delete(channel.id);
        deps.onProblem?.({
          channelId: channel.id,
          channelName: channel.name,
          failing: false,
          failures: 0,
          error: null,
          at: clock.now(),
        });
      }
      return;
    }
    s.failures++;
    streak.set(channel.id, s);
    if (!s.raised && s.failures >= deps.delivery().bannerAfter) {
      s.raised = true;
      const p = {
        channelId: channel.id,
        channelName: channel.name,
        failing: true,
        failures: s.failures,
        error: `${channel.name} failed ${s.failures} times: ${answer}`,
        at: clock.now(),
      };
      problems.set(channel.id, p);
      deps.onProblem?.({ ...p });
    } else if (s.raised) {
      const p = problems.get(channel.id);
      if (p) problems.set(channel.id, { ...p, failures: s.failures });
    }
  }

  async function deliver(
    id: number,
    channelId: number,
    dedupeKey: string,
    tries: number,
    m: AlertMessage,
  ): Promise<void> {
    const cfg = deps.delivery();
    const started = clock.now();
    const t0 = performance.now();
    const channel = deps.channel(channelId);
    let attempt: DeliveryAttempt;
    let retryable = true;
    try {
      if (!channel)
        throw new DeliveryError(
          'channel_deleted',
          `Channel ${channelId} was deleted before this message was sent`,
          false,
        );
      if (!channel.enabled)
        throw new DeliveryError('channel_disabled', `${channel.name} is disabled; the message was not sent`, false);
      let opened: ChannelDraft;
      try {
        opened = deps.open(channel);
      } catch (err) {
        throw new DeliveryError(
          'secret_unavailable',
          `A secret of ${channel.name} could not be opened on this machine: ${(err as Error).message}; enter it again`,
          false,
        );
      }
      const done = await deps.send(opened, m, {
        timeoutMs: cfg.timeoutMs,
        deliveryId: deliveryId(dedupeKey),
        now: started,
        signal: aborter.signal,
        // Who has it already (an earlier attempt, before a restart): a retry is owed only to the rest.
        delivered: new Set(store.deliveredTo(id)),
        onRecipient: (r) => store.recipient(id, { ...r, at: clock.now() }),
      });
      attempt = { at: clock.now(), ok: true, ms: performance.now() - t0, answer: done.answer, code: null };
    } catch (err) {
      const e =
        err instanceof DeliveryError
          ? err
          : new DeliveryError('send_failed', err instanceof Error ? err.message : String(err));
      retryable = e.retryable;
      attempt = { at: clock.now(), ok: false, ms: performance.now() - t0, answer: e.message, code: e.code };
    }
    if (!running && !attempt.ok) {
      // Shutting down mid-send: the row stays `sending` and is sent again after the restart.
      return;
    }
    if (attempt.ok) store.settle(id, attempt, { status: 'delivered' });
    else if (!retryable || tries >= cfg.attempts)
      store.settle(id, attempt, {
        status: 'failed',
        reason:
          tries >= cfg.attempts && retryable ? `Gave up after ${tries} attempts: ${attempt.answer}` : attempt.answer,
      });
    else
      store.settle(id, attempt, {
        status: 'pending',
        nextAt: attempt.at + Math.min(MAX_BACKOFF_MS, cfg.backoffMs * 2 ** (tries - 1)),
      });
    if (channel) problem(channel, attempt.ok, attempt.answer);
    const entry = store.get(id);
    if (entry) deps.onSettled?.(entry);
  }

  return {
    enqueue(channel, m, dedupeKey, suppressed) {
      const now = clock.now();
      const id = store.enqueue({
        dedupeKey,
        channelId: channel.id,
        channelName: channel.name,
        channelKind: channel.kind,
        message: m,
        status: suppressed ? 'suppressed' : 'pending',
        reason: suppressed ?? null,
        nextAt: now,
        createdAt: now,
      });
      if (id !== undefined) {
        if (suppressed) {
          const entry = store.get(id);
          if (entry) deps.onSettled?.(entry);
        } else schedule(now);
      }
      return id;
    },
    start() {
      if (running) return;
      running = true;
      aborter = new AbortController();
      store.requeueSending(clock.now());
      pump();
    },
    kick: () => pump(),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    problems: () => [...problems.values()],
    async stop(beforeWait?: () => void) {
      running = false;
      aborter.abort();
      beforeWait?.();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
      await Promise.allSettled([...inFlight]);
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    },
  };
}
