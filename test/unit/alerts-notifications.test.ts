import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../shared/channels';
import { canAcknowledge, notificationView } from '../../renderer/lib/notifications';

let seq = 0;
function entry(monitorId: number | null, kind: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  seq++;
  return {
    id: seq,
    channelId: 0,
    channelName: 'This console',
    channelKind: 'console',
    kind,
    monitorId,
    monitorName: `M${monitorId}`,
    incidentId: kind === 'down' ? seq : null,
    acknowledgedBy: null,
    incidentOpen: kind === 'down',
    title: `M${monitorId} ${kind}`,
    body: '',
    status: 'delivered',
    reason: null,
    createdAt: seq,
    deliveredAt: seq,
    attempts: [],
    ...over,
  };
}

describe('the notification area', () => {
  it('one line per monitor, its newest alert ("recovered" replaces "down"), newest first; older ones collapse', () => {
    const log = [
      entry(1, 'down'),
      entry(2, 'down'),
      entry(1, 'recovered'),
      entry(3, 'down'),
      entry(4, 'degraded'),
      entry(5, 'down'),
      entry(null, 'offline'),
    ];
    const v = notificationView(log, new Set());
    expect(v.shown.map((e) => e.title)).toEqual(['Mnull offline', 'M5 down', 'M4 degraded']);
    expect(v.collapsed.map((e) => e.title)).toEqual(['M3 down', 'M1 recovered', 'M2 down']);
  });
  it('channel deliveries are not console lines; dismissed lines go', () => {
    const a = entry(1, 'down');
    const b = entry(2, 'down', { channelKind: 'email', channelId: 3 });
    expect(notificationView([a, b], new Set()).shown).toEqual([a]);
    expect(notificationView([a, b], new Set([a.id])).shown).toEqual([]);
  });
  it('acknowledge is offered for an open, unacknowledged incident only', () => {
    expect(canAcknowledge(entry(1, 'down'))).toBe(true);
    expect(canAcknowledge(entry(1, 'down', { acknowledgedBy: 'Dana' }))).toBe(false);
    expect(canAcknowledge(entry(1, 'down', { incidentOpen: false }))).toBe(false);
    expect(canAcknowledge(entry(1, 'recovered'))).toBe(false);
  });
});
