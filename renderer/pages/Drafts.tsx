import { useEffect, useState } from 'react';
import {
  CHANNELS,
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
import { ChannelPreview, CHANNEL_LABELS, channelText } from '../components/drafts/ChannelPreview';
import { copyText, downloadFile } from '../components/drafts/clipboard';
import { parseDraftsHash } from '../components/drafts/hash';
import { SavedDrafts, type SavedDraftActions } from '../components/drafts/SavedDrafts';
import { TemplateEditor } from '../components/drafts/TemplateEditor';
import { VariablesReference } from '../components/drafts/VariablesReference';
import { asApiError } from '../hooks/useApiQuery';
import { useAppInfo } from '../hooks/useAppInfo';
import { useDraftPreview } from '../hooks/useDraftPreview';
import { useDrafts } from '../hooks/useDrafts';
import { useSuggestedStep } from '../hooks/useSuggestedStep';
import { formatDateTime } from '../lib/format';
import { useTemplates } from '../hooks/useTemplates';

function useHashSource(): DraftSource | null | undefined {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseDraftsHash(hash);
}

function sourceLabel(source: DraftSource | undefined): string {
  if (!source) return 'Sample facts (no window or incident chosen)';
  if (source.kind === 'incident') return `Incident ${source.incidentId}`;
  const occurrence = source.occurrenceStart === undefined ? '' : `, occurrence of ${formatDateTime(source.occurrenceStart)}`;
  return `Maintenance window ${source.windowId}${occurrence}`;
}

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
  const steps: readonly TemplateStep[] = source ? (source.kind === 'window' ? MAINTENANCE_STEPS : INCIDENT_STEPS) : [...MAINTENANCE_STEPS, ...INCIDENT_STEPS];
  const [step, setStep] = useState<TemplateStep>(steps[0]!);
  const [channel, setChannel] = useState<Channel>('email');
  const [unsaved, setUnsaved] = useState<Partial<Record<TemplateStep, TemplateParts>>>({});
  const [notice, setNotice] = useState<string>('');
  const [problem, setProblem] = useState<string>('');

  useEffect(() => {
    if (!steps.includes(step)) setStep(steps[0]!);
  }, [steps, step]);
  // Open on the step that fits the incident (resolved → "resolved"), once, unless the operator chose one.
  const suggested = useSuggestedStep(source);
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    if (suggested && !chosen && steps.includes(suggested)) setStep(suggested);
  }, [suggested, chosen, steps]);

  const templates = useTemplates();
  const template = templates.data?.find((t) => t.step === step);
  const parts = unsaved[step] ?? template?.parts;
  const dirty = !!(template && unsaved[step] && !same(unsaved[step], template.parts));
  const preview = useDraftPreview({ step, source, parts });
  const drafts = useDrafts(source);

  function act(run: () => Promise<unknown>, done: string): void {
    setProblem('');
    run().then(
      () => setNotice(done),
      (err: unknown) => {
        setNotice('');
        setProblem(asApiError(err).message);
      },
    );
  }

  function edit(part: TemplatePart, text: string): void {
    if (!parts) return;
    setUnsaved((u) => ({ ...u, [step]: { ...parts, [part]: text } }));
  }

  const actions: SavedDraftActions = {
    copy: (text) => act(() => copyText(text), 'Copied to the clipboard'),
    exportAs: (d: Draft, format) =>
      act(async () => downloadFile(await transport.invoke('drafts.export', { id: d.id, format, ...(format === 'txt' ? { channel } : {}) })), 'Exported'),
    rerender: (d) => act(() => transport.invoke('drafts.rerender', { id: d.id }), 'Draft rendered again'),
    remove: (d) => act(() => transport.invoke('drafts.delete', { id: d.id }), 'Draft deleted'),
    saveEdits: (d, content) => act(() => transport.invoke('drafts.update', { id: d.id, content }), 'Edits saved'),
  };

  return (
    <div className="drafts-page" style={{ display: 'grid', gap: 12 }}>
      <header style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <h2 style={{ margin: 0 }}>Notice drafts</h2>
        <span className="muted">{sourceLabel(source)}</span>
        <label>
          Step{' '}
          <select
            value={step}
            onChange={(e) => {
              setChosen(true);
              setStep(e.target.value as TemplateStep);
            }}
          >
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
          <button key={c} type="button" role="tab" aria-selected={c === channel} className={c === channel ? 'tag' : undefined} onClick={() => setChannel(c)}>
            {CHANNEL_LABELS[c]}
          </button>
        ))}
      </div>

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

      <div className="drafts-split" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}>
        <section className="panel" aria-label="Template">
          <h3 className="panel__title">
            Template: {step} {template && <span className="muted">v{template.version}{template.isDefault ? ' (default)' : ''}{dirty ? ' · unsaved changes' : ''}</span>}
          </h3>
          {parts && <TemplateEditor channel={channel} parts={parts} issues={preview.issues} disabled={readOnly} onChange={edit} />}
          {!readOnly && (
            <div style={{ display: 'flex', gap: 6 }}>
              <button
                type="button"
                disabled={!dirty || preview.issues.length > 0}
                title={preview.issues.length > 0 ? 'Fix the errors first' : undefined}
                onClick={() =>
                  act(async () => {
                    await transport.invoke('templates.save', { step, parts: parts! });
                    setUnsaved((u) => ({ ...u, [step]: undefined }));
                  }, 'Template saved as a new version')
                }
              >
                Save template
              </button>
              <button type="button" disabled={!dirty} onClick={() => setUnsaved((u) => ({ ...u, [step]: undefined }))}>
                Discard changes
              </button>
              <button
                type="button"
                disabled={template?.isDefault && !dirty}
                onClick={() =>
                  act(async () => {
                    await transport.invoke('templates.reset', { step });
                    setUnsaved((u) => ({ ...u, [step]: undefined }));
                  }, 'Template reset to the default')
                }
              >
                Reset to default
              </button>
            </div>
          )}
          <VariablesReference kind={source?.kind ?? stepKind(step)} />
        </section>

        <section className="panel" aria-label="Preview">
          <h3 className="panel__title">Preview {preview.pending && <span className="muted">…</span>}</h3>
          <ChannelPreview channel={channel} rendered={preview.rendered} limits={preview.limits} />
          {preview.issues.length > 0 && <p className="muted">Showing the last text that rendered; fix the template to update it.</p>}
          <div style={{ display: 'flex', gap: 6 }}>
            <button type="button" onClick={() => actions.copy(channelText(channel, preview.rendered))}>
              Copy {CHANNEL_LABELS[channel]}
            </button>
            {source && !readOnly && (
              <button
                type="button"
                disabled={dirty}
                title={dirty ? 'Save the template first: drafts remember the template version they came from' : undefined}
                onClick={() => act(() => transport.invoke('drafts.create', { step, source }), 'Draft saved')}
              >
                Save draft
              </button>
            )}
          </div>
        </section>
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
