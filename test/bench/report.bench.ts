/**
 * Report benchmark (issue 16): the quarterly service report for 200 monitors x 90 days at a 30 s
 * interval (51.8 M results, the uptime-query bench's history plus incidents and degraded
 * stretches). Measured: the data object + HTML, the same + PDF through Chromium (playwright-core,
 * serve mode), the report CSV, one monitor's raw results streamed as CSV (rows/s), and this
 * process's RSS growth over all of it (Chromium's own memory is its process's, not counted).
 * Reference in the same run: the HTML report for 10 of the monitors.
 *
 * The history is cached in the OS temp folder (keyed by schema and data version): copied from the
 * uptime-query bench's cache when one exists (and migrated), else built through the real writer.
 * Goals: HTML <= 2 s, PDF <= 5 s, CSV >= 200,000 rows/s, RSS growth <= 128 MiB.
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../electron/core/clock';
import { reportCsv } from '../../electron/core/report/csv';
import { buildReport } from '../../electron/core/report/data';
import { createHistoryExport } from '../../electron/core/report/history';
import { reportHtml } from '../../electron/core/report/html';
import { createPlaywrightPrinter } from '../../electron/core/report/pdf';
import { reportSources } from '../../electron/core/report/service';
import { createSettingsService } from '../../electron/core/settings/settings';
import { openStore } from '../../electron/core/store';
import { SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { ReportQuery } from '../../shared/report';
import { MonitorDraft } from '../../shared/monitor';
import { connectionOf } from '../../electron/core/store/connection';
import { SERVE_NODE_FLAGS } from '../../electron/serve/node-flags';

const DATA_VERSION = 1;
const MONITORS = 200;
const INTERVAL_MS = 30_000;
const DAYS = 90;
const DAY = 86_400_000;
const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const NOW = T0 + DAYS * DAY + 3_600_000;
const GOALS = { htmlMs: 2000, pdfMs: 5000, csvRowsPerSec: 200_000, rssMiB: 128 };
const MiB = 2 ** 20;

// The PDF is serve mode's (playwright-core): the measured process runs under serve mode's V8 flags,
// as kuma-protocol does (REPORT_SERVE_FLAGS=0: without).
const missing = SERVE_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
if (missing.length > 0 && process.env.REPORT_SERVE_FLAGS !== '0') {
  const r = spawnSync(process.execPath, [...process.execArgv, ...missing, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const cached = join(tmpdir(), `lookout-bench-report-s${SCHEMA_VERSION}-d${DATA_VERSION}-m${MONITORS}.db`);

/** The uptime-query bench's history (same generator, same seed), written through the real writer. */
function buildResults(path: string): void {
  let now = T0;
  const store = openStore({ path, now: () => now, flushIntervalMs: 3_600_000 });
  const draft = MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' } });
  for (let i = 0; i < MONITORS; i++) store.monitors.create(draft);
  let seed = 7;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const rounds = (DAYS * DAY) / INTERVAL_MS;
  for (let i = 0; i < rounds; i++) {
    now = T0 + i * INTERVAL_MS;
    for (let m = 1; m <= MONITORS; m++) {
      const roll = rand();
      const status = roll < 0.97 ? 'up' : roll < 0.98 ? 'degraded' : roll < 0.995 ? 'down' : 'unknown';
      store.results.enqueue({
        monitorId: m,
        ts: T0 + i * INTERVAL_MS + m * 13,
        status,
        latencyMs: status === 'down' ? null : 50 + Math.round(rand() * 300),
        inMaintenance: i % 2880 < 60,
        ...(status === 'up' ? {} : { errorCode: 'http_status', message: 'HTTP 503' }),
      });
    }
    if (i % 28_800 === 0 && i > 0) console.log(`  building: ${Math.round((i / rounds) * 100)}%`);
  }
  store.close();
}

function uptimeCache(): string | undefined {
  const found = readdirSync(tmpdir())
    .map((f) => /^lookout-bench-uptime-s(\d+)-d1-m200\.db$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) <= SCHEMA_VERSION)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  return found[0] ? join(tmpdir(), found[0][0]) : undefined;
}

function build(path: string): void {
  const building = `${path}.building`;
  for (const ext of ['', '-wal', '-shm']) rmSync(building + ext, { force: true });
  const from = uptimeCache();
  if (from) {
    console.log(`report: copying ${from}`);
    copyFileSync(from, building);
  } else {
    console.log('report: building 51.8 M results through the writer (minutes)');
    buildResults(building);
  }
  // Opening migrates a copied file; then incidents and degraded stretches as the pipeline would have kept them.
  const store = openStore({ path: building, now: () => NOW });
  let seed = 11;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const inc = connectionOf(store).prepare(
    'INSERT INTO incidents (monitor_id, started_at, ended_at, first_error_code, first_error, last_error_code, last_error, failed_probes, acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const deg = connectionOf(store).prepare(
    'INSERT INTO degraded_stretches (monitor_id, started_at, ended_at, reason_code, reason, worst_latency, probes) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  connectionOf(store).transaction(() => {
    for (let m = 1; m <= MONITORS; m++) {
      for (let t = T0 + rand() * 3 * DAY; t < T0 + DAYS * DAY; t += (1 + rand() * 4) * DAY) {
        const s = Math.floor(t / 1000) * 1000;
        const len = Math.round(110_000 + rand() * 20 * MIN);
        inc.run(
          m,
          s,
          s + len,
          'http_status',
          'HTTP 503',
          'http_status',
          'HTTP 503',
          Math.ceil(len / INTERVAL_MS),
          rand() < 0.8 ? 'on-call' : null,
          s + Math.round(rand() * 5 * MIN),
        );
        deg.run(
          m,
          s + DAY / 2,
          s + DAY / 2 + 10 * MIN,
          'slow',
          'Slower than 3000 ms',
          3200 + Math.round(rand() * 800),
          20,
        );
      }
    }
  })();
  store.close();
  renameSync(building, path);
}

