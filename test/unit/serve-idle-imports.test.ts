import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../..');

/** The files serve mode evaluates at start: electron/serve.ts and its static imports, transitively. */
async function loadedAtStart(): Promise<Set<string>> {
  const { metafile } = await build({
    entryPoints: ['electron/serve.ts'],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: 'unused',
    logLevel: 'silent',
  });
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit('electron/serve.ts');
  return seen;
}

describe('what idle serve mode loads', () => {
  // Each costs memory in every console that never uses it; they load with import() on first use
  // (electron/core/lazy-import.ts). A static import of one from anywhere at start undoes that.
  it('leaves reports, the workspace file and the probe kinds to their first use', async () => {
    const files = [...(await loadedAtStart())];
    expect(files).toContain('electron/core/app.ts');
    const early = files.filter((f) =>
      /^electron\/core\/(report\/|workspace\/(service|apply|validate|plan|export)\.ts|probes\/(registry\.ts|http\/))/.test(
        f,
      ),
    );
    expect(early).toEqual([]);
  }, 30_000);
});
