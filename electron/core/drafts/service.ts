import type { Output, ParsedInput } from '../../../shared/api';
import {
  CHANNEL_PARTS,
  TEMPLATE_PARTS,
  TemplateStep,
  stepKind,
  type Draft,
  type DraftContent,
  type DraftSource,
  type ExportFormat,
  type ExportedFile,
  type IncidentContext,
  type SourceContext,
  type Template,
  type TemplateIssue,
  type TemplatePart,
  type TemplateParts,
  type WindowContext,
} from '../../../shared/drafts';
import { ApiError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { DraftRow, DraftStore } from '../store/drafts';
import { limitsOf, toEml } from './channels';
import { DEFAULT_TEMPLATES } from './defaults';
import { render, type RenderEnv } from './engine';
import { assertZone, FormatError } from './format';
import { SAMPLE_CONTEXTS } from './samples';
import { variablesReference } from './variables';

export interface DraftsDeps {
  store: DraftStore;
  settings: { get(): Settings };
  now: () => number;
  /** The facts of a window (occurrence) or incident now; undefined when it does not exist. */
  resolveSource(source: DraftSource): WindowContext | IncidentContext | undefined;
  /** Changes whenever the source's facts change (a window moved); compared to mark drafts outdated. */
  sourceVersion(source: DraftSource): string | number | undefined;
  /** Told after a draft or template changes (the `drafts` event). */
  onChange?(change: { reason: 'template' | 'created' | 'updated' | 'deleted'; id?: number }): void;
}

/** The lookups the core wires to maintenance windows and incidents. */
export type DraftSources = Pick<DraftsDeps, 'resolveSource' | 'sourceVersion'>;

/** Until windows and incidents are wired in, every source is reported missing (drafts say so). */
export const unwiredDraftSources: DraftSources = { resolveSource: () => undefined, sourceVersion: () => undefined };

type DraftsMethods =
  | 'templates.list'
  | 'templates.get'
  | 'templates.save'
  | 'templates.reset'
  | 'drafts.preview'
  | 'drafts.create'
  | 'drafts.list'
  | 'drafts.get'
  | 'drafts.update'
  | 'drafts.delete'
  | 'drafts.rerender'
  | 'drafts.export'
  | 'drafts.variables';

const same = (a: TemplateParts, b: TemplateParts) => TEMPLATE_PARTS.every((p) => a[p] === b[p]);

export function describeSource(source: DraftSource): string {
  return source.kind === 'window' ? `Maintenance window ${source.windowId}` : `Incident ${source.incidentId}`;
}

/** Sync handlers: callers in the core and tests get the plain result, and it still satisfies Service. */
export function createDraftsHandlers(deps: DraftsDeps): { [K in DraftsMethods]: (input: ParsedInput<K>) => Output<K> } {
  const { store } = deps;

  function template(step: TemplateStep): Template {
    const row = store.currentTemplate(step);
    const parts = row?.parts ?? DEFAULT_TEMPLATES[step];
    return {
      step,
      kind: stepKind(step),
      version: row?.version ?? 0,
      parts,
      isDefault: same(parts, DEFAULT_TEMPLATES[step]),
      updatedAt: row?.createdAt ?? null,
    };
  }

  function partsAt(step: TemplateStep, version: number): TemplateParts {
    if (version === 0) return DEFAULT_TEMPLATES[step];
    const row = store.templateVersion(step, version);
    if (!row) throw new ApiError('not_found', `The ${step} template has no version ${version}`);
    return row.parts;
  }

  function contextOf(source: DraftSource): SourceContext {
    const found = deps.resolveSource(source);
    if (!found) throw new ApiError('not_found', `${describeSource(source)} does not exist`);
    return source.kind === 'window'
      ? { kind: 'window', window: found as WindowContext }
      : { kind: 'incident', incident: found as IncidentContext };
  }

  /** Facts supplied by the caller (a page that already holds the incident); must match the source's kind. */
  function snapshotOf(source: DraftSource, context: SourceContext): SourceContext {
    if (context.kind !== source.kind) {
      throw new ApiError('invalid_input', `The context is a ${context.kind} but the source is a ${source.kind}`, [
        { path: 'context.kind', message: `Expected ${source.kind}` },
      ]);
    }
    return context;
  }

  function checkKind(step: TemplateStep, source: DraftSource): void {
    if (stepKind(step) !== source.kind) {
      throw new ApiError(
        'invalid_input',
        `The ${step} template is for ${stepKind(step) === 'window' ? 'maintenance windows' : 'incidents'}, not for ${describeSource(source).toLowerCase()}`,
        [{ path: 'step', message: `Choose a ${source.kind === 'window' ? 'maintenance' : 'incident'} step` }],
      );
    }
  }

  function zonesOr(given: string[] | undefined): string[] {
    const zones = given ?? deps.settings.get().audienceZones;
    zones.forEach((z, i) => {
      try {
        assertZone(z);
      } catch (err) {
        throw new ApiError('invalid_input', `Audience zone ${i + 1}: ${(err as FormatError).message}`, [
          { path: `audienceZones.${i}`, message: (err as FormatError).message },
        ]);
      }
    });
    return zones;
  }

  function scopeOf(ctx: SourceContext, audienceZones: string[]): { scope: object; env: RenderEnv } {
    const base = { audienceZones, contact: deps.settings.get().contact, now: deps.now() };
    if (ctx.kind === 'window') {
      const zone = ctx.window.zone;
      return {
        scope: { ...base, window: ctx.window, services: ctx.window.services, zone },
        env: { zone, zones: [zone, ...audienceZones] },
      };
    }
    const zone = audienceZones[0] ?? 'UTC';
    return {
      scope: { ...base, incident: ctx.incident, services: ctx.incident.services, zone },
      env: { zone, zones: audienceZones.length > 0 ? audienceZones : [zone] },
    };
  }

  function renderParts(
    parts: TemplateParts,
    which: readonly TemplatePart[],
    ctx: SourceContext,
    audienceZones: string[],
  ) {
    const { scope, env } = scopeOf(ctx, audienceZones);
    const rendered: Partial<DraftContent> = {};
    const issues: TemplateIssue[] = [];
    for (const part of which) {
      const r = render(part, parts[part], ctx.kind, scope, env);
      if (r.ok) rendered[part] = r.text;
      else issues.push(r.issue);
    }
    return { rendered, issues };
  }

  function renderAll(
    step: TemplateStep,
    parts: TemplateParts,
    ctx: SourceContext,
    audienceZones: string[],
  ): DraftContent {
    const { rendered, issues } = renderParts(parts, TEMPLATE_PARTS, ctx, audienceZones);
    if (issues.length > 0) throw templateError(step, issues);
    return rendered as DraftContent;
  }

  function toDraft(row: DraftRow): Draft {
    const current = deps.sourceVersion(row.source);
    const sourceMissing = current === undefined;
    return {
      id: row.id,
      source: row.source,
      step: row.step,
      templateVersion: row.templateVersion,
      context: row.context,
      audienceZones: row.audienceZones,
      content: row.content,
      edited: row.edited,
      outdated: !sourceMissing && String(current) !== row.sourceVersion,
      sourceMissing,
      limits: limitsOf(row.content),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  function existing(id: number): DraftRow {
    const row = store.getDraft(id);
    if (!row) throw new ApiError('not_found', `Draft ${id} does not exist`);
    return row;
  }

  function versionOf(source: DraftSource): string | null {
    const v = deps.sourceVersion(source);
    return v === undefined ? null : String(v);
  }

  return {
    'templates.list': () => TemplateStep.options.map(template),
    'templates.get': ({ step, version }) => {
      const current = template(step);
      const shown = version === undefined ? current : { ...current, version, parts: partsAt(step, version) };
      const saved = store.templateVersions(step).map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        isDefault: same(v.parts, DEFAULT_TEMPLATES[step]),
      }));
      return {
        ...shown,
        isDefault: same(shown.parts, DEFAULT_TEMPLATES[step]),
        versions: [...saved, { version: 0, createdAt: null, isDefault: true }],
      };
    },
    'templates.save': ({ step, parts }) => {
      const issues = checkTemplate(step, parts);
      if (issues.length > 0) throw templateError(step, issues);
      store.saveTemplate(step, parts);
      deps.onChange?.({ reason: 'template' });
      return template(step);
    },
    'templates.reset': ({ step }) => {
      // A reset is a new version too, so drafts made from the edited text still name what they used.
      store.saveTemplate(step, DEFAULT_TEMPLATES[step]);
      deps.onChange?.({ reason: 'template' });
      return template(step);
    },
    'drafts.preview': ({ step, source, parts, channel, audienceZones }) => {
      if (source) checkKind(step, source);
      const ctx = source ? contextOf(source) : SAMPLE_CONTEXTS[stepKind(step)];
      const full = { ...template(step).parts, ...parts };
      const which = channel ? CHANNEL_PARTS[channel] : TEMPLATE_PARTS;
      const { rendered, issues } = renderParts(full, which, ctx, zonesOr(audienceZones));
      return { rendered, limits: limitsOf(rendered), issues };
    },
    'drafts.create': ({ step, source, audienceZones, context }) => {
      checkKind(step, source);
      const ctx = context ? snapshotOf(source, context) : contextOf(source);
      const zones = zonesOr(audienceZones);
      const t = template(step);
      const content = renderAll(step, t.parts, ctx, zones);
      const row = store.insertDraft({
        source,
        step,
        templateVersion: t.version,
        sourceVersion: versionOf(source),
        context: ctx,
        audienceZones: zones,
        content,
      });
      deps.onChange?.({ reason: 'created', id: row.id });
      return toDraft(row);
    },
    'drafts.list': ({ source }) => {
      const id = source.kind === 'window' ? source.windowId : source.incidentId;
      return store
        .listDrafts(source.kind, id)
        .filter(
          (d) =>
            source.kind !== 'window' ||
            source.occurrenceStart === undefined ||
            d.source.kind !== 'window' ||
            d.source.occurrenceStart === source.occurrenceStart,
        )
        .map(toDraft);
    },
    'drafts.get': ({ id }) => toDraft(existing(id)),
    'drafts.update': ({ id, content }) => {
      const row = existing(id);
      const next = store.updateDraft(id, { content: { ...row.content, ...content }, edited: true })!;
      deps.onChange?.({ reason: 'updated', id });
      return toDraft(next);
    },
    'drafts.delete': ({ id }) => {
      existing(id);
      store.deleteDraft(id);
      deps.onChange?.({ reason: 'deleted', id });
      return { id };
    },
    'drafts.rerender': ({ id }) => {
      const row = existing(id);
      // A source that no longer exists re-renders from its snapshot (e.g. after a template edit).
      const ctx = deps.resolveSource(row.source) === undefined ? row.context : contextOf(row.source);
      const t = template(row.step);
      const content = renderAll(row.step, t.parts, ctx, row.audienceZones);
      const next = store.updateDraft(id, {
        content,
        edited: false,
        templateVersion: t.version,
        sourceVersion: versionOf(row.source),
        context: ctx,
      })!;
      deps.onChange?.({ reason: 'updated', id });
      return toDraft(next);
    },
    'drafts.export': ({ id, format, channel }) => exportDraft(existing(id), format, channel, deps),
    'drafts.variables': () => variablesReference(),
  };
}

