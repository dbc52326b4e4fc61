import { afterEach, describe, expect, test } from 'vitest';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { exportWorkspace } from '../../electron/core/workspace/export';
import { hasChanges, planLines, planWorkspace } from '../../electron/core/workspace/plan';
import { freshDb, parsed, SAMPLE } from './workspace-fixture';

const env = { API_TOKEN: 'tok-1' };
const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((o) => o.close()));
function db() {
  const d = freshDb();
  opened.push(d);
  return d;
}

describe('plan', () => {
  test('an empty database: everything the file lists is created, by id and name', () => {
    const { tables } = db();
    const plan = planWorkspace(parsed(SAMPLE, env), tables, { prune: false });
    expect(plan.entries.filter((e) => e.action === 'create').map((e) => `${e.section} ${e.key} ${e.name}`)).toEqual([
      'monitors api-health API health',
      'monitors stream-origin Stream origin',
      'windows sunday-upgrade Sunday upgrade',
      'peaks final Cup final stream',
    ]);
    // Groups and templates the console ships with are there already: changes, not creations.
    expect(plan.entries.find((e) => e.section === 'groups')).toMatchObject({
      action: 'change',
      key: 'Live streaming',
      fields: [{ path: 'sloTarget', before: 0.99, after: 0.995 }],
    });
    // The shipped templates are in every database: a changed subject is a change, not a creation.
    expect(plan.entries.find((e) => e.section === 'templates')).toMatchObject({
      action: 'change',
      key: 'announce',
      fields: [{ path: 'subject', before: undefined, after: 'Planned work: {{ window.title }}' }],
    });
    expect(hasChanges(plan)).toBe(true);
  });

  test('after apply: no changes; an edit is a field-by-field change of the same row; a rename keeps the id', () => {
    const { tables } = db();
    applyWorkspace(parsed(SAMPLE, env), tables, { prune: false, env });
    expect(hasChanges(planWorkspace(parsed(SAMPLE, env), tables, { prune: false }))).toBe(false);
    const apiId = tables.monitors.list().find((m) => m.name === 'API health')!.id;

    const edited = SAMPLE.replace('name: API health', 'name: Submissions API')
      .replace('intervalSec: 30', 'intervalSec: 15')
      .replace('port: 9 }', 'port: 10 }');
    const plan = planWorkspace(parsed(edited, env), tables, { prune: false });
    expect(
      plan.entries.filter((e) => e.action === 'change').map((e) => ({ key: e.key, dbId: e.dbId, fields: e.fields })),
    ).toEqual([
      {
        key: 'api-health',
        dbId: apiId,
        fields: [
          { path: 'name', before: 'API health', after: 'Submissions API' },
          { path: 'intervalSec', before: 30, after: 15 },
        ],
      },
      { key: 'stream-origin', dbId: expect.any(Number), fields: [{ path: 'config.port', before: 9, after: 10 }] },
    ]);
    expect(planLines(plan)).toContain(`~ monitor api-health "Submissions API" (#${apiId}): change`);
    expect(planLines(plan)).toContain('    intervalSec: 30 -> 15');
    applyWorkspace(parsed(edited, env), tables, { prune: false, env });
    expect(tables.monitors.get(apiId)).toMatchObject({ name: 'Submissions API', intervalSec: 15 });
  });

  test('unlisted items are reported and left; --prune deletes them', () => {
    const { tables } = db();
    applyWorkspace(parsed(SAMPLE, env), tables, { prune: false, env });
    const fewer = SAMPLE.replace(/ {2}- id: stream-origin[\s\S]*?port: 9 }\n/, '');
    const plan = planWorkspace(parsed(fewer, env), tables, { prune: false });
    expect(plan.entries.filter((e) => e.section === 'monitors')).toEqual([
      expect.objectContaining({ action: 'unlisted', key: 'stream-origin', name: 'Stream origin' }),
    ]);
    expect(planLines(plan).at(-1)).toBe('Plan: 0 to create, 0 to change, 0 to delete, 2 not in the file (left as is).');
    applyWorkspace(parsed(fewer, env), tables, { prune: false, env });
    expect(tables.monitors.list().map((m) => m.name)).toEqual(['API health', 'Stream origin']);

    const pruned = planWorkspace(parsed(fewer, env), tables, { prune: true });
    expect(pruned.entries.filter((e) => e.action === 'delete').map((e) => `${e.section} ${e.key}`)).toEqual([
      'groups Task submissions',
      'monitors stream-origin',
    ]);
    applyWorkspace(parsed(fewer, env), tables, { prune: true, env });
    expect(tables.monitors.list().map((m) => m.name)).toEqual(['API health']);
  });

  test('a section the file leaves out is not touched, even with --prune', () => {
    const { tables } = db();
    applyWorkspace(parsed(SAMPLE, env), tables, { prune: false, env });
    const plan = planWorkspace(parsed('version: 1\nsettings: { retentionDays: 7 }\n'), tables, { prune: true });
    expect(plan.entries.map((e) => `${e.action} ${e.section}`)).toEqual(['change settings']);
    expect(plan.entries[0]!.fields).toEqual([{ path: 'retentionDays', before: 30, after: 7 }]);
  });

  test('a database never given a file: its export plans back to no changes (slugs from names)', () => {
    const { tables } = db();
    tables.monitors.create({
      name: 'Edge cache',
      group: 'Web',
      intervalSec: 60,
      retries: 2,
      paused: false,
      kind: 'tcp',
      config: { host: 'edge', port: 443, timeoutMs: 5000, degradedAboveMs: 3000 },
    });
    tables.monitors.create({
      name: 'Edge cache',
      group: 'Web',
      intervalSec: 60,
      retries: 2,
      paused: false,
      kind: 'tcp',
      config: { host: 'edge2', port: 443, timeoutMs: 5000, degradedAboveMs: 3000 },
    });
    const text = exportWorkspace(tables).text;
    expect(text).toContain('id: edge-cache\n');
    expect(text).toContain('id: edge-cache-2\n');
    expect(hasChanges(planWorkspace(parsed(text), tables, { prune: true }))).toBe(false);
  });
});
