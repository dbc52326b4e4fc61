import { useId, useState } from 'react';
import type { NoticePreview, NoticeSend } from '../../../shared/channels';
import type { Draft } from '../../../shared/drafts';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useChannels } from '../../hooks/useChannels';

/**
 * Sends a saved draft through an alert channel, never without a confirmation that shows the
 * recipients and the exact text (drafts.sendPreview → drafts.send). Sent copies stay listed here.
 */
export function SendNotice({ draft }: { draft: Draft }) {
  const channels = useChannels();
  const uid = useId();
  const [channelId, setChannelId] = useState<number | undefined>(undefined);
  const [preview, setPreview] = useState<NoticePreview | null>(null);
  const reviewing = useApiMutation('drafts.sendPreview');
  const sending = useApiMutation('drafts.send', { invalidates: ['drafts.sends'] });
  const [notSent, setNotSent] = useState<string | null>(null);
  const busy = reviewing.busy || sending.busy;
  const control = useMethodControl();
  const error = notSent ?? sending.error?.message ?? reviewing.error?.message ?? null;
  const sends = useApiQuery('drafts.sends', { id: draft.id });
  const list = channels.data ?? [];
  if (list.length === 0 && (sends.data ?? []).length === 0) return null;

  async function review() {
    if (channelId === undefined) return;
    setNotSent(null);
    sending.reset();
    const p = await reviewing.run({ id: draft.id, channelId });
    if (p) setPreview(p);
  }

  async function send(p: NoticePreview) {
    setNotSent(null);
    reviewing.reset();
    const sent: NoticeSend | undefined = await sending.run({
      id: draft.id,
      channelId: p.channelId,
      confirm: p.confirm,
    });
    if (!sent) return;
    setPreview(null);
    if (!sent.ok) setNotSent(`Not sent: ${sent.answer}`);
  }

  return (
    <div className="send-notice">
      {list.length > 0 && (
        <div className="button-row">
          <label htmlFor={`${uid}-ch`}>Send through</label>
          <select
            id={`${uid}-ch`}
            value={channelId ?? ''}
            onChange={(e) => (setChannelId(e.target.value ? Number(e.target.value) : undefined), setPreview(null))}
          >
            <option value="">Choose a channel…</option>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.kind})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn--small"
            onClick={() => void review()}
            {...control('drafts.send', { disabled: channelId === undefined || busy })}
          >
            Review and send…
          </button>
        </div>
      )}
      {preview && (
        <div className="card send-notice__confirm" role="dialog" aria-label="Confirm sending">
          <p>
            <strong>Send through {preview.channelName}</strong> to{' '}
            {preview.recipients.length === 1 ? preview.recipients[0] : `${preview.recipients.length} recipients`}:
          </p>
          <ul aria-label="Recipients">
            {preview.recipients.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {preview.subject && (
            <p>
              Subject: <strong>{preview.subject}</strong>
            </p>
          )}
          <pre className="send-notice__text" aria-label="Exact text" style={{ whiteSpace: 'pre-wrap' }}>
            {preview.text}
          </pre>
          <div className="button-row">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => void send(preview)}
              {...control('drafts.send', { disabled: busy })}
            >
              Send now
            </button>
            <button type="button" className="btn" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {(sends.data ?? []).length > 0 && (
        <ul className="send-notice__sent" aria-label="Sent copies">
          {(sends.data ?? []).map((s) => (
            <li key={s.id} data-ok={s.ok}>
              {new Date(s.at).toLocaleString()} · {s.channelName} → {s.recipients.join(', ')} ·{' '}
              {s.ok ? 'sent' : 'failed'}: <span className="muted">{s.answer}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
