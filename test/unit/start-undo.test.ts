import { afterEach, describe, expect, it } from 'vitest';
import { createAlerting } from '../../electron/core/alerts/alerting';
import type { TimerHandle } from '../../electron/core/clock';
import { createDeploys } from '../../electron/core/deploys/service';
import { createEventBus, type EventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { createSettingsService, type SettingsService } from '../../electron/core/settings/settings';
import { openStore, type Store } from '../../electron/core/store';
import { createVantages } from '../../electron/core/vantage/service';
import { FakeClock, flushMicrotasks } from '../support/fake-clock';
import { tempDir } from './store-helpers';

/**
 * A start step that throws halfway (here: the clock refusing one timer, the last step of each start)
 * leaves nothing running of what the earlier steps had opened: no timer on the clock, no
 * subscription on the bus or the settings. Each module closes its own half-finished start, with
 * the real store behind it.
 */
const T0 = Date.UTC(2026, 11, 2, 1, 0, 0);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The fake clock, refusing the next timer of `ms` once armed (the way a start step fails). */
class RefusingClock extends FakeClock {
  refuse: number | undefined;
  override setTimeout(fn: () => void, ms: number): TimerHandle {
    if (ms === this.refuse) {
      this.refuse = undefined;
      throw new Error(`no timer of ${ms} ms today`);
    }
    return super.setTimeout(fn, ms);
  }
}

/** The bus, counting the subscriptions still held. */
function countingBus(): EventBus & { live(): number } {
  const bus = createEventBus();
  let live = 0;
  const track = (off: () => void) => {
    live++;
    let done = false;
    return () => {
      if (!done) live--;
      done = true;
      off();
    };
  };
  return {
    emit: (e, p) => bus.emit(e, p),
    on: (e, l) => track(bus.on(e, l)),
    onAny: (l) => track(bus.onAny(l)),
    live: () => live,
  };
}

function session(): { store: Store; clock: RefusingClock; bus: ReturnType<typeof countingBus>; key: string } {
  const dir = tempDir();
  const clock = new RefusingClock(T0);
  const store = openStore({ path: dir.file('s.db'), now: () => clock.now() });
  cleanups.push(dir.cleanup, () => store.close());
  return { store, clock, bus: countingBus(), key: dir.file('k.key') };
}

describe('a start that throws halfway closes what it had opened', () => {
  it('alerting: the rate watch’s timer and every bus subscription are released', async () => {
    const { store, clock, bus, key } = session();
    const start = () =>
      createAlerting({
        tables: store.tables,
        readOnly: false,
        clock,
        bus,
        secrets: createKeyFileBox(key),
        monitor: () => undefined,
        incident: () => undefined,
        online: () => true,
        rates: { monitors: () => [], counts: () => ({ failed: 0, total: 0 }), p95: () => null, quiet: () => false },
      });
    // The control: started whole, it holds timers and subscriptions until stopped.
    const whole = start();
    expect(clock.pending()).toBeGreaterThanOrEqual(2);
    expect(bus.live()).toBeGreaterThanOrEqual(6);
    await whole.stop();
    expect([clock.pending(), bus.live()]).toEqual([0, 0]);

    clock.refuse = 60_000; // the log's prune timer, after the subscriptions and the rate watch
    expect(start).toThrow('no timer of 60000 ms today');
    await flushMicrotasks();
    expect(clock.pending(), 'timers left on the clock').toBe(0);
    expect(bus.live(), 'subscriptions left on the bus').toBe(0);
    await clock.advance(3_600_000);
    expect(clock.pending()).toBe(0);
  });

  it('deploys: the detection timer is cleared when arming the verdict timer fails', async () => {
    const { store, clock, bus } = session();
    const unused = () => {
      throw new Error('nothing is compared in this test');
    };
    const start = () =>
      createDeploys({
        store,
        bus,
        clock,
        source: { latency: unused, counts: unused, account: unused, incidentsStarted: unused },
        onRegression: unused,
      });
    const whole = start();
    expect(clock.pending()).toBe(2);
    await whole.stop();
    expect(clock.pending()).toBe(0);

    clock.refuse = 15_000; // the verdict timer, armed after the detection timer
    expect(start).toThrow('no timer of 15000 ms today');
    await flushMicrotasks();
    expect(clock.pending(), 'timers left on the clock').toBe(0);
  });

  it('vantages: the ingestion loop stops and the settings and bus listeners are dropped', async () => {
    const { store, clock, bus, key } = session();
    const settings = createSettingsService(store.settings);
    let listening = 0;
    const counted: SettingsService = {
      ...settings,
      onChange(l) {
        listening++;
        const off = settings.onChange(l);
        return () => {
          listening--;
          off();
        };
      },
    };
    const create = () => createVantages({ store, clock, bus, settings: counted, secrets: createKeyFileBox(key) });
    const whole = create();
    whole.start();
    await flushMicrotasks();
    // The control: the ingestion loop's next read and the retention timer are set, and both listeners held.
    expect([clock.pending(), listening, bus.live()]).toEqual([2, 1, 1]);
    await whole.stop();
    expect([clock.pending(), listening, bus.live()]).toEqual([0, 0, 0]);

    const v = create();
    clock.refuse = 60_000; // the retention timer, the start's last step
    expect(() => v.start()).toThrow('no timer of 60000 ms today');
    await flushMicrotasks();
    expect(clock.pending(), 'timers left on the clock (the ingestion loop re-arms unless stopped)').toBe(0);
    expect(listening, 'settings listeners').toBe(0);
    expect(bus.live(), 'bus listeners').toBe(0);
  });
});
