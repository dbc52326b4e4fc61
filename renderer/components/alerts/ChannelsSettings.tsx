import { useState } from 'react';
import type { AlertChannel } from '../../../shared/channels';
import { useApiMutation } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useChannels } from '../../hooks/useChannels';
import { AlertRulesSettings } from './AlertRulesSettings';
import { ChannelForm } from './ChannelForm';
import { newDraft, toDraft, type ChannelDraft } from './channel-model';

/**
 * Settings → Alert channels: add, edit, delete, and "Send test" (the server's answer or the exact
 * error). Secrets come masked; leaving a mask keeps the stored value. The contract validates: its
 * issues come back with the field path (`config.url`) and show at that field.
 */

export function ChannelsSettings() {
  const channels = useChannels();
  const [editing, setEditing] = useState<ChannelDraft | null>(null);
  const del = useApiMutation('channels.delete');
  const control = useMethodControl();
  const error = del.error?.message ?? null;
  const remove = (c: AlertChannel) => del.run({ id: c.id });

  return (
    <section className="card settings-channels" aria-labelledby="channels-heading">
      <h3 id="channels-heading">Alert channels</h3>
      <p className="muted">
        Where alerts go when nobody is at this screen: email, webhooks, chat, push and SMS. Every message is in the
        Alerts page.
      </p>
      {channels.error && <p className="form-error">Could not load the channels: {channels.error.message}</p>}
      <ul className="channel-list">
        {(channels.data ?? []).map((c) => (
          <li key={c.id} data-channel-id={c.id}>
            <strong>{c.name}</strong> <span className="tag">{c.kind}</span>{' '}
            {!c.enabled && <span className="tag">disabled</span>}{' '}
            <button type="button" className="btn btn--small" onClick={() => setEditing(toDraft(c))}>
              Edit
            </button>{' '}
            <button
              type="button"
              className="btn btn--small btn--ghost"
              aria-label={`Delete ${c.name}`}
              onClick={() => void remove(c)}
              {...control('channels.delete')}
            >
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
        <button type="button" className="btn" onClick={() => setEditing(newDraft())}>
          Add a channel
        </button>
      )}
      {(channels.data ?? []).length > 0 && <AlertRulesSettings channels={channels.data ?? []} />}
    </section>
  );
}