/** Compiles every part and renders it against sample facts of the template's kind. */
export function checkTemplate(step: TemplateStep, parts: TemplateParts): TemplateIssue[] {
  const kind = stepKind(step);
  const ctx = SAMPLE_CONTEXTS[kind];
  const zones = ['Europe/London', 'America/New_York'];
  const env: RenderEnv =
    ctx.kind === 'window' ? { zone: ctx.window.zone, zones: [ctx.window.zone, ...zones] } : { zone: zones[0]!, zones };
  const scope =
    ctx.kind === 'window'
      ? {
          window: ctx.window,
          services: ctx.window.services,
          zone: env.zone,
          audienceZones: zones,
          contact: SAMPLE_CONTACT,
          now: ctx.window.start,
        }
      : {
          incident: ctx.incident,
          services: ctx.incident.services,
          zone: env.zone,
          audienceZones: zones,
          contact: SAMPLE_CONTACT,
          now: ctx.incident.start,
        };
  const issues: TemplateIssue[] = [];
  for (const part of TEMPLATE_PARTS) {
    const r = render(part, parts[part], kind, scope, env);
    if (!r.ok) issues.push(r.issue);
  }
  return issues;
}

const SAMPLE_CONTACT = {
  team: 'Platform operations',
  email: 'ops@example.com',
  phone: '+27 21 555 0100',
  statusPage: 'https://status.example.com',
};

