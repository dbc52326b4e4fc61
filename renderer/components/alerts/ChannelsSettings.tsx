import { useId, useState } from 'react';
import { CHANNEL_KINDS, CHANNEL_SECRET_MASK, type AlertChannel, type ChannelDraftInput, type ChannelKind, type ChannelTestResult } from '../../../shared/channels';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useChannels } from '../../hooks/useChannels';
import { Field } from '../Field';
import { AlertRulesSettings } from './AlertRulesSettings';

/**
 * Settings → Alert channels: add, edit, delete, and "Send test" (the server's answer or the exact
 * error). Secrets come masked; leaving a mask keeps the stored value. The contract validates: its
 * issues come back with the field path (`config.url`) and show at that field.
 */

type FieldKind = 'text' | 'secret' | 'number' | 'list' | 'textarea' | 'select';
interface FieldSpec {
  key: string;
  label: string;
  type: FieldKind;
  hint?: string;
  options?: readonly string[];
}

const CHAT: FieldSpec[] = [{ key: 'url', label: 'Incoming webhook URL', type: 'secret', hint: 'Kept sealed; shown masked once saved.' }];

const FIELDS: Record<ChannelKind, FieldSpec[]> = {
  email: [
    { key: 'host', label: 'SMTP host', type: 'text' },
    { key: 'port', label: 'Port', type: 'number' },
    { key: 'security', label: 'Security', type: 'select', options: ['starttls', 'tls', 'none'], hint: 'STARTTLS (587), implicit TLS (465), or none (loopback only).' },
    { key: 'username', label: 'User name', type: 'text' },
    { key: 'password', label: 'Password', type: 'secret' },
    { key: 'from', label: 'From', type: 'text' },
    { key: 'to', label: 'Recipients', type: 'list', hint: 'One address per line.' },
    { key: 'ca', label: 'Extra CA (PEM)', type: 'textarea', hint: 'An internal authority, added to the system roots.' },
  ],
  webhook: [
    { key: 'url', label: 'URL', type: 'secret' },
    { key: 'signingSecret', label: 'Signing secret (HMAC-SHA256)', type: 'secret', hint: 'X-Lookout-Signature: sha256=<hex of timestamp.body>' },
    { key: 'template', label: 'Body template (Liquid, optional)', type: 'textarea', hint: 'Empty = the documented JSON payload.' },
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
    { key: 'mode', label: 'Gateway', type: 'select', options: ['twilio', 'template'], hint: 'Twilio-compatible form POST, or a generic body template.' },
    { key: 'url', label: 'Gateway URL', type: 'text' },
    { key: 'accountSid', label: 'Account SID', type: 'text' },
    { key: 'authToken', label: 'Auth token', type: 'secret' },
    { key: 'from', label: 'From', type: 'text' },
    { key: 'to', label: 'Phone numbers', type: 'list', hint: 'One per line; the text is kept to one SMS segment.' },
    { key: 'template', label: 'Body template (generic gateway)', type: 'textarea' },
  ],
};

