import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import type { MethodName, Output } from '../../shared/api';

/**
 * The whole core, twice on one database file, against a real loopback origin whose playlist is
 * frozen and carries no PROGRAM-DATE-TIME (only remembered sequences can tell it is stuck). Real
 * time: the shortest interval (5 s) and a 1 s target duration keep it to about a dozen seconds.
 */
let dir: string;
let core: Core | undefined;
let server: http.Server;
let url: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-hls-restart-'));
  server = http.createServer((_req, res) =>
    res.end('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:42\n#EXTINF:1.000,\ns42.ts\n'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live.m3u8`;
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>> {
  const out = await core!.dispatch(method, input);
  if (!out.ok) throw new Error(`${method}: ${out.error.code} ${out.error.message}`);
  return out.result as Output<K>;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hls stale-stream incident across a restart', () => {
  it('stays open: the first probe after the restart remembers the stream is stuck', async () => {
    const dbPath = join(dir, 'lookout.db');
    core = await startCore({ dbPath, mode: 'serve', version: 'test' });
    // The console's own reachability is not what this test is about (no internet here).
    await call('settings.update', { connectivity: { enabled: false } });
    const m = await call('monitors.create', {
      name: 'Live',
      group: 'Live streaming',
      intervalSec: 5,
      retries: 1,
      kind: 'hls',
      config: { url, checkSegment: false, staleAfterTargetDurations: 1 },
    });
    const incidents = () => call('incidents.list', { limit: 10, offset: 0 });
    const opened = await until('an incident', incidents, (p) => p.items.length > 0);
    const incident = opened.items[0]!;
    expect(incident.endedAt).toBeNull();
    expect(incident.firstErrorCode).toBe('hls_stale');
    const before = (await call('results.latest', { monitorIds: [m.id] }))[0]!;
    await core.close();
    core = undefined;

    core = await startCore({ dbPath, mode: 'serve', version: 'test' });
    const latest = () => call('results.latest', { monitorIds: [m.id] });
    const next = (await until('a probe after the restart', latest, (r) => (r[0]?.ts ?? 0) > before.ts))[0]!;
    expect(next.status).toBe('down');
    expect(next.errorCode).toBe('hls_stale');
    const after = await incidents();
    expect(after.items.map((i) => [i.id, i.endedAt])).toEqual([[incident.id, null]]);
  }, 30_000);
});
