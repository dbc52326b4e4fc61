import type { Clock } from '../../electron/core/clock';
import { createSettingsService } from '../../electron/core/settings/settings';
import { createConsoleService } from '../../electron/core/slo/service';
import { openStore, type Store } from '../../electron/core/store';
import { MonitorDraft, type MonitorDraftInput } from '../../shared/monitor';
import { tempDir } from './store-helpers';

/** A real store in a temp dir, the console service over it, and a clock the test moves by hand. */
export function consoleFixture(now: number) {
  const tmp = tempDir();
  let t = now;
  // The writer shares the clock: hours before the current one are sealed as a live store's would be.
  const store: Store = openStore({ path: tmp.file('console.db'), now: () => t, flushIntervalMs: 60_000 });
  const clock: Clock = { now: () => t, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const settings = createSettingsService(store.settings);
  const service = createConsoleService({ store, settings, clock });
  return {
    store,
    settings,
    service,
    setNow: (v: number) => (t = v),
    monitor(over: Partial<MonitorDraftInput> = {}) {
      return store.monitors.create(MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' }, ...over }));
    },
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}
