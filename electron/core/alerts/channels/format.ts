import { DateTime } from 'luxon';
import type { AlertMessage } from '../message';

/**
 * The words of a message, common to every channel: subject, plain text, and the times in UTC and
 * in the channel's zone. Channels add only their own wrapping (payload.ts, sms.ts).
 */

const ITEMS_SHOWN = 25;

export function timeUtc(at: number): string {
  return DateTime.fromMillis(at, { zone: 'UTC' }).toFormat("yyyy-MM-dd HH:mm:ss 'UTC'");
}

export function timeIn(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm:ss ZZZZ');
}

/** "2026-12-01 14:02:00 UTC (15:02:00 CET)"; the zone part only when it differs. */
export function timesLine(at: number, zone: string): string {
  const utc = timeUtc(at);
  if (zone === 'UTC') return utc;
  return `${utc} (${DateTime.fromMillis(at, { zone }).toFormat('HH:mm:ss ZZZZ')})`;
}

export function subjectOf(m: AlertMessage): string {
  if (m.notice) return m.notice.subject;
  return `[Lookout] ${m.title}`;
}

export function textOf(m: AlertMessage, zone: string): string {
  if (m.notice) return m.notice.text;
  const lines = [m.title, m.body];
  if (m.monitorName) lines.push(`Monitor: ${m.monitorName}${m.group ? ` (${m.group})` : ''}`);
  if (m.firstError) lines.push(`First error: ${m.firstError}`);
  if (m.incidentId !== null) lines.push(`Incident #${m.incidentId}${m.link ? `: ${m.link}` : ''}`);
  lines.push(`Time: ${timesLine(m.at, zone)}`);
  if (m.items && m.items.length > 0) {
    lines.push('');
    for (const i of m.items.slice(0, ITEMS_SHOWN))
      lines.push(
        `- ${i.monitorName}${i.group ? ` (${i.group})` : ''}: ${i.kind}${i.error ? ` — ${i.error}` : ''}${typeof i.incidentId === 'number' ? ` (incident #${i.incidentId})` : ''}`,
      );
    if (m.items.length > ITEMS_SHOWN) lines.push(`… and ${m.items.length - ITEMS_SHOWN} more`);
  }
  return lines.filter((l, i) => l !== '' || i > 0).join('\n');
}

/** The documented webhook payload (README "Alert channels"); `version` changes only when a field's meaning does. */
export function webhookPayload(m: AlertMessage, zone: string, deliveryId: string) {
  return {
    version: 1,
    deliveryId,
    kind: m.kind,
    title: m.notice?.subject ?? m.title,
    text: textOf(m, zone),
    monitor: m.monitorId === null ? null : { id: m.monitorId, name: m.monitorName, group: m.group },
    state: m.state,
    incident: m.incidentId === null ? null : { id: m.incidentId, link: m.link ?? null },
    firstError: m.firstError,
    at: new Date(m.at).toISOString(),
    atLocal: DateTime.fromMillis(m.at, { zone }).toISO(),
    zone,
    items: m.items ?? [],
    tier: m.tier ?? null,
  };
}
export type WebhookPayload = ReturnType<typeof webhookPayload>;

/** Colour of chat attachments: red for bad news, green for good, amber otherwise. */
export function severityColor(m: AlertMessage): number {
  if (m.kind === 'recovered' || m.kind === 'maintenance_ended' || m.kind === 'flapping_ended' || m.kind === 'test')
    return 0x2e7d32;
  if (m.kind === 'down' || m.kind === 'still_down' || m.kind === 'storm' || m.kind === 'escalation') return 0xc62828;
  return 0xef6c00;
}
