import { afterEach, describe, expect, test } from 'vitest';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { openWorkspaceDb } from '../../electron/core/workspace/open';
import { watchWorkspaceApplies } from '../../electron/core/workspace/watch';
import { FakeClock } from '../support/fake-clock';
import { freshDb, parsed } from './workspace-fixture';

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
    const consoleSide = freshDb();
    cleanup.push(() => consoleSide.close());
    let fired = 0;
    const clock = new FakeClock(Date.now());
    const wait = (ms: number) => clock.advance(ms);
    cleanup.push(watchWorkspaceApplies(consoleSide.tables.db, () => fired++, 20, clock));

    // The console's own writes (its connection) do not change data_version for itself.
    applyWorkspace(parsed(FILE), consoleSide.tables, { prune: false, env: {} });
    await wait(80);
    expect(fired).toBe(0);

    const cli = openWorkspaceDb(consoleSide.path);
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
