import { useState } from 'react';
import { CHANNEL_PARTS, type Channel, type Draft, type DraftContent, type ExportFormat } from '../../../shared/drafts';
import { ChannelLimitsLine } from './ChannelLimitsLine';
import { CHANNEL_LABELS, channelText } from './ChannelPreview';
import { SendNotice } from '../alerts/SendNotice';
import { useMethodControl } from '../../hooks/useReviewMode';

export interface SavedDraftActions {
  copy(text: string): void;
  exportAs(draft: Draft, format: ExportFormat): void;
  rerender(draft: Draft): void;
  remove(draft: Draft): void;
  saveEdits(draft: Draft, content: Partial<DraftContent>): void;
}

const FORMAT_OF: Record<Channel, ExportFormat> = { email: 'eml', chat: 'md', sms: 'txt', banner: 'txt' };

/** Saved drafts of the current window or incident, shown in the channel being edited. */
export function SavedDrafts({
  drafts,
  channel,
  readOnly,
  actions,
}: {
  drafts: Draft[];
  channel: Channel;
  readOnly: boolean;
  actions: SavedDraftActions;
}) {
  if (drafts.length === 0) return <p className="muted">No saved drafts for this source yet.</p>;
  return (
    <ul className="draft-list" aria-label="Saved drafts" style={{ listStyle: 'none', padding: 0 }}>
      {drafts.map((d) => (
        <SavedDraft key={d.id} draft={d} channel={channel} readOnly={readOnly} actions={actions} />
      ))}
    </ul>
  );
}

function SavedDraft({
  draft,
  channel,
  readOnly,
  actions,
}: {
  draft: Draft;
  channel: Channel;
  readOnly: boolean;
  actions: SavedDraftActions;
}) {
  const [editing, setEditing] = useState<Partial<DraftContent> | null>(null);
  const control = useMethodControl();
  const when = new Date(draft.createdAt).toLocaleString();
  return (
    <li className="card" aria-label={`Draft ${draft.id}: ${draft.step}`} style={{ marginBottom: 8 }}>
      <div>
        <strong>{draft.step}</strong>{' '}
        <span className="muted">
          template v{draft.templateVersion} · {when}
        </span>{' '}
        {draft.outdated && (
          <span className="tag" title="The window or incident changed since this draft was rendered">
            Outdated
          </span>
        )}{' '}
        {draft.edited && <span className="tag">Edited</span>}{' '}
        {draft.sourceMissing && <span className="tag">Source deleted</span>}
      </div>
      <ChannelLimitsLine channel={channel} limits={draft.limits} />
      {editing ? (
        CHANNEL_PARTS[channel].map((part) => (
          <textarea
            key={part}
            aria-label={`Edit ${part}`}
            rows={part === 'body' ? 10 : 3}
            style={{ width: '100%', boxSizing: 'border-box' }}
            value={editing[part] ?? draft.content[part]}
            onChange={(e) => setEditing({ ...editing, [part]: e.target.value })}
          />
        ))
      ) : (
        <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{channelText(channel, draft.content)}</pre>
      )}
      <div className="draft-list__actions" style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        {editing ? (
          <>
            <button
              type="button"
              onClick={() => (actions.saveEdits(draft, editing), setEditing(null))}
              {...control('drafts.update')}
            >
              Save edits
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => actions.copy(channelText(channel, draft.content))}>
              Copy {CHANNEL_LABELS[channel]}
            </button>
            <button type="button" onClick={() => actions.exportAs(draft, FORMAT_OF[channel])}>
              Export .{FORMAT_OF[channel]}
            </button>
            {!readOnly && (
              <>
                <button type="button" onClick={() => setEditing({})} {...control('drafts.update')}>
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() => actions.rerender(draft)}
                  {...control('drafts.rerender', {
                    title: 'Render again from the current facts and template (replaces hand edits)',
                  })}
                >
                  Re-render
                </button>
                <button type="button" onClick={() => actions.remove(draft)} {...control('drafts.delete')}>
                  Delete
                </button>
              </>
            )}
          </>
        )}
      </div>
      {!readOnly && !editing && <SendNotice draft={draft} />}
    </li>
  );
}
