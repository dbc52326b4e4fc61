import { CHANNELS, stepKind, type Channel, type TemplateStep } from '../../../shared/drafts';
import { CHANNEL_LABELS } from './ChannelPreview';

/** The page's title line with the lifecycle step chooser, and the channel tabs. */
export function StepAndChannel({
  label,
  steps,
  step,
  onStep,
  channel,
  onChannel,
}: {
  label: string;
  steps: readonly TemplateStep[];
  step: TemplateStep;
  onStep: (s: TemplateStep) => void;
  channel: Channel;
  onChannel: (c: Channel) => void;
}) {
  return (
    <>
      <header style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <h2 style={{ margin: 0 }}>Notice drafts</h2>
        <span className="muted">{label}</span>
        <label>
          Step{' '}
          <select value={step} onChange={(e) => onStep(e.target.value as TemplateStep)}>
            {steps.map((s) => (
              <option key={s} value={s}>
                {stepKind(s) === 'window' ? 'Maintenance' : 'Incident'}: {s}
              </option>
            ))}
          </select>
        </label>
      </header>

      <div role="tablist" aria-label="Channel" style={{ display: 'flex', gap: 4 }}>
        {CHANNELS.map((c) => (
          <button
            key={c}
            type="button"
            role="tab"
            aria-selected={c === channel}
            className={c === channel ? 'tag' : undefined}
            onClick={() => onChannel(c)}
          >
            {CHANNEL_LABELS[c]}
          </button>
        ))}
      </div>
    </>
  );
}
