import { createEventBus } from '../../electron/core/events';
import { createIncidentStore } from '../../electron/core/store/incidents';
import { createReportHandlers } from '../../electron/core/report/service';
import { tableDbOf } from '../../electron/core/store/connection';
import { consoleFixture } from './slo-fixture';
import { result } from './store-helpers';

/** The report tests' world, shared by test/unit/report.test.ts and test/e2e/report-pdf.e2e.test.ts. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
// 10 days into June 2025; history from 1 June 00:00 UTC.
export const NOW = Date.UTC(2025, 5, 11, 0, 0, 0);
export const JUNE = Date.UTC(2025, 5, 1);

/** Ten days of June 2025 for three monitors in two services, with incidents, maintenance and a gap. */
export function reportWorld() {
  const fx = consoleFixture(NOW);
  const live = fx.monitor({ name: 'Ingest', group: 'Live streaming', intervalSec: 60 });
  const player = fx.monitor({
    name: 'Player page',
    group: 'Live streaming',
    kind: 'page',
    config: { url: 'https://example.com/watch' },
  });
  const api = fx.monitor({ name: 'Submit API', group: 'Task submissions', sloTarget: 0.999 });
  for (let t = JUNE; t < NOW; t += MIN) {
    for (const m of [live, player, api])
      fx.store.results.enqueue(
        result(m.id, t, {
          status: 'up',
          latencyMs:
            m.id === player.id
              ? (t / MIN) % 10 === 9
                ? 3500
                : 1500 + ((t / MIN) % 10) * 60
              : t < JUNE + 5 * DAY
                ? 100
                : 70,
        }),
      );
  }
  const i1 = fx.incident(live.id, JUNE + 2 * DAY + 3 * HOUR, JUNE + 2 * DAY + 3 * HOUR + 110_000);
  createIncidentStore(tableDbOf(fx.store)).acknowledge(i1, 'on-call', JUNE + 2 * DAY + 3 * HOUR + 60_000);
  fx.incident(player.id, JUNE + 2 * DAY + 3 * HOUR + 30_000, JUNE + 2 * DAY + 3 * HOUR + 200_000);
  fx.incident(api.id, NOW - 2 * HOUR, null);
  fx.degraded(live.id, JUNE + 4 * DAY, JUNE + 4 * DAY + 20 * MIN, 3512);
  fx.maintenance.set(api.id, [{ start: JUNE + 6 * DAY, end: JUNE + 6 * DAY + 130 * MIN }]);
  fx.gap(JUNE + 7 * DAY, JUNE + 7 * DAY + 40 * MIN, 'asleep');
  const svc = createReportHandlers({
    store: fx.store,
    settings: fx.settings,
    clock: fx.clock,
    bus: createEventBus(),
    maintenanceIntervals: fx.maintenanceIntervals,
  });
  return { fx, live, player, api, svc };
}