if (!existsSync(cached)) build(cached);
console.log(`report: ${cached} (${(statSync(cached).size / 2 ** 30).toFixed(2)} GB)`);

const store = openStore({ path: cached, readOnly: true });
const clock: Clock = { now: () => NOW, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
const settings = createSettingsService(store.settings);
// The history's maintenance: the first 30 minutes of every UTC day.
const maintenanceIntervals = (_m: unknown, from: number, to: number) => {
  const out: { start: number; end: number }[] = [];
  for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY)
    out.push({ start: Math.max(from, d), end: Math.min(to, d + 30 * MIN) });
  return out.filter((i) => i.end > i.start);
};
const sources = reportSources({ store, settings, clock, maintenanceIntervals });
const quarter = ReportQuery.parse({ period: 'quarter', year: 2025, index: 1 });

// RSS growth is what the work keeps or needs at its peak, not garbage V8 has not collected yet:
// collected before the baseline and between phases (run with --expose-gc, as the bench runner does).
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
gc();
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const rss0 = process.memoryUsage().rss;

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  gc();
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, value };
}
const rssNow = () => `RSS +${((process.memoryUsage().rss - rss0) / MiB).toFixed(0)} MiB`;

// Reference: 10 monitors.
const all = sources.monitors();
const ref = await time(async () =>
  reportHtml(await buildReport({ ...sources, monitors: () => all.slice(0, 10) }, quarter)),
);
const html = await time(async () => reportHtml(await buildReport(sources, quarter)));
const r = await buildReport(sources, quarter);
console.log(
  `  data + HTML, ${r.monitors.length} monitors x ${r.monitors[0]!.days.length} days: ${html.ms.toFixed(0)} ms (${(html.value.length / MiB).toFixed(1)} MiB of HTML; 10 monitors: ${ref.ms.toFixed(0)} ms), ${rssNow()}`,
);
const csv = await time(() => reportCsv(r));
console.log(`  report CSV: ${csv.value.split('\r\n').length - 2} rows in ${csv.ms.toFixed(0)} ms, ${rssNow()}`);
const printer = createPlaywrightPrinter();
const pdf = await time(async () => printer(reportHtml(await buildReport(sources, quarter))));
console.log(
  `  data + HTML + PDF (Chromium, launch included): ${pdf.ms.toFixed(0)} ms (${(pdf.value.length / MiB).toFixed(1)} MiB), ${rssNow()}`,
);

const dir = mkdtempSync(join(tmpdir(), 'lookout-report-bench-'));
const history = createHistoryExport(store.tables.history);
let rows = 0;
const stream = await time(async () => {
  for (let m = 1; m <= 4; m++) rows += (await history.csv(join(dir, `m${m}.csv`), m, T0, T0 + DAYS * DAY)).rows;
});
const rowsPerSec = rows / (stream.ms / 1000);
console.log(
  `  raw results CSV, 4 monitors x 90 days: ${rows.toLocaleString('en-US')} rows in ${stream.ms.toFixed(0)} ms = ${Math.round(rowsPerSec).toLocaleString('en-US')} rows/s, ${rssNow()}`,
);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const growth = (peak - rss0) / MiB;
console.log(
  `  RSS: ${(rss0 / MiB).toFixed(0)} MiB at start, peak ${(peak / MiB).toFixed(0)} MiB: growth ${growth.toFixed(0)} MiB`,
);
rmSync(dir, { recursive: true, force: true });
store.close();

const pass =
  html.ms <= GOALS.htmlMs && pdf.ms <= GOALS.pdfMs && rowsPerSec >= GOALS.csvRowsPerSec && growth <= GOALS.rssMiB;
console.log(
  JSON.stringify({
    bench: 'report',
    value: Math.round(html.ms),
    unit: 'ms',
    ref: Math.round(ref.ms),
    ratio: Number((html.ms / ref.ms).toFixed(1)),
    goal: `quarterly report, 200 monitors x 90 days at 30 s: HTML <= 2 s (${Math.round(html.ms)} ms), PDF <= 5 s (${Math.round(pdf.ms)} ms), CSV >= 200,000 rows/s (${Math.round(rowsPerSec)}), RSS growth <= 128 MiB (${growth.toFixed(0)})`,
    pass,
  }),
);
