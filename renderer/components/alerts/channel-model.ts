import type { AlertChannel, ChannelDraftInput, ChannelKind } from '../../../shared/channels';

/** The channel form's model: the fields each kind shows, blank configs, and draft <-> contract input. */

type FieldKind = 'text' | 'secret' | 'number' | 'list' | 'textarea' | 'select';
export interface FieldSpec {
  key: string;
  label: string;
  type: FieldKind;
  hint?: string;
  options?: readonly string[];
}

const CHAT: FieldSpec[] = [
  { key: 'url', label: 'Incoming webhook URL', type: 'secret', hint: 'Kept sealed; shown masked once saved.' },
];

export const FIELDS: Record<ChannelKind, FieldSpec[]> = {
  email: [
    { key: 'host', label: 'SMTP host', type: 'text' },
    { key: 'port', label: 'Port', type: 'number' },
    {
      key: 'security',
      label: 'Security',
      type: 'select',
      options: ['starttls', 'tls', 'none'],
      hint: 'STARTTLS (587), implicit TLS (465), or none (loopback only).',
    },
    { key: 'username', label: 'User name', type: 'text' },
    { key: 'password', label: 'Password', type: 'secret' },
    { key: 'from', label: 'From', type: 'text' },
    { key: 'to', label: 'Recipients', type: 'list', hint: 'One address per line.' },
    { key: 'ca', label: 'Extra CA (PEM)', type: 'textarea', hint: 'An internal authority, added to the system roots.' },
  ],
  webhook: [
    { key: 'url', label: 'URL', type: 'secret' },
    {
      key: 'signingSecret',
      label: 'Signing secret (HMAC-SHA256)',
      type: 'secret',
      hint: 'X-Lookout-Signature: sha256=<hex of timestamp.body>',
    },
    {
      key: 'template',
      label: 'Body template (Liquid, optional)',
      type: 'textarea',
      hint: 'Empty = the documented JSON payload.',
    },
  ],
  slack: CHAT,
  teams: CHAT,
  discord: CHAT,
  mattermost: CHAT,
  ntfy: [
    { key: 'server', label: 'Server', type: 'text' },
    { key: 'topic', label: 'Topic', type: 'text' },
    { key: 'token', label: 'Access token', type: 'secret' },
  ],
  gotify: [
    { key: 'server', label: 'Server', type: 'text' },
    { key: 'token', label: 'Application token', type: 'secret' },
    { key: 'priority', label: 'Priority', type: 'number' },
  ],
  sms: [
    {
      key: 'mode',
      label: 'Gateway',
      type: 'select',
      options: ['twilio', 'template'],
      hint: 'Twilio-compatible form POST, or a generic body template.',
    },
    { key: 'url', label: 'Gateway URL', type: 'text' },
    { key: 'accountSid', label: 'Account SID', type: 'text' },
    { key: 'authToken', label: 'Auth token', type: 'secret' },
    { key: 'from', label: 'From', type: 'text' },
    { key: 'to', label: 'Phone numbers', type: 'list', hint: 'One per line; the text is kept to one SMS segment.' },
    { key: 'template', label: 'Body template (generic gateway)', type: 'textarea' },
  ],
};

export const BLANK: Record<ChannelKind, Record<string, unknown>> = {
  email: { host: '', port: 587, security: 'starttls', username: '', password: '', from: '', to: [], ca: '' },
  webhook: { url: '', signingSecret: '', template: '' },
  slack: { url: '' },
  teams: { url: '' },
  discord: { url: '' },
  mattermost: { url: '' },
  ntfy: { server: 'https://ntfy.sh', topic: '', token: '' },
  gotify: { server: '', token: '', priority: 8 },
  sms: { mode: 'twilio', url: '', accountSid: '', authToken: '', from: '', to: [], template: '' },
};

export interface ChannelDraft {
  id?: number;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  zone: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  downBypasses: boolean;
  config: Record<string, unknown>;
}

export function toDraft(c: AlertChannel): ChannelDraft {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    enabled: c.enabled,
    zone: c.zone,
    quiet: c.quietHours !== null,
    quietStart: c.quietHours?.start ?? '22:00',
    quietEnd: c.quietHours?.end ?? '07:00',
    downBypasses: c.quietHours?.downBypasses ?? true,
    config: { ...BLANK[c.kind], ...(c.config as Record<string, unknown>) },
  };
}

export function toInput(d: ChannelDraft): ChannelDraftInput {
  // Optional text left empty is not sent, so the schema's default applies (ntfy's server, say).
  const config = Object.fromEntries(Object.entries(d.config).filter(([, v]) => v !== '' || d.kind === 'email'));
  return {
    kind: d.kind,
    name: d.name,
    enabled: d.enabled,
    zone: d.zone,
    quietHours: d.quiet ? { start: d.quietStart, end: d.quietEnd, downBypasses: d.downBypasses } : null,
    config,
  } as ChannelDraftInput;
}

/** A new channel's starting values (email, enabled, UTC, quiet hours off). */
export function newDraft(): ChannelDraft {
  return {
    kind: 'email',
    name: '',
    enabled: true,
    zone: 'UTC',
    quiet: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    downBypasses: true,
    config: { ...BLANK.email },
  };
}
