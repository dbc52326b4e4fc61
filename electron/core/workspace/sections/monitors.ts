import { z } from 'zod';
import { MonitorFields, PROBE_KINDS, type MonitorDraft, type ProbeSpec } from '../../../../shared/monitor';
import { sealSecrets } from '../../secrets/monitor-secrets';
import { checkSecretRefs, secretHeaders } from '../secret-refs';
import { Slug, slugsOf } from '../slugs';
import type { Item, SectionDef, SectionIssue } from './types';

/** A monitor as the file writes it: the console's own fields and kind configs, plus the file's `id`. */
const options = Object.entries(PROBE_KINDS).map(([kind, config]) =>
  z.strictObject({ id: Slug, ...MonitorFields.shape, kind: z.literal(kind), config }),
);
const MonitorFile = z.discriminatedUnion(
  'kind',
  options as unknown as [(typeof options)[number], ...(typeof options)[number][]],
);
type MonitorFile = MonitorDraft & { id: string };

export const monitorsSection: SectionDef<MonitorFile[]> = {
  key: 'monitors',
  label: 'monitor',
  schema: z.array(MonitorFile).max(20_000) as unknown as z.ZodType<MonitorFile[]>,
  slugs: 'monitors',
  unlisted: true,
  check(list, env) {
    const issues: SectionIssue[] = duplicateIds(list);
    list.forEach((m, i) => issues.push(...checkSecretRefs(m, env, [i])));
    return issues;
  },
  items: (list) => list.map((m) => ({ key: m.id, name: m.name, value: m, refs: Object.fromEntries(secretHeaders(m)) })),
  read({ t, slugs }) {
    const rows = t.monitors.list();
    const recorded = t.ids.slugs('monitors');
    const slugOf = slugsOf(rows, recorded, (m) => m.name, 'monitor');
    slugs.set('monitors', slugOf);
    const refsOf = new Map(recorded.map((r) => [r.dbId, r.refs]));
    return rows.map((m) => {
      const slug = slugOf.get(m.id)!;
      const refs = refsOf.get(m.id) ?? {};
      const spec = withSecrets(m, (path, name) => refs[path] ?? `\${secret:${slug}.${name.toLowerCase()}}`);
      const value = {
        id: slug,
        name: m.name,
        group: m.group,
        intervalSec: m.intervalSec,
        retries: m.retries,
        paused: m.paused,
        ...(m.sloTarget === null || m.sloTarget === undefined ? {} : { sloTarget: m.sloTarget }),
        ...(m.vantage ? { vantage: m.vantage } : {}),
        kind: spec.kind,
        config: spec.config,
      };
      return { key: slug, name: m.name, value, dbId: m.id, refs: Object.fromEntries(secretHeaders(spec)) };
    });
  },
  toFile: (items) => items.map((i) => i.value),
  write(ops, { t, resolve }) {
    const created = new Map<string, number>();
    const draftOf = (item: Item): MonitorDraft => {
      const { id: _slug, ...draft } = item.value as MonitorFile;
      const resolved = withSecrets(draft, (_path, _name, value) => resolve(value));
      return sealSecrets(resolved, t.box);
    };
    for (const item of ops.create) created.set(item.key, t.monitors.create(draftOf(item)).id);
    for (const { item, dbId } of ops.change) t.monitors.update(dbId, draftOf(item));
    for (const item of ops.remove) t.monitors.delete(item.dbId!);
    return created;
  },
};

/** A copy of the spec with each secret header value replaced. */
function withSecrets<T extends ProbeSpec>(spec: T, fn: (path: string, header: string, value: string) => string): T {
  const secrets = secretHeaders(spec);
  if (secrets.size === 0) return spec;
  const copy = structuredClone(spec);
  for (const [path, value] of secrets) {
    const parts = path.split('.');
    const header = parts.pop()!;
    // secretHeaders names paths that exist in the spec, each step an object.
    let at = copy as unknown as Record<string, unknown>;
    for (const p of parts) at = at[p] as Record<string, unknown>;
    at[header] = fn(path, header, value);
  }
  return copy;
}

export function duplicateIds(list: readonly { id: string }[]): SectionIssue[] {
  const seen = new Map<string, number>();
  const issues: SectionIssue[] = [];
  list.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined)
      issues.push({
        path: [i, 'id'],
        message: `The id ${item.id} is already used by item ${first + 1} of this list; ids are unique`,
      });
    else seen.set(item.id, i);
  });
  return issues;
}
