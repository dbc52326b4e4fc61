import { useState } from 'react';
import {
  INCIDENT_STEPS,
  MAINTENANCE_STEPS,
  TEMPLATE_PARTS,
  stepKind,
  type Channel,
  type Draft,
  type DraftSource,
  type TemplatePart,
  type TemplateParts,
  type TemplateStep,
} from '../../shared/drafts';
import { useTransport } from '../api/context';
import { copyText, downloadFile } from '../components/drafts/clipboard';
import { PreviewPanel } from '../components/drafts/PreviewPanel';
import { SavedDrafts, type SavedDraftActions } from '../components/drafts/SavedDrafts';
import { StepAndChannel } from '../components/drafts/StepAndChannel';
import { TemplatePanel } from '../components/drafts/TemplatePanel';
import { sourceLabel, useHashSource } from '../components/drafts/useHashSource';
import { useNoticeActions } from '../components/drafts/useNoticeActions';
import { useAppInfo } from '../hooks/useAppInfo';
import { useDraftPreview } from '../hooks/useDraftPreview';
import { useDrafts } from '../hooks/useDrafts';
import { useSuggestedStep } from '../hooks/useSuggestedStep';
import { useTemplates } from '../hooks/useTemplates';

const ALL_STEPS: readonly TemplateStep[] = [...MAINTENANCE_STEPS, ...INCIDENT_STEPS];

const same = (a: TemplateParts, b: TemplateParts) => TEMPLATE_PARTS.every((p) => a[p] === b[p]);

/**
 * Notice drafts: template editor per channel beside a live preview with the channel's limits,
 * and the saved drafts of the window or incident at hand. The source comes from the `source` prop
 * or, when the prop is absent, from the address (`#/drafts/window/12`, see components/drafts/hash.ts).
 */
export function Drafts({ source: given }: { source?: DraftSource | null }) {
  const transport = useTransport();
  const fromHash = useHashSource();
  const source = (given !== undefined ? given : fromHash) ?? undefined;
  const readOnly = useAppInfo().data?.readOnly ?? false;
  const steps: readonly TemplateStep[] = source
    ? source.kind === 'window'
      ? MAINTENANCE_STEPS
      : INCIDENT_STEPS
    : ALL_STEPS;
  const [step, setStep] = useState<TemplateStep>(steps[0]!);
  const [channel, setChannel] = useState<Channel>('email');
  const [unsaved, setUnsaved] = useState<Partial<Record<TemplateStep, TemplateParts>>>({});
  const { notice, problem, act } = useNoticeActions();

  // Both adjust the step while rendering (no frame shows a step the source does not have).
  if (!steps.includes(step)) setStep(steps[0]!);
  // Open on the step that fits the incident (resolved → "resolved"), once, unless the operator chose one.
  const suggested = useSuggestedStep(source);
  const [chosen, setChosen] = useState(false);
  if (suggested && !chosen && steps.includes(suggested) && step !== suggested) setStep(suggested);

  const templates = useTemplates();
  const template = templates.data?.find((t) => t.step === step);
  const parts = unsaved[step] ?? template?.parts;
  const dirty = !!(template && unsaved[step] && !same(unsaved[step], template.parts));
  const preview = useDraftPreview({ step, source, parts });
  const drafts = useDrafts(source);

  function edit(part: TemplatePart, text: string): void {
    if (!parts) return;
    setUnsaved((u) => ({ ...u, [step]: { ...parts, [part]: text } }));
  }

  const actions: SavedDraftActions = {
    copy: (text) => act(() => copyText(text), 'Copied to the clipboard'),
    exportAs: (d: Draft, format) =>
      act(
        async () =>
          downloadFile(
            await transport.invoke('drafts.export', { id: d.id, format, ...(format === 'txt' ? { channel } : {}) }),
          ),
        'Exported',
      ),
    rerender: (d) => act(() => transport.invoke('drafts.rerender', { id: d.id }), 'Draft rendered again'),
    remove: (d) => act(() => transport.invoke('drafts.delete', { id: d.id }), 'Draft deleted'),
    saveEdits: (d, content) => act(() => transport.invoke('drafts.update', { id: d.id, content }), 'Edits saved'),
  };

  return (
    <div className="drafts-page" style={{ display: 'grid', gap: 12 }}>
      <StepAndChannel
        label={sourceLabel(source)}
        steps={steps}
        step={step}
        onStep={(s) => {
          setChosen(true);
          setStep(s);
        }}
        channel={channel}
        onChannel={setChannel}
      />

      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      {problem && (
        <p role="alert" className="banner banner--warning">
          {problem}
        </p>
      )}
      {templates.error && <p role="alert">{templates.error.message}</p>}
      {preview.error && <p role="alert">{preview.error.message}</p>}

      <div
        className="drafts-split"
        style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}
      >
        <TemplatePanel
          step={step}
          kind={source?.kind ?? stepKind(step)}
          channel={channel}
          template={template}
          parts={parts}
          dirty={dirty}
          issues={preview.issues}
          readOnly={readOnly}
          onEdit={edit}
          onSave={() =>
            act(async () => {
              await transport.invoke('templates.save', { step, parts: parts! });
              setUnsaved((u) => ({ ...u, [step]: undefined }));
            }, 'Template saved as a new version')
          }
          onDiscard={() => setUnsaved((u) => ({ ...u, [step]: undefined }))}
          onReset={() =>
            act(async () => {
              await transport.invoke('templates.reset', { step });
              setUnsaved((u) => ({ ...u, [step]: undefined }));
            }, 'Template reset to the default')
          }
        />
        <PreviewPanel
          channel={channel}
          preview={preview}
          canSaveDraft={!!source && !readOnly}
          dirty={dirty}
          onCopy={actions.copy}
          onSaveDraft={() => source && act(() => transport.invoke('drafts.create', { step, source }), 'Draft saved')}
        />
      </div>

      {source && (
        <section className="panel" aria-label="Saved drafts">
          <h3 className="panel__title">Saved drafts</h3>
          {drafts.error && <p role="alert">{drafts.error.message}</p>}
          <SavedDrafts drafts={drafts.data ?? []} channel={channel} readOnly={readOnly} actions={actions} />
        </section>
      )}
    </div>
  );
}
