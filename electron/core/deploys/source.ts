import type { IncidentStore } from '../store/incidents';
import type { Store } from '../store';
import type { Ledger } from '../slo/ledger';
import type { CompareSource } from './compare';

/** The comparison's figures from the same places as every other view: rollups and the SLO ledger. */
export function deployCompareSource(
  store: Store,
  ledger: Pick<Ledger, 'account'>,
  incidents: IncidentStore,
): CompareSource {
  return {
    latency: (id, from, to) => store.latency(id, from, to),
    counts: (id, from, to) => {
      const u = store.uptime(id, from, to);
      return { failed: u.down, total: u.up + u.degraded + u.down };
    },
    account: (monitors, from, to, now) => ledger.account(monitors, from, to, now),
    incidentsStarted(ids, from, to, now) {
      let n = 0;
      for (const monitorId of ids) {
        n += incidents
          .list({ limit: 1000, offset: 0, monitorId, from, to }, now)
          .items.filter((i) => i.startedAt >= from && i.startedAt < to).length;
      }
      return n;
    },
  };
}
