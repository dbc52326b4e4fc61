import type { Channel, DraftSource, Template, TemplatePart, TemplateParts, TemplateStep } from '../../../shared/drafts';
import type { PreviewState } from '../../hooks/useDraftPreview';
import { useMethodControl } from '../../hooks/useReviewMode';
import { TemplateEditor } from './TemplateEditor';
import { VariablesReference } from './VariablesReference';

interface Props {
  step: TemplateStep;
  kind: DraftSource['kind'];
  channel: Channel;
  template: Template | undefined;
  parts: TemplateParts | undefined;
  dirty: boolean;
  issues: PreviewState['issues'];
  readOnly: boolean;
  onEdit: (part: TemplatePart, text: string) => void;
  onSave: () => void;
  onDiscard: () => void;
  onReset: () => void;
}

/** The step's template for one channel: edited here, saved as a new version, discarded or reset. */
export function TemplatePanel({
  step,
  kind,
  channel,
  template,
  parts,
  dirty,
  issues,
  readOnly,
  onEdit,
  onSave,
  onDiscard,
  onReset,
}: Props) {
  const control = useMethodControl();
  return (
    <section className="panel" aria-label="Template">
      <h3 className="panel__title">
        Template: {step}{' '}
        {template && (
          <span className="muted">
            v{template.version}
            {template.isDefault ? ' (default)' : ''}
            {dirty ? ' · unsaved changes' : ''}
          </span>
        )}
      </h3>
      {parts && (
        <TemplateEditor channel={channel} parts={parts} issues={issues} disabled={readOnly} onChange={onEdit} />
      )}
      {!readOnly && (
        <div style={{ display: 'flex', gap: 6 }}>
          <button
            type="button"
            onClick={onSave}
            {...control('templates.save', {
              disabled: !dirty || issues.length > 0,
              title: issues.length > 0 ? 'Fix the errors first' : undefined,
            })}
          >
            Save template
          </button>
          <button type="button" disabled={!dirty} onClick={onDiscard}>
            Discard changes
          </button>
          <button
            type="button"
            onClick={onReset}
            {...control('templates.reset', { disabled: template?.isDefault && !dirty })}
          >
            Reset to default
          </button>
        </div>
      )}
      <VariablesReference kind={kind} />
    </section>
  );
}
