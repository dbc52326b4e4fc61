import { DateTime } from 'luxon';
import type { AlertChannel, AlertRules, QuietHours, RoutedKind, RuleScope } from '../../../shared/channels';
import type { AlertMessage } from './message';

/**
 * Which channels a message goes to, and whether a channel's quiet hours hold it back. Pure:
 * the rules, the channels and the message in, the decision out.
 */

/** With no routes configured every enabled channel gets the state alerts: a new channel works at once. */
const DEFAULT_KINDS: ReadonlySet<string> = new Set<RoutedKind>([
  'down',
  'degraded',
  'recovered',
  'still_down',
  'flapping',
  'flapping_ended',
  'error_rate',
  'latency',
  'cert_expiring',
  'deploy_regression',
]);

/** Messages that stand for a monitor being down: they may bypass quiet hours. */
const DOWNISH: ReadonlySet<string> = new Set(['down', 'still_down', 'escalation', 'storm']);

export function inScope(scope: RuleScope, monitorId: number | null, group: string | null): boolean {
  if (scope.groups.length === 0 && scope.monitorIds.length === 0) return true;
  return (
    (monitorId !== null && scope.monitorIds.includes(monitorId)) || (group !== null && scope.groups.includes(group))
  );
}

/** Channel ids a message of this kind about this monitor goes to (escalation and storm are routed by their callers). */
export function channelsFor(
  rules: AlertRules,
  channels: readonly AlertChannel[],
  m: Pick<AlertMessage, 'kind' | 'monitorId' | 'group'>,
): number[] {
  const enabled = new Set(channels.filter((c) => c.enabled).map((c) => c.id));
  if (rules.routes.length === 0) return DEFAULT_KINDS.has(m.kind) ? [...enabled] : [];
  const out = new Set<number>();
  for (const r of rules.routes) {
    if (!(r.kinds as string[]).includes(m.kind) || !inScope(r.scope, m.monitorId, m.group)) continue;
    for (const id of r.channelIds) if (enabled.has(id)) out.add(id);
  }
  return [...out];
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function inQuietHours(q: QuietHours, zone: string, at: number): boolean {
  const t = DateTime.fromMillis(at, { zone });
  const now = t.hour * 60 + t.minute;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Why this channel does not send this message now, or undefined. */
export function quietReason(channel: AlertChannel, m: Pick<AlertMessage, 'kind' | 'at'>): string | undefined {
  const q = channel.quietHours;
  if (!q || !inQuietHours(q, channel.zone, m.at)) return undefined;
  if (q.downBypasses && DOWNISH.has(m.kind)) return undefined;
  return `Quiet hours ${q.start}–${q.end} ${channel.zone}`;
}

/**
 * (incident or monitor, alert kind, channel). A still-down re-notification and a state change
 * without an incident are keyed by their time as well: each is its own message, but the same one
 * decided twice (a restart) is not sent twice.
 */
export function dedupeKey(m: AlertMessage, channelId: number): string {
  const subject = m.incidentId !== null ? `i${m.incidentId}` : m.monitorId !== null ? `m${m.monitorId}` : 'console';
  const when = m.incidentId !== null && m.kind !== 'still_down' ? '' : `@${m.at}`;
  const tier = m.tier !== undefined ? `#${m.tier}` : '';
  return `${subject}:${m.kind}${tier}${when}:c${channelId}`;
}
