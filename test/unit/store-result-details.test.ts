import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { MonitorDraft } from '../../shared/monitor';
import type { ProbeDetails } from '../../shared/result';
import { connectionOf } from '../../electron/core/store/connection';

/**
 * Issue 20: an HTTP result's usual details (status and byte count) are half of its row as JSON
 * text, so they are stored as a bare byte count (a 200) or a JSON pair; every kind of details must still read back as written,
 * and rows written before (objects) as well. The page cache grows with the monitors written for.
 */
let dir: string;
let store: Store;
const T0 = Date.UTC(2026, 0, 5, 10);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-details-'));
  store = openStore({ path: join(dir, 'd.db'), now: () => T0 + 60_000, flushIntervalMs: 3_600_000 });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const monitor = () =>
  store.monitors.create(MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'http://127.0.0.1:9/' } })).id;

describe('result details in the results table', () => {
  it('reads back every shape of details as written, the usual HTTP ones stored as 55 or [status,bytes]', () => {
    const id = monitor();
    const shapes: ProbeDetails[] = [
      { httpStatus: 200, bytes: 55 },
      { httpStatus: 301 },
      { httpStatus: 404, bytes: 12 },
      { httpStatus: 200, bytes: 0 },
      { httpStatus: 200, bytes: 1234, contentEncoding: 'gzip' },
      { httpStatus: 200, bytes: 10, redirects: 2, finalUrl: 'https://example.com/b' },
      { subject: 'CN=example.com', notAfter: 1_800_000_000_000, chain: ['a', 'b'] },
      { httpStatus: '200', bytes: 1 },
    ];
    shapes.forEach((details, i) =>
      store.results.enqueue({
        monitorId: id,
        ts: T0 + i * 1000,
        status: 'up',
        latencyMs: 5,
        inMaintenance: false,
        details,
      }),
    );
    store.results.flush();
    const back = store.results.recent(id, 10).reverse();
    expect(back.map((r) => r.details)).toEqual(shapes);
    const raw = connectionOf(store)
      .prepare('SELECT details FROM results WHERE monitor_id = ? ORDER BY ts')
      .pluck()
      .all(id);
    expect(raw.slice(0, 4)).toEqual(['55', '[301]', '[404,12]', '0']);
    // Everything else stays an object, and every stored form is JSON any reader can parse.
    expect(raw.slice(4).every((t) => (t as string).startsWith('{'))).toBe(true);
    for (const t of raw) expect((): unknown => JSON.parse(t as string)).not.toThrow();
  });

  it('still reads details stored as an object by an earlier version', () => {
    const id = monitor();
    connectionOf(store)
      .prepare(
        'INSERT INTO results (monitor_id, ts, status, latency, in_maintenance, details) VALUES (?, ?, 0, 7, 0, ?)',
      )
      .run(id, T0, '{"httpStatus":200,"bytes":55}');
    expect(store.results.recent(id, 1)[0]!.details).toEqual({ httpStatus: 200, bytes: 55 });
  });

  it('starts with an 8 MiB page cache and grows it with the monitors written for, up to 32 MiB', () => {
    const cache = () => connectionOf(store).pragma('cache_size', { simple: true });
    expect(cache()).toBe(-8192);
    const ids = connectionOf(store).transaction(() => Array.from({ length: 1000 }, monitor))();
    ids.forEach((id) =>
      store.results.enqueue({ monitorId: id, ts: T0, status: 'up', latencyMs: 1, inMaintenance: false }),
    );
    store.results.flush();
    expect(cache()).toBe(-16_000);
    const more = connectionOf(store).transaction(() => Array.from({ length: 2000 }, monitor))();
    more.forEach((id) =>
      store.results.enqueue({ monitorId: id, ts: T0, status: 'up', latencyMs: 1, inMaintenance: false }),
    );
    store.results.flush();
    expect(cache()).toBe(-32_768);
  });
});