function templateError(step: TemplateStep, issues: TemplateIssue[]): ApiError {
  const first = issues[0]!;
  return new ApiError(
    'template_error',
    `The ${step} template has ${issues.length === 1 ? 'an error' : `${issues.length} errors`}: ${first.message}`,
    issues.map((i) => ({ path: `parts.${i.part}`, message: i.message })),
  );
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'notice'
  );
}

function exportDraft(
  row: DraftRow,
  format: ExportFormat,
  channel: 'email' | 'sms' | 'banner' | 'chat' | undefined,
  deps: DraftsDeps,
): ExportedFile {
  const title = row.context.kind === 'window' ? row.context.window.title : row.context.incident.monitor;
  const base = `${slug(title)}-${row.step}`;
  const { content } = row;
  if (format === 'eml') {
    const contact = deps.settings.get().contact;
    const eml = toEml({
      subject: content.subject,
      body: content.body,
      fromName: contact.team,
      fromEmail: contact.email,
      date: deps.now(),
    });
    return { filename: `${base}.eml`, mimeType: 'message/rfc822', content: eml };
  }
  if (format === 'md')
    return { filename: `${base}.md`, mimeType: 'text/markdown; charset=utf-8', content: `${content.chat}\n` };
  const text =
    channel === 'sms'
      ? content.sms
      : channel === 'banner'
        ? content.banner
        : channel === 'chat'
          ? content.chat
          : `Subject: ${content.subject}\n\n${content.body}`;
  return {
    filename: `${base}${channel && channel !== 'email' ? `-${channel}` : ''}.txt`,
    mimeType: 'text/plain; charset=utf-8',
    content: `${text}\n`,
  };
}
