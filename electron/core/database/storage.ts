import type { StorageProblem } from '../../../shared/data';
import type { WriteHealth } from '../store';

/** A write-failure streak as the renderer sees it (event `storage` and `data.status`). */
export function storageProblem(dbPath: string, h: WriteHealth): StorageProblem {
  return {
    state: h.failing ? 'failing' : 'recovered',
    what: `writing probe results to ${dbPath}`,
    message: h.error,
    held: h.held,
    dropped: h.dropped,
    since: h.since,
    recoveredAt: h.recoveredAt,
  };
}
