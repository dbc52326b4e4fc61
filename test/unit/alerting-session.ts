import type { ChannelProblem, OutboxEntry } from '../../shared/channels';
import { createAlerting, type Alerting } from '../../electron/core/alerts/alerting';
import type { AlertMessage } from '../../electron/core/alerts/message';
import { createEventBus, type EventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { openStore, type Store } from '../../electron/core/store';
import { FakeClock } from '../support/fake-clock';

/** The real alerting (outbox, channels, sends) over a real store, for the alert delivery tests. */
export interface AlertingSession {
  store: Store;
  /** The outbox's pump and retry timers run on it; the sends themselves are real I/O to loopback servers. */
  clock: FakeClock;
  bus: EventBus;
  alerting: Alerting;
  /** Every `delivery` and `channelProblem` event, in order. */
  deliveries: OutboxEntry[];
  problems: ChannelProblem[];
  close(): Promise<void>;
}

/** A session on `dbPath` (secrets sealed with the key file at `keyPath`); its close goes on `cleanups`. */
export function alertingSession(dbPath: string, keyPath: string, cleanups: (() => unknown)[]): AlertingSession {
  const clock = new FakeClock(Date.now());
  const store = openStore({ path: dbPath, now: () => clock.now(), timers: clock });
  const bus = createEventBus();
  const deliveries: OutboxEntry[] = [];
  const problems: ChannelProblem[] = [];
  bus.on('delivery', (e) => deliveries.push(e));
  bus.on('channelProblem', (p) => problems.push(p));
  const alerting = createAlerting({
    tables: store.tables,
    readOnly: false,
    clock,
    bus,
    secrets: createKeyFileBox(keyPath),
    monitor: () => ({ name: 'API', group: 'Task submissions' }),
    incident: () => undefined,
    online: () => true,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await alerting.stop();
    store.close();
  };
  cleanups.push(close);
  return { store, clock, bus, alerting, deliveries, problems, close };
}

/** A confirmed-down alert for monitor 1 ("API", incident 7), as the pipeline would route it. */
export function down(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    kind: 'down',
    monitorId: 1,
    monitorName: 'API',
    group: 'Task submissions',
    incidentId: 7,
    state: 'down',
    title: 'API is down',
    body: 'Confirmed down.',
    firstError: 'HTTP 500',
    at: Date.now(),
    ...over,
  };
}
