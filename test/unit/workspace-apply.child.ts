// Applies a workspace file and stops inside the transaction, after the monitors are written, so
// the parent can SIGKILL it there (workspace-apply.test.ts). Bundled by the test with esbuild.
import { readFileSync } from 'node:fs';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { openWorkspaceDb } from '../../electron/core/workspace/open';
import { validateWorkspace } from '../../electron/core/workspace/validate';

const [dbPath, file] = process.argv.slice(2) as [string, string];
const opened = openWorkspaceDb(dbPath);
const v = validateWorkspace(readFileSync(file), { env: process.env });
if (!v.ok) throw new Error(JSON.stringify(v.issues));
applyWorkspace(v.workspace, opened.tables, {
  prune: true,
  env: process.env,
  afterSection(key) {
    if (key !== 'monitors') return;
    process.stdout.write(`midway ${opened.tables.monitors.list().length}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
process.stdout.write('finished\n');
