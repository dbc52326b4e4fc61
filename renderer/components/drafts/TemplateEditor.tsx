import {
  CHANNEL_PARTS,
  type Channel,
  type TemplateIssue,
  type TemplatePart,
  type TemplateParts,
} from '../../../shared/drafts';

const PART_LABELS: Record<TemplatePart, string> = {
  subject: 'Email subject',
  body: 'Email body',
  sms: 'SMS text',
  banner: 'Banner (one line)',
  chat: 'Chat (Markdown)',
};

/** The Liquid text of one channel's parts; each part's error is shown at the field. */
export function TemplateEditor({
  channel,
  parts,
  issues,
  disabled,
  onChange,
}: {
  channel: Channel;
  parts: TemplateParts;
  issues: TemplateIssue[];
  disabled?: boolean;
  onChange: (part: TemplatePart, text: string) => void;
}) {
  return (
    <div className="draft-editor">
      {CHANNEL_PARTS[channel].map((part) => {
        const issue = issues.find((i) => i.part === part);
        const id = `template-${part}`;
        const common = {
          id,
          value: parts[part],
          disabled,
          spellCheck: false,
          'aria-invalid': issue ? true : undefined,
          'aria-describedby': issue ? `${id}-error` : undefined,
          style: { width: '100%', fontFamily: 'ui-monospace, monospace', boxSizing: 'border-box' as const },
        };
        return (
          <div className="field" key={part} style={{ marginBottom: 8 }}>
            <label htmlFor={id}>{PART_LABELS[part]}</label>
            {part === 'subject' || part === 'banner' ? (
              <input type="text" {...common} onChange={(e) => onChange(part, e.target.value)} />
            ) : (
              <textarea rows={part === 'body' ? 14 : 6} {...common} onChange={(e) => onChange(part, e.target.value)} />
            )}
            {issue && (
              <p
                id={`${id}-error`}
                role="alert"
                className="field__error"
                style={{ color: 'var(--down, #b42318)', margin: '4px 0' }}
              >
                Line {issue.line}, column {issue.column}:{' '}
                {issue.message.replace(/ \([a-z]+, line \d+, column \d+\)$/, '')}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
