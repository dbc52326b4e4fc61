import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { openStore } from '../../electron/core/store';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { openWorkspaceDb } from '../../electron/core/workspace/open';
import { storeWorkspaceTables } from '../../electron/core/workspace/tables';
import { watchWorkspaceApplies } from '../../electron/core/workspace/watch';
import { FakeClock } from '../support/fake-clock';
import { parsed } from './workspace-fixture';

const cleanup: (() => void)[] = [];
afterEach(() =>
  cleanup
    .splice(0)
    .reverse()
    .forEach((c) => c()),
);
const FILE = 'version: 1\nmonitors:\n  - { id: a, name: A, kind: tcp, config: { host: 127.0.0.1, port: 9 } }\n';

describe('the console watches for applies by another process', () => {
  test('fires once per apply from another connection; not for its own writes, other writers or an apply with nothing to do', async () => {
    // The console's side is its store; the CLI's its own connection (workspace/open.ts).
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-ws-'));
    const file = path.join(dir, 'lookout.db');
    const consoleSide = openStore({ path: file });
    cleanup.push(() => consoleSide.close());
    const consoleTables = storeWorkspaceTables(consoleSide, createKeyFileBox(path.join(dir, 'secrets.key')), Date.now);
    let fired = 0;
    const clock = new FakeClock(Date.now());
    const wait = (ms: number) => clock.advance(ms);
    cleanup.push(watchWorkspaceApplies(consoleSide, () => fired++, 20, clock));

    // The console's own writes (its connection) do not change data_version for itself.
    applyWorkspace(parsed(FILE), consoleTables, { prune: false, env: {} });
    await wait(80);
    expect(fired).toBe(0);

    const cli = openWorkspaceDb(file);
    cleanup.push(() => cli.close());
    // Another writer that is not an apply (a backup tool, a second console's results).
    cli.tables.settings.set('unrelated', 'x');
    await wait(80);
    expect(fired).toBe(0);

    applyWorkspace(parsed(FILE.replace('name: A', 'name: B')), cli.tables, { prune: false, env: {} });
    await wait(80);
    expect(fired).toBe(1);
    // Nothing to change: no revision bump, no refresh.
    applyWorkspace(parsed(FILE.replace('name: A', 'name: B')), cli.tables, { prune: false, env: {} });
    await wait(80);
    expect(fired).toBe(1);
  });
});
