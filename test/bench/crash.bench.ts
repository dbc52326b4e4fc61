/**
 * Crash safety (issue 4): a child process ingests through the real writer at full speed and is
 * killed with SIGKILL at a random moment, 20 times, on the same database. After each kill the
 * database is reopened the way the app does (unclean shutdown -> quick_check) and checked:
 *   - every result whose flush the child acknowledged is there (acks are written to stdout only
 *     after flush() returned, i.e. after the commit);
 *   - integrity_check is ok, and the sealed hour and day rollups count exactly the raw rows
 *     before their marks (the child's clock runs at one result per 60 ms, so hours and days
 *     close, and get sealed, many times per run: a kill can land in a sealing transaction).
 * The reference is the number of kills (20). Goal: 0 lost, 0 corrupt.
 * The child is this same file run with `--child PATH`.
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../electron/core/store';
import { MonitorDraft } from '../../shared/monitor';
import { connectionOf } from '../../electron/core/store/connection';

const KILLS = 20;
const MONITORS = 50;
const T0 = Date.UTC(2025, 0, 1);
/** Simulated time per result: 50 monitors each probed every 3 s. */
const STEP_MS = 60;

function child(path: string): never {
  let seq = 0;
  const store = openStore({ path, now: () => T0 + seq * STEP_MS, flushIntervalMs: 3_600_000 });
  if (store.monitors.list().length === 0) {
    const draft = MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' } });
    for (let i = 0; i < MONITORS; i++) store.monitors.create(draft);
  }
  const max = connectionOf(store).prepare('SELECT max(ts) FROM results').pluck().get() as number | null;
  seq = max === null ? 0 : (max - T0) / STEP_MS + 1;
  writeSync(1, `start ${seq}\n`);
  for (;;) {
    for (let i = 0; i < 1000; i++, seq++) {
      const down = seq % 17 === 0;
      store.results.enqueue({
        monitorId: (seq % MONITORS) + 1,
        ts: T0 + seq * STEP_MS,
        status: down ? 'down' : 'up',
        latencyMs: down ? null : 100 + (seq % 300),
        inMaintenance: false,
        ...(down ? { errorCode: 'timeout', message: 'No answer within 10 s' } : {}),
      });
    }
    store.results.flush();
    writeSync(1, `ack ${seq}\n`);
  }
}

async function runOnce(path: string, script: string, killAfterMs: number): Promise<number> {
  const p = spawn(process.execPath, [script, '--child', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let started = false;
  await new Promise<void>((resolve, reject) => {
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('start ')) {
        started = true;
        setTimeout(() => p.kill('SIGKILL'), killAfterMs);
      }
    });
    p.on('exit', () => resolve());
    p.on('error', reject);
  });
  const acks = [...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
  const startSeq = Number(/^start (\d+)$/m.exec(out)?.[1] ?? 0);
  return acks.length > 0 ? acks[acks.length - 1]! : startSeq;
}

async function parent(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-crash-'));
  const path = join(dir, 'crash.db');
  const script = fileURLToPath(import.meta.url);
  let seed = 12345;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  let lost = 0;
  let corrupt = 0;
  try {
    for (let k = 1; k <= KILLS; k++) {
      const killAfter = Math.round(100 + rand() * 1400);
      const acked = await runOnce(path, script, killAfter);
      let line: string;
      try {
        const store = openStore({ path }); // unclean shutdown: quick_check runs here
        const count = (sql: string, ...args: number[]) =>
          (connectionOf(store)
            .prepare(sql)
            .pluck()
            .get(...args) as number | null) ?? 0;
        const present = count('SELECT count(*) FROM results WHERE ts < ?', T0 + acked * STEP_MS);
        const total = count('SELECT count(*) FROM results');
        const integrity = connectionOf(store).pragma('integrity_check', { simple: true }) as string;
        const marks = store.rollupMarks();
        const sealed = [1, 2].map((level) => {
          const through = level === 1 ? marks.hours : marks.days;
          return [
            count(
              'SELECT sum(up + degraded + down + unknown) FROM rollups WHERE level = ? AND bucket < ?',
              level,
              through,
            ),
            count('SELECT count(*) FROM results WHERE ts < ?', through),
          ];
        });
        const match = sealed.every(([rolled, raw]) => rolled === raw);
        store.close();
        if (present !== acked) lost += acked - present;
        if (integrity !== 'ok' || !match) corrupt++;
        const hoursSealed = Math.max(0, (marks.hours - T0) / 3_600_000);
        line = `acked ${acked.toLocaleString('en-US')}, present ${present.toLocaleString('en-US')} (+${total - present} unacked), integrity ${integrity}, ${hoursSealed} h sealed, rollups ${match ? 'match' : `MISMATCH ${JSON.stringify(sealed)}`}`;
      } catch (err) {
        corrupt++;
        line = `reopen failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      console.log(`  kill ${String(k).padStart(2)} after ${killAfter} ms: ${line}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `crash: ${KILLS} SIGKILLs during full-speed ingest: ${lost} acknowledged results lost, ${corrupt} corrupt reopenings`,
  );
  console.log(
    JSON.stringify({
      bench: 'crash',
      value: lost + corrupt,
      unit: 'lost results + corrupt reopenings',
      ref: KILLS,
      ratio: (lost + corrupt) / KILLS,
      goal: '0 lost, 0 corrupt over 20 SIGKILLs',
      pass: lost === 0 && corrupt === 0,
    }),
  );
}

const at = process.argv.indexOf('--child');
if (at >= 0) child(process.argv[at + 1]!);
else await parent();
