import { z } from 'zod';
import { SECTIONS } from './sections';

export const WORKSPACE_VERSION = 1;

/** The whole file: `version: 1` and every section of the registry, each optional. */
export const WorkspaceFile = z.strictObject({
  version: z.literal(WORKSPACE_VERSION, { error: `Write \`version: ${WORKSPACE_VERSION}\` at the top of the file` }),
  ...Object.fromEntries(SECTIONS.map((s) => [s.key, s.schema.optional()])),
});

/**
 * JSON Schema of the file for editors (yaml-language-server): input shape, so fields with a
 * default are optional. Rules a JSON Schema cannot say (refinements) are left to `lookout validate`.
 */
export function workspaceJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WorkspaceFile, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  // `x-…` keys at the top hold anchors (`x-defaults: &d {…}`, then `<<: *d`); lookout ignores them.
  return {
    ...schema,
    patternProperties: { '^x-': {} },
    title: 'Lookout workspace',
    description:
      'Monitors, groups, maintenance windows, peak events, notice templates and settings of a Lookout console.',
  };
}
