import type { OutboxEntry } from '../../shared/channels';

/**
 * What the compact notification area shows, from the alert log's console entries (newest first):
 * one line per monitor — its newest alert, so "recovered" replaces "down" — the newest few open,
 * the rest collapsed into a count.
 */
export interface NotificationView {
  shown: OutboxEntry[];
  collapsed: OutboxEntry[];
}

export function notificationView(
  entries: readonly OutboxEntry[],
  dismissed: ReadonlySet<number>,
  keep = 3,
): NotificationView {
  const seen = new Set<string>();
  const lines: OutboxEntry[] = [];
  for (const e of [...entries].sort((a, b) => b.id - a.id)) {
    if (e.channelKind !== 'console') continue;
    const key = e.monitorId === null ? `x${e.id}` : `m${e.monitorId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!dismissed.has(e.id)) lines.push(e);
  }
  return { shown: lines.slice(0, keep), collapsed: lines.slice(keep) };
}

/** Down-ish alerts of an open incident can be acknowledged from the line itself. */
export function canAcknowledge(e: OutboxEntry): boolean {
  return (
    e.incidentId !== null &&
    e.incidentOpen &&
    e.acknowledgedBy === null &&
    (e.kind === 'down' || e.kind === 'still_down' || e.kind === 'escalation')
  );
}
