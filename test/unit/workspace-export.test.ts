import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterEach, describe, expect, test } from 'vitest';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { exportWorkspace } from '../../electron/core/workspace/export';
import { hasChanges, planWorkspace } from '../../electron/core/workspace/plan';
import { freshDb, parsed, SAMPLE } from './workspace-fixture';

const env = { API_TOKEN: 'tok-1', OTHER: 'tok-2', HOOK: 'https://hooks.example.com/services/abc' };
const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((o) => o.close()));
function db() {
  const d = freshDb();
  opened.push(d);
  return d;
}

const slug = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]$/);
const group = fc.constantFrom('Web', 'Live streaming', 'Task submissions', 'Infrastructure', 'Payments');

const tcp = fc.record({
  kind: fc.constant('tcp'),
  config: fc.record({
    host: fc.constantFrom('127.0.0.1', 'db.internal', 'edge.example.com'),
    port: fc.integer({ min: 1, max: 65535 }),
  }),
});
const http = fc.record({
  kind: fc.constant('http'),
  config: fc.record(
    {
      url: fc.constantFrom('http://127.0.0.1:9/health', 'https://api.example.com/v1/status'),
      method: fc.constantFrom('GET', 'HEAD', 'POST'),
      headers: fc.option(
        fc.constantFrom(
          { Authorization: 'Bearer ${env:API_TOKEN}' },
          { 'X-Trace': 'on' },
          { Authorization: '${env:OTHER}', Accept: 'text/plain' },
        ),
        { nil: undefined },
      ),
      keyword: fc.option(fc.constantFrom('ok', 'healthy'), { nil: undefined }),
      timeoutMs: fc.integer({ min: 100, max: 120_000 }),
    },
    { requiredKeys: ['url'] },
  ),
});
const dns = fc.record({
  kind: fc.constant('dns'),
  config: fc
    .record({ name: fc.constantFrom('example.com', 'stream.example.org'), type: fc.constantFrom('A', 'MX', 'TXT') })
    .map((c) => ({ ...c, expected: c.type === 'A' ? ['10.0.0.1'] : c.type === 'MX' ? ['10 mx1.example.com'] : [] })),
});

const monitor = fc
  .tuple(
    slug,
    name,
    group,
    fc.integer({ min: 5, max: 86_400 }),
    fc.boolean(),
    fc.option(fc.constantFrom(0.99, 0.999, 0.95), { nil: undefined }),
    fc.oneof(tcp, http, dns),
  )
  .map(([id, n, g, intervalSec, paused, sloTarget, spec]) => ({
    id,
    name: n,
    group: g,
    intervalSec,
    paused,
    ...(sloTarget ? { sloTarget } : {}),
    ...spec,
  }));
const day = fc
  .integer({ min: 1, max: 28 })
  .map((d) => `2026-02-${String(d).padStart(2, '0')}T${String(d % 24).padStart(2, '0')}:15`);
