/**
 * One message as it waits in the outbox: the facts, not the text of any one channel. Each channel
 * renders it in its own format and zone when it is sent (channels/format.ts), so a restart sends
 * what would have been sent before it.
 */
export type MessageKind =
  | 'down'
  | 'degraded'
  | 'recovered'
  | 'still_down'
  | 'flapping'
  | 'flapping_ended'
  | 'cert_expiring'
  | 'maintenance_started'
  | 'maintenance_ended'
  | 'error_rate'
  | 'latency'
  /** A deploy's after window is worse than its before window (deploys/). */
  | 'deploy_regression'
  /** Storm control: many monitors in one message. */
  | 'storm'
  /** Not acknowledged in time: the next tier is told. */
  | 'escalation'
  /** The console lost its own network and is back. */
  | 'offline'
  | 'test'
  /** A notice draft sent on purpose. */
  | 'notice';

export interface MessageItem {
  monitorId: number;
  monitorName: string;
  group: string | null;
  kind: string;
  at: number;
  error: string | null;
  /** The incident the monitor's alert was about, so a grouped message still names each one. */
  incidentId?: number | null;
}

export interface AlertMessage {
  kind: MessageKind;
  monitorId: number | null;
  monitorName: string | null;
  group: string | null;
  incidentId: number | null;
  /** Confirmed state when it was decided (down, degraded, up …). */
  state: string | null;
  title: string;
  body: string;
  firstError: string | null;
  at: number;
  /** Storm: the monitors it stands for. */
  items?: MessageItem[];
  /** Escalation tier (1 = first escalation). */
  tier?: number;
  /** Notice: the exact subject and text confirmed by the operator (sent as is). */
  notice?: { subject: string; text: string };
  /**
   * An address where a recipient can open the incident. Nothing sets it today: the desktop app
   * has none, and serve mode answers only on 127.0.0.1 with a per-run token (no URL to hand out).
   * Every message names the incident's number instead (channels/format.ts, sms.ts).
   */
  link?: string;
}
