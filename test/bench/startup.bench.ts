/**
 * Startup: time from spawning serve mode to its first Api answers (app.info, then results.latest
 * — what the dashboard asks first), on a database holding 1 million results against the same on
 * an empty one, measured in the same run. Goal: ratio ≤ 2.0, so history never slows the console's start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { openStore } from '../../electron/core/store';
import { SERVE_NODE_FLAGS } from '../../electron/serve/node-flags';
import { MonitorDraft } from '../../shared/monitor';

const RESULTS = 1_000_000;
const MONITORS = 100;
const RUNS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serveJs = path.join(root, 'dist/electron/serve.js');

function fill(dbPath: string, results: number): void {
  // The writer's clock follows the history, as if it had been probing live (hours seal as they close).
  let now = Date.now() - (results / MONITORS) * 60_000;
  const store = openStore({ path: dbPath, now: () => now });
  for (let m = 1; m <= MONITORS; m++) {
    // Port 9 (discard) on loopback: the probes fail fast and never leave the machine.
    store.monitors.create(
      MonitorDraft.parse({ name: `m${m}`, paused: true, kind: 'http', config: { url: `http://127.0.0.1:9/m${m}` } }),
    );
  }
  const ids = store.monitors.list().map((m) => m.id);
  const t0 = Date.now() - (results / MONITORS) * 60_000;
  for (let i = 0; i < results; i++) {
    const monitorId = ids[i % MONITORS]!;
    const ts = t0 + Math.floor(i / MONITORS) * 60_000 + (i % MONITORS) * 10;
    now = ts;
    const down = i % 97 === 0;
    store.results.enqueue({
      monitorId,
      ts,
      status: down ? 'down' : 'up',
      latencyMs: down ? null : 20 + (i % 180),
      ...(down ? { errorCode: 'http_status', message: 'HTTP 503' } : {}),
      inMaintenance: false,
    });
  }
  store.close();
}

/** ms from spawn to the answer of app.info and of results.latest. */
function startOnce(dbPath: string): Promise<{ info: number; latest: number }> {
  const t0 = performance.now();
  // With serve mode's V8 flags, as the operator starts it.
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, serveJs, '--port', '0', '--no-open', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:(\d+))\/\?token=([\w-]+)/.exec(out);
      if (!m || child.listenerCount('exit') > 1) return;
      child.once('exit', () => undefined);
      const ws = new WebSocket(`ws://127.0.0.1:${m[2]}/ws?token=${m[3]}`, { origin: m[1] });
      const times: Record<number, number> = {};
      ws.on('open', () => {
        ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
        ws.send(JSON.stringify({ id: 2, method: 'results.latest', input: {} }));
      });
      ws.on('message', (raw) => {
        const text = Array.isArray(raw)
          ? Buffer.concat(raw).toString()
          : raw instanceof ArrayBuffer
            ? Buffer.from(raw).toString()
            : raw.toString();
        const msg = JSON.parse(text) as {
          id?: number;
          error?: unknown;
        };
        if (typeof msg.id !== 'number') return;
        if (msg.error) return fail(new Error(JSON.stringify(msg.error)));
        times[msg.id] = performance.now() - t0;
        if (times[1] !== undefined && times[2] !== undefined) {
          ws.close();
          child.once('exit', () => resolve({ info: times[1]!, latest: times[2]! }));
          child.kill('SIGTERM');
        }
      });
      ws.on('error', fail);
    });
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) fail(new Error(`serve exited ${code}: ${out}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-startup-'));
try {
  const empty = path.join(dir, 'empty.db');
  const full = path.join(dir, 'full.db');
  fill(empty, 0);
  const t = performance.now();
  fill(full, RESULTS);
  console.log(
    `built ${RESULTS.toLocaleString('en')} results in ${((performance.now() - t) / 1000).toFixed(1)} s (${(statSync(full).size / 1e6).toFixed(0)} MB)`,
  );
  const e: { info: number; latest: number }[] = [];
  const f: { info: number; latest: number }[] = [];
  // Interleaved so machine noise hits both alike.
  for (let i = 0; i < RUNS; i++) {
    e.push(await startOnce(empty));
    f.push(await startOnce(full));
  }
  const eInfo = median(e.map((x) => x.info));
  const fInfo = median(f.map((x) => x.info));
  const eLatest = median(e.map((x) => x.latest));
  const fLatest = median(f.map((x) => x.latest));
  console.log(
    `empty database:      first answer ${eInfo.toFixed(0)} ms, results.latest ${eLatest.toFixed(0)} ms (median of ${RUNS})`,
  );
  console.log(
    `1,000,000 results:   first answer ${fInfo.toFixed(0)} ms, results.latest ${fLatest.toFixed(0)} ms (median of ${RUNS})`,
  );
  const ratio = fLatest / eLatest;
  console.log(`ratio (1M / empty, to results.latest): ${ratio.toFixed(2)} (goal ≤ 2.0)`);
  console.log(
    JSON.stringify({
      bench: 'startup',
      value: Math.round(fLatest),
      unit: 'ms',
      ref: Math.round(eLatest),
      ratio: Math.round(ratio * 100) / 100,
      goal: 'ratio <= 2.0',
      pass: ratio <= 2.0,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