const schedule = fc.record({
  title: name,
  start: day,
  zone: fc.constantFrom('Europe/London', 'Africa/Johannesburg', 'America/New_York', 'Asia/Kolkata'),
  durationMin: fc.integer({ min: 1, max: 600 }),
  recurrence: fc.option(
    fc.record({
      pattern: fc.record({ freq: fc.constant('daily'), interval: fc.integer({ min: 1, max: 7 }) }),
      count: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
    }),
    { nil: null },
  ),
});
const workspace = fc
  .record({
    monitors: fc.uniqueArray(monitor, { selector: (m) => m.id, maxLength: 6 }),
    windows: fc.uniqueArray(fc.tuple(slug, schedule), { selector: ([s]) => s, maxLength: 3 }),
    peaks: fc.uniqueArray(fc.tuple(slug, schedule, fc.constantFrom('live_stream', 'submission_deadline', 'other')), {
      selector: ([s]) => s,
      maxLength: 3,
    }),
    groups: fc.dictionary(
      fc.constantFrom('Web', 'Live streaming', 'Payments'),
      fc.record({ sloTarget: fc.constantFrom(0.9, 0.99, 0.999) }),
    ),
    templates: fc.dictionary(
      fc.constantFrom('announce', 'resolved', 'started'),
      fc.record(
        {
          sms: fc.constantFrom('Work on {{ services | list }} soon.', 'We are on it. {{ contact.team }}'),
          banner: fc.constantFrom('Heads up', 'Back to normal'),
        },
        { requiredKeys: [] },
      ),
    ),
    channels: fc.uniqueArray(fc.tuple(slug, name, fc.constantFrom('slack', 'teams', 'discord'), fc.boolean()), {
      selector: ([s]) => s,
      maxLength: 3,
    }),
    settings: fc.record(
      {
        retentionDays: fc.integer({ min: 1, max: 3650 }),
        theme: fc.constantFrom('system', 'light', 'dark'),
        audienceZones: fc.constantFrom([], ['Europe/London']),
      },
      { requiredKeys: [] },
    ),
  })
  .map((w) => ({
    version: 1,
    settings: w.settings,
    groups: w.groups,
    monitors: w.monitors,
    // A window names some of the file's monitors, or a group when there are none.
    windows: w.windows.map(([id, s], i) => {
      const monitors = w.monitors.filter((_, k) => (k + i) % 2 === 0).map((m) => m.id);
      return { id, ...s, monitors, groups: monitors.length === 0 ? ['Web'] : [] };
    }),
    peaks: w.peaks.map(([id, s, kind]) => ({ id, ...s, kind })),
    templates: w.templates,
    channels: w.channels.map(([id, n, kind, enabled]) => ({
      id,
      name: n,
      kind,
      enabled,
      config: { url: '${env:HOOK}' },
    })),
    // A route from the first monitor (or every one) to every channel.
    alerts:
      w.channels.length === 0
        ? { routes: [] }
        : {
            routes: [
              {
                name: 'Page',
                scope: { monitors: w.monitors.slice(0, 1).map((m) => m.id) },
                channels: w.channels.map(([id]) => id),
              },
            ],
          },
  }));

describe('export', () => {
  test('export -> apply to an empty database -> export gives the same file', () => {
    const a = db();
    applyWorkspace(parsed(SAMPLE, env), a.tables, { prune: false, env });
    const first = exportWorkspace(a.tables);
    expect(first.text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(first.text).toContain('Authorization: Bearer ${env:API_TOKEN}');
    expect(first.text).not.toContain('tok-1');
    expect(first.text).not.toContain('lookout-secret:');
    const b = db();
    applyWorkspace(parsed(first.text, env), b.tables, { prune: false, env });
    expect(exportWorkspace(b.tables).text).toBe(first.text);
  });

  test('a secret entered in the console is exported as a reference to create, never as its value', () => {
    const a = db();
    a.tables.monitors.create({
      name: 'Billing',
      group: 'Web',
      intervalSec: 60,
      retries: 2,
      paused: false,
      kind: 'http',
      config: {
        url: 'https://billing.example.com/',
        method: 'GET',
        headers: { Authorization: a.tables.box.seal('Bearer s3cret') },
        secretHeaders: [],
        acceptStatus: [[200, 299]],
        degradedAboveMs: 3000,
        timeoutMs: 10_000,
        softAssertions: false,
        maxRedirects: 5,
        allowLinkLocal: false,
        maxBodyBytes: 1 << 20,
        maxDecodedBytes: 2 << 20,
      },
    });
    const out = exportWorkspace(a.tables);
    expect(out.text).toContain('Authorization: ${secret:billing.authorization}');
    expect(out.text).not.toContain('s3cret');
    expect(out.notes).toEqual([
      'monitor billing: ${secret:billing.authorization} is not stored yet; add it with `lookout secret set billing.authorization`',
    ]);
  });

  test('property: random workspaces -> export -> parse -> apply on an empty database -> export is identical', () => {
    fc.assert(
      fc.property(workspace, (ws) => {
        const a = db();
        const b = db();
        try {
          applyWorkspace(parsed(stringify(ws), env), a.tables, { prune: false, env });
          const first = exportWorkspace(a.tables).text;
          expect(hasChanges(planWorkspace(parsed(first, env), a.tables, { prune: true }))).toBe(false);
          applyWorkspace(parsed(first, env), b.tables, { prune: false, env });
          expect(exportWorkspace(b.tables).text).toBe(first);
        } finally {
          a.close();
          b.close();
          opened.splice(-2);
        }
      }),
      { numRuns: 20 },
    );
  });
});
