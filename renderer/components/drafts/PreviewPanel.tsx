import type { Channel } from '../../../shared/drafts';
import type { PreviewState } from '../../hooks/useDraftPreview';
import { useMethodControl } from '../../hooks/useReviewMode';
import { ChannelPreview, CHANNEL_LABELS, channelText } from './ChannelPreview';

/** The live preview with the channel's limits; copy it, or save it as a draft of the source. */
export function PreviewPanel({
  channel,
  preview,
  canSaveDraft,
  dirty,
  onCopy,
  onSaveDraft,
}: {
  channel: Channel;
  preview: PreviewState;
  canSaveDraft: boolean;
  dirty: boolean;
  onCopy: (text: string) => void;
  onSaveDraft: () => void;
}) {
  const control = useMethodControl();
  return (
    <section className="panel" aria-label="Preview">
      <h3 className="panel__title">Preview {preview.pending && <span className="muted">…</span>}</h3>
      <ChannelPreview channel={channel} rendered={preview.rendered} limits={preview.limits} />
      {preview.issues.length > 0 && (
        <p className="muted">Showing the last text that rendered; fix the template to update it.</p>
      )}
      <div style={{ display: 'flex', gap: 6 }}>
        <button type="button" onClick={() => onCopy(channelText(channel, preview.rendered))}>
          Copy {CHANNEL_LABELS[channel]}
        </button>
        {canSaveDraft && (
          <button
            type="button"
            onClick={onSaveDraft}
            {...control('drafts.create', {
              disabled: dirty,
              title: dirty ? 'Save the template first: drafts remember the template version they came from' : undefined,
            })}
          >
            Save draft
          </button>
        )}
      </div>
    </section>
  );
}
