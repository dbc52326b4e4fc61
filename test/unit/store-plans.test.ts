import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { draft, tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

/**
 * The hot queries must walk the primary keys ((monitor_id, ts) for results, (monitor_id, level,
 * bucket) for rollups): a full scan would make every chart and uptime figure slower as history grows.
 */
let tmp: ReturnType<typeof tempDir>;
let store: Store;
let sources: string[];
beforeEach(() => {
  tmp = tempDir();
  const spy = vi.spyOn(Database.prototype, 'prepare');
  store = openStore({ path: tmp.file('lookout.db') });
  sources = spy.mock.calls.map((c) => String(c[0]));
  spy.mockRestore();
  store.monitors.create(draft());
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

/** Binds every parameter (positional or named) to 1: the plan does not depend on the values. */
function plan(sql: string): string[] {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const positional = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length;
  const stmt = connectionOf(store).prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (
    named.length > 0
      ? stmt.all(Object.fromEntries(named.map((n) => [n, 1])))
      : stmt.all(...new Array<number>(positional).fill(1))
  ) as { detail: string }[];
  return rows.map((r) => r.detail);
}
function statements(pattern: RegExp): string[] {
  const found = sources.filter((s) => pattern.test(s));
  expect(found.length, `prepared statements matching ${pattern}`).toBeGreaterThan(0);
  return found;
}

const HOT: [string, RegExp][] = [
  ['recent / latest of one monitor', /FROM results WHERE monitor_id = \? ORDER BY ts DESC LIMIT \?/],
  ['latest of every monitor', /JOIN results r ON/],
  ['uptime tiling', /SUM\(up\) AS up[\s\S]*UNION ALL/],
  ['latency stats', /SUM\(lat_n\) AS lat_n[\s\S]*UNION ALL/],
  ['series', /UNION ALL[\s\S]*GROUP BY t ORDER BY t/],
  ['prune raw boundary', /SELECT ts FROM results WHERE monitor_id = \? AND ts < \? ORDER BY ts LIMIT 1 OFFSET \?/],
  ['prune raw delete', /DELETE FROM results WHERE monitor_id = \? AND ts < \?/],
  ['prune minute boundary', /SELECT bucket FROM rollups WHERE monitor_id = \? AND level = 0/],
  ['prune minute delete', /DELETE FROM rollups WHERE monitor_id = \? AND level = 0/],
  ['prune raw into minute rows', /FROM results WHERE monitor_id = \? AND ts >= \? AND ts < \? GROUP BY mb/],
  ['seal hours from raw results and minute rows', /INSERT OR REPLACE INTO rollups[\s\S]*CROSS JOIN results x/],
  ['seal days from hours', /INSERT OR REPLACE INTO rollups[\s\S]*x\.level = 1/],
];

describe('query plans of the hot queries', () => {
  it.each(HOT)('%s uses the primary key, never a full scan of results or rollups', (_name, pattern) => {
    for (const sql of statements(pattern)) {
      const detail = plan(sql);
      expect(detail.join('\n'), sql).not.toMatch(/\bSCAN (results|rollups|r|x)\b(?! USING)/);
      expect(
        detail.some((d) => /SEARCH (results|rollups|r|x) USING PRIMARY KEY/.test(d)),
        sql,
      ).toBe(true);
    }
  });
});