const BLANK: Record<ChannelKind, Record<string, unknown>> = {
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

interface Draft {
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

function toDraft(c: AlertChannel): Draft {
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

function toInput(d: Draft): ChannelDraftInput {
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

function ChannelForm({ initial, onDone }: { initial: Draft; onDone: () => void }) {
  const transport = useTransport();
  const uid = useId();
  const [d, setD] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [test, setTest] = useState<ChannelTestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setConfig = (key: string, value: unknown) => setD((x) => ({ ...x, config: { ...x.config, [key]: value } }));

  function fail(err: unknown) {
    const e = asApiError(err);
    setErrors(Object.fromEntries((e.issues ?? []).map((i) => [i.path, i.message])));
    setFormError(e.message);
  }

  async function save() {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      if (d.id === undefined) await transport.invoke('channels.create', toInput(d));
      else await transport.invoke('channels.update', { id: d.id, channel: toInput(d) });
      onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function sendTest() {
    setBusy(true);
    setTest(null);
    setErrors({});
    setFormError(null);
    try {
      setTest(await transport.invoke('channels.test', { ...(d.id !== undefined ? { id: d.id } : {}), channel: toInput(d) }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const fid = (k: string) => `${uid}-${k}`;
  return (
    <form
      className="card channel-form"
      aria-label={d.id === undefined ? 'New alert channel' : `Edit ${d.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <Field id={fid('kind')} label="Kind">
          {(aria) => (
            <select {...aria} value={d.kind} disabled={d.id !== undefined} onChange={(e) => set({ kind: e.target.value as ChannelKind, config: { ...BLANK[e.target.value as ChannelKind] } })}>
              {CHANNEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fid('name')} label="Name" error={errors.name}>
          {(aria) => <input {...aria} value={d.name} onChange={(e) => set({ name: e.target.value })} placeholder="On-call email" />}
        </Field>
        {FIELDS[d.kind].map((f) => (
          <Field key={f.key} id={fid(f.key)} label={f.label} error={errors[`config.${f.key}`]} hint={f.hint}>
            {(aria) => {
              const v = d.config[f.key];
              if (f.type === 'select')
                return (
                  <select {...aria} value={String(v ?? '')} onChange={(e) => setConfig(f.key, e.target.value)}>
                    {(f.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                );
              if (f.type === 'number') return <input {...aria} type="number" value={String(v ?? '')} onChange={(e) => setConfig(f.key, e.target.value === '' ? '' : Number(e.target.value))} />;
              if (f.type === 'list') return <textarea {...aria} rows={2} value={(Array.isArray(v) ? v : []).join('\n')} onChange={(e) => setConfig(f.key, e.target.value.split('\n').map((s) => s.trim()).filter(Boolean))} />;
              if (f.type === 'textarea') return <textarea {...aria} rows={3} value={String(v ?? '')} onChange={(e) => setConfig(f.key, e.target.value)} />;
              return (
                <input
                  {...aria}
                  type={f.type === 'secret' && v === CHANNEL_SECRET_MASK ? 'password' : 'text'}
                  autoComplete="off"
                  value={String(v ?? '')}
                  onChange={(e) => setConfig(f.key, e.target.value)}
                />
              );
            }}
          </Field>
        ))}
        <Field id={fid('zone')} label="Time zone" error={errors.zone} hint="Times in messages and quiet hours use it.">
          {(aria) => <input {...aria} value={d.zone} onChange={(e) => set({ zone: e.target.value })} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={d.quiet} onChange={(e) => set({ quiet: e.target.checked })} /> Quiet hours
        </label>
        {d.quiet && (
          <>
            <Field id={fid('qs')} label="Quiet from" error={errors['quietHours.start']}>
              {(aria) => <input {...aria} value={d.quietStart} onChange={(e) => set({ quietStart: e.target.value })} placeholder="22:00" />}
            </Field>
            <Field id={fid('qe')} label="until" error={errors['quietHours.end']}>
              {(aria) => <input {...aria} value={d.quietEnd} onChange={(e) => set({ quietEnd: e.target.value })} placeholder="07:00" />}
            </Field>
            <label className="checkbox">
              <input type="checkbox" checked={d.downBypasses} onChange={(e) => set({ downBypasses: e.target.checked })} /> Down alerts still go out
            </label>
          </>
        )}
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {test && (
        <p className={test.ok ? 'test-result test-result--ok' : 'test-result test-result--failed'} role="status" data-testid="channel-test-result">
          {test.ok ? 'Delivered: ' : `Failed${test.code ? ` (${test.code})` : ''}: `}
          <span>{test.answer}</span> <span className="muted">({test.ms} ms)</span>
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Save channel
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void sendTest()}>
          Send test
        </button>
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ChannelsSettings() {
  const channels = useChannels();
  const transport = useTransport();
  const [editing, setEditing] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(c: AlertChannel) {
    setError(null);
    try {
      await transport.invoke('channels.delete', { id: c.id });
    } catch (err) {
      setError(asApiError(err).message);
    }
  }

  return (
    <section className="card settings-channels" aria-labelledby="channels-heading">
      <h3 id="channels-heading">Alert channels</h3>
      <p className="muted">Where alerts go when nobody is at this screen: email, webhooks, chat, push and SMS. Every message is in the Alerts page.</p>
      {channels.error && <p className="form-error">Could not load the channels: {channels.error.message}</p>}
      <ul className="channel-list">
        {(channels.data ?? []).map((c) => (
          <li key={c.id} data-channel-id={c.id}>
            <strong>{c.name}</strong> <span className="tag">{c.kind}</span> {!c.enabled && <span className="tag">disabled</span>}{' '}
            <button type="button" className="btn btn--small" onClick={() => setEditing(toDraft(c))}>
              Edit
            </button>{' '}
            <button type="button" className="btn btn--small btn--ghost" aria-label={`Delete ${c.name}`} onClick={() => void remove(c)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {editing ? (
        <ChannelForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="btn" onClick={() => setEditing({ kind: 'email', name: '', enabled: true, zone: 'UTC', quiet: false, quietStart: '22:00', quietEnd: '07:00', downBypasses: true, config: { ...BLANK.email } })}>
          Add a channel
        </button>
      )}
      {(channels.data ?? []).length > 0 && <AlertRulesSettings channels={channels.data ?? []} />}
    </section>
  );
}
