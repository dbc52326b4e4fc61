import type { Handlers } from '../handlers';
import type { Store } from '../store';
import { existingMonitor } from './handlers';

/** A monitor's stored results: the newest per monitor, its recent list, and the chart series. */
export function createResultHandlers(store: Store): Handlers<'results.latest' | 'results.recent' | 'series.get'> {
  return {
    'results.latest': ({ monitorIds }) => store.results.latest(monitorIds),
    'results.recent': ({ monitorId, limit }) => {
      existingMonitor(store, monitorId);
      return store.results.recent(monitorId, limit);
    },
    'series.get': ({ monitorId, from, to, maxPoints, percentiles }) => {
      existingMonitor(store, monitorId);
      return store.series(monitorId, from, to, maxPoints, { percentiles });
    },
  };
}
