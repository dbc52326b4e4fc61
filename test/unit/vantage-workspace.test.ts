import { afterEach, expect, test } from 'vitest';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { exportWorkspace } from '../../electron/core/workspace/export';
import { hasChanges, planWorkspace } from '../../electron/core/workspace/plan';
import { freshDb, parsed } from './workspace-fixture';

// A monitor's vantage option travels through the workspace file like its other fields.
const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((o) => o.close()));

const FILE = `version: 1
monitors:
  - id: master
    name: Live master playlist
    group: Live streaming
    kind: http
    config: { url: 'https://stream.example/live/master.m3u8' }
    vantage:
      selector: 'probe_success{job="blackbox", instance="https://stream.example/live/master.m3u8"}'
      quorum: 2
`;

test('a vantage option is applied, exported as it was, and an unchanged file plans no change', () => {
  const a = freshDb();
  opened.push(a);
  applyWorkspace(parsed(FILE), a.tables, { prune: false, env: {} });
  expect(a.tables.monitors.list()[0]!.vantage).toEqual({
    selector: 'probe_success{job="blackbox", instance="https://stream.example/live/master.m3u8"}',
    regionLabel: 'region',
    quorum: 2,
  });
  const out = exportWorkspace(a.tables).text;
  expect(out).toContain('selector: probe_success{job="blackbox", instance="https://stream.example/live/master.m3u8"}');
  expect(hasChanges(planWorkspace(parsed(out), a.tables, { prune: false }))).toBe(false);
});

test('a selector that does not parse is refused with its place in the file', () => {
  expect(() => parsed(FILE.replace('master.m3u8"}\'', 'master.m3u8"\''))).toThrow(/vantage\.selector|selector/);
});
