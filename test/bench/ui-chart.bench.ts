/**
 * ui-chart: the monitor detail chart for a 1-year range, in real Chromium against serve. Time from
 * asking for the range to the chart's first paint (the line drawn), median of 7; the core buckets
 * the year to <= 1,000 points. Reference in the same run: the same chart fed 20,000 raw points (the
 * series.get answer rewritten on the WebSocket), what drawing unbucketed results would cost.
 * Goal (issue 7): <= 300 ms, and the raw chart >= 5x slower.
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServe, type ServeProcess } from '../e2e/support';
import { writeSyntheticHistory } from './dashboard-history';

const GOAL_MS = 300;
const RAW_POINTS = 20_000;
const RUNS = 7;

type Point = {
  t: number;
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  p50?: number | null;
  p95?: number | null;
  p99?: number | null;
};

/** 20,000 raw results across the same range, as a series of one-result points. */
function rawSeries(msg: { result: { from: number; to: number; points: Point[] } }): string {
  const { from, to } = msg.result;
  const step = (to - from) / RAW_POINTS;
  let seed = 3;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const points: Point[] = Array.from({ length: RAW_POINTS }, (_, i) => {
    const ms = Math.round(60 + rand() * 200);
    return {
      t: Math.round(from + i * step),
      up: 1,
      degraded: 0,
      down: 0,
      unknown: 0,
      min: ms,
      avg: ms,
      max: ms,
      p50: ms,
      p95: ms,
      p99: ms,
    };
  });
  return JSON.stringify({ ...msg, result: { ...msg.result, bucketMs: Math.round(step), points } });
}

async function chartPaintMs(page: Page, monitorId: number): Promise<number> {
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await page.waitForSelector('[data-monitor-id]');
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        location.hash = `#/monitor/${id}?range=1y`;
        const deadline = t0 + 30_000;
        const check = () => {
          if (document.querySelector('.detail-chart .recharts-line path.recharts-curve')) {
            requestAnimationFrame(() => resolve(performance.now() - t0));
            return;
          }
          if (performance.now() > deadline) return reject(new Error('chart never painted'));
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    monitorId,
  );
}

async function median(page: Page, id: number): Promise<number> {
  await chartPaintMs(page, id); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await chartPaintMs(page, id));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-chart-'));
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
try {
  const path = join(dir, 'year.db');
  const [id] = writeSyntheticHistory(path, { monitors: 1, days: 365, now: Date.now() });
  serve = await startServe(['--db', path]);
  browser = await launchChromium();

  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(serve.url);
  const value = await median(page, id!);
  await page.close();
  console.log(`ui-chart: 1-year chart (core-bucketed), first paint ${value.toFixed(0)} ms (median of ${RUNS})`);

  const rawPage = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await rawPage.routeWebSocket(/\/ws|token=/, (ws) => {
    const server = ws.connectToServer();
    const seriesIds = new Set<number>();
    ws.onMessage((m) => {
      try {
        const msg = JSON.parse(String(m)) as { id?: number; method?: string };
        if (msg.method === 'series.get' && typeof msg.id === 'number') seriesIds.add(msg.id);
      } catch {
        /* not JSON */
      }
      server.send(m);
    });
    server.onMessage((m) => {
      try {
        const msg = JSON.parse(String(m)) as { id?: number; result?: { from: number; to: number; points: Point[] } };
        if (typeof msg.id === 'number' && seriesIds.delete(msg.id) && msg.result)
          return ws.send(rawSeries(msg as never));
      } catch {
        /* not JSON */
      }
      ws.send(m);
    });
  });
  await rawPage.goto(serve.url);
  const ref = await median(rawPage, id!);
  await rawPage.close();
  console.log(
    `  same chart fed ${RAW_POINTS.toLocaleString('en-US')} raw points: ${ref.toFixed(0)} ms (median of ${RUNS})`,
  );

  const ratio = ref / value;
  console.log(
    JSON.stringify({
      bench: 'ui-chart',
      value: Math.round(value),
      unit: 'ms',
      ref: Math.round(ref),
      ratio: Math.round(ratio * 10) / 10,
      goal: '1-year detail chart first paint <= 300 ms; 20,000 raw points >= 5x slower',
      pass: value <= GOAL_MS && ratio >= 5,
    }),
  );
} finally {
  await serve?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
}
