import { z } from 'zod';
import { TEMPLATE_PARTS, TemplateParts, TemplateStep, type TemplateParts as Parts } from '../../../../shared/drafts';
import { DEFAULT_TEMPLATES } from '../../drafts/defaults';
import { checkTemplate } from '../../drafts/service';
import type { Item, SectionDef, SectionIssue } from './types';

/**
 * Notice templates by lifecycle step; a part left out is the shipped wording. Only parts that
 * differ from it are exported, so a file says what this team changed.
 */
const TemplatesFile = z.strictObject(
  Object.fromEntries(TemplateStep.options.map((s) => [s, TemplateParts.partial().optional()])) as unknown as Record<
    TemplateStep,
    z.ZodOptional<z.ZodType<Partial<Parts>>>
  >,
);
type TemplatesFile = Partial<Record<TemplateStep, Partial<Parts>>>;

/** The parts that differ from the shipped ones, in part order. */
function changedParts(step: TemplateStep, parts: Partial<Parts>): Partial<Parts> {
  const out: Partial<Parts> = {};
  for (const p of TEMPLATE_PARTS)
    if (parts[p] !== undefined && parts[p] !== DEFAULT_TEMPLATES[step][p]) out[p] = parts[p];
  return out;
}

export const templatesSection: SectionDef<TemplatesFile> = {
  key: 'templates',
  label: 'template',
  schema: TemplatesFile,
  unlisted: true,
  isDefault: (item) => Object.keys(item.value as object).length === 0,
  check(file) {
    const issues: SectionIssue[] = [];
    for (const [step, parts] of Object.entries(file) as [TemplateStep, Partial<Parts>][]) {
      // The drafts module's own check: unknown variables and filters, syntax, rendering with sample facts.
      for (const i of checkTemplate(step, { ...DEFAULT_TEMPLATES[step], ...parts })) {
        issues.push({
          path: [step, i.part],
          message: i.message,
          ...(parts[i.part] !== undefined ? { inner: { line: i.line, column: i.column } } : {}),
        });
      }
    }
    return issues;
  },
  items: (file) =>
    (Object.entries(file) as [TemplateStep, Partial<Parts>][]).map(([step, parts]) => ({
      key: step,
      name: step,
      value: changedParts(step, parts),
    })),
  read: ({ t }) =>
    TemplateStep.options.map((step) => ({
      key: step,
      name: step,
      value: changedParts(step, t.drafts.currentTemplate(step)?.parts ?? DEFAULT_TEMPLATES[step]),
    })),
  toFile: (items) =>
    Object.fromEntries(items.filter((i) => Object.keys(i.value as object).length > 0).map((i) => [i.key, i.value])),
  write(ops, { t }) {
    const save = (item: Item, parts: Partial<Parts>) =>
      t.drafts.saveTemplate(item.key as TemplateStep, { ...DEFAULT_TEMPLATES[item.key as TemplateStep], ...parts });
    for (const item of ops.create) save(item, item.value as Partial<Parts>);
    for (const { item } of ops.change) save(item, item.value as Partial<Parts>);
    // Pruned = back to the shipped wording, as a new version (what templates.reset does).
    for (const item of ops.remove) save(item, {});
    return new Map();
  },
};
