import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runLookout } from '../../electron/cli/workspace-commands';
import { startCore, type Core } from '../../electron/core/app';

/**
 * The CLI and a running console on one database file: the console notices the file changed on its
 * own watch and probes what was applied, over real seconds, so this is end-to-end rather than a unit
 * test (the rest of apply is in test/unit/workspace-apply.test.ts).
 */
const env = { API_TOKEN: 'tok-1' };
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runLookout(args, {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    env,
    stdin: () => Promise.resolve(''),
  });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'lookout-ws-file-')), name);
  writeFileSync(p, text);
  return p;
}

describe('the running console picks up what the CLI applied', () => {
  test('a monitor applied by `lookout apply` to the open database appears and is probed', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    const port = (server.address() as { port: number }).port;

    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-ws-core-'));
    const dbPath = path.join(dir, 'lookout.db');
    const core: Core = await startCore({ dbPath, mode: 'serve', version: 'test' });
    cleanup.push(() => core.close());
    const events: string[] = [];
    core.bus.on('monitors', (e) => events.push(`monitors:${e.reason}`));
    core.bus.on('maintenance', (e) => events.push(`maintenance:${e.reason}`));
    const probed = new Promise<void>((resolve) => {
      const off = core.bus.on('result', () => {
        off();
        resolve();
      });
    });

    const file = tempFile(
      'live.yaml',
      `version: 1\nmonitors:\n  - id: live\n    name: Live API\n    kind: http\n    intervalSec: 5\n    config: { url: "http://127.0.0.1:${port}/health" }\n`,
    );
    expect((await cli(['apply', file, '--db', dbPath])).code).toBe(0);

    // The watch re-reads the file's monitors and the scheduler probes the new one: its first result.
    await probed;
    const r = await core.dispatch('results.latest', {});
    const latest = r.ok ? (r.result as unknown[]) : [];
    const list = await core.dispatch('monitors.list', {});
    expect(list.ok && (list.result as { name: string }[]).map((m) => m.name)).toEqual(['Live API']);
    expect(events).toContain('monitors:loaded');
    expect(events).toContain('maintenance:import');
    expect(latest).toEqual([expect.objectContaining({ status: 'up' })]);
    expect(hits).toBeGreaterThan(0);
  }, 20_000);
});
