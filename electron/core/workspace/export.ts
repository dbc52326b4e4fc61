import { yaml } from './parse';
import { WORKSPACE_VERSION } from './schema';
import { SECTIONS } from './sections';
import type { ReadCtx } from './sections/types';
import type { WorkspaceTables } from './tables';
import { refsIn } from './secret-refs';

export const SCHEMA_HINT = '# yaml-language-server: $schema=./lookout.schema.json';

/**
 * The workspace as YAML: every section, defaults written out, secrets as the references they were
 * applied with. A secret entered in the console has no reference yet: it is written as
 * `${secret:<monitor>.<header>}` and named in `notes`, for `lookout secret set`.
 */
export function exportWorkspace(t: WorkspaceTables): { text: string; notes: string[] } {
  const ctx: ReadCtx = { t, slugs: new Map() };
  const doc: Record<string, unknown> = { version: WORKSPACE_VERSION };
  const notes: string[] = [];
  const named = new Set(t.ids.secretNames());
  for (const section of SECTIONS) {
    const items = section.read(ctx);
    doc[section.key] = section.toFile(items);
    for (const item of items) {
      for (const text of Object.values(item.refs ?? {})) {
        for (const r of refsIn(text))
          if (r.scheme === 'secret' && !named.has(r.name))
            notes.push(
              `${section.label} ${item.key}: ${r.text} is not stored yet; add it with \`lookout secret set ${r.name}\``,
            );
      }
    }
  }
  const body = yaml().stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  return { text: `${SCHEMA_HINT}\n${body}`, notes };
}
