import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * autocannon in a worker thread, so the console's event loop (probes, the Api, charts) is not the
 * one sending thousands of requests a second. The worker runs one autocannon instance per stage
 * (a ramp is a few stages of rising rate, then the full rate) and posts what it saw every
 * `batchMs`: the raw latencies (Lookout keeps its own histogram), status codes and network errors.
 *
 * The worker is plain CommonJS evaluated from this string: it then runs the same way under
 * vitest, the esbuild bundle and the packaged app, with no loader for a .ts worker file.
 */
export interface Stage {
  rate: number;
  durationSec: number;
}

/** A body template split into text and variables; the variables are the built-ins of template-vars.ts. */
export type BodyPart = string | { v: '$uuid' | '$now' };

export interface DriverParams {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyPart[] | null;
  stages: Stage[];
  maxConnections: number;
  timeoutMs: number;
  batchMs: number;
}

export interface Batch {
  /** ms per answer, as autocannon measured it (request written → answer complete). */
  latencies: Float64Array;
  /** The expected interval between requests of the answering connection (for the correction). */
  intervals: Float64Array;
  codes: Record<string, number>;
  errors: Record<string, number>;
  sent: number;
}

export interface Driver {
  /** Ends at once: the worker is terminated, open sockets with it. */
  stop(): Promise<void>;
  /** Resolves when every stage has run, or the driver was stopped. */
  done: Promise<{ error: string | null }>;
}

/** Generators of the worker; the unit test holds them to builtinVars' names. */
export const WORKER_VARS = ['$uuid', '$now'] as const;

const WORKER_SOURCE = String.raw`
const { parentPort, workerData: w } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const autocannon = require(w.autocannonPath);
const VARS = { '$uuid': () => randomUUID(), '$now': () => String(Date.now()) };
let lat = [], ivl = [], codes = {}, errors = {}, sent = 0;
function flush() {
  if (lat.length === 0 && sent === 0 && Object.keys(errors).length === 0) return;
  const l = Float64Array.from(lat), i = Float64Array.from(ivl);
  parentPort.postMessage({ t: 'batch', latencies: l, intervals: i, codes, errors, sent }, [l.buffer, i.buffer]);
  lat = []; ivl = []; codes = {}; errors = {}; sent = 0;
}
function errorCode(e) {
  const c = e && e.code;
  if (c === 'ECONNREFUSED') return 'conn_refused';
  if (c === 'ECONNRESET' || c === 'EPIPE') return 'conn_reset';
  if (c === 'ENOTFOUND' || c === 'EAI_AGAIN') return 'dns_failed';
  if (e && /timed out/.test(e.message)) return 'timeout';
  return c ? String(c).toLowerCase() : 'error';
}
function render() {
  let s = '';
  for (const p of w.body) s += typeof p === 'string' ? p : VARS[p.v]();
  return s;
}
const timer = setInterval(flush, w.batchMs);
function stage(s) {
  return new Promise((resolve, reject) => {
    const connections = Math.max(1, Math.min(w.maxConnections, s.rate));
    const opts = {
      url: w.url, method: w.method, headers: w.headers, connections, overallRate: s.rate,
      duration: s.durationSec, timeout: w.timeoutMs / 1000, sampleInt: 100, skipAggregateResult: true,
      setupClient: (client) => client.on('request', () => { sent++; }),
    };
    if (w.body) opts.requests = [{ method: w.method, headers: w.headers, setupRequest: (req) => { req.body = render(); return req; } }];
    const t = autocannon(opts, (err) => (err ? reject(err) : resolve()));
    t.on('response', (client, status, _bytes, ms) => {
      lat.push(ms);
      ivl.push(client.rate ? 1000 / client.rate : 0);
      codes[status] = (codes[status] || 0) + 1;
    });
    t.on('reqError', (e) => { const k = errorCode(e); errors[k] = (errors[k] || 0) + 1; });
  });
}
(async () => {
  try {
    for (const s of w.stages) await stage(s);
    flush();
    parentPort.postMessage({ t: 'done', error: null });
  } catch (e) {
    flush();
    parentPort.postMessage({ t: 'done', error: String(e && e.message || e) });
  } finally {
    clearInterval(timer);
  }
})();
`;

const autocannonPath = createRequire(import.meta.url).resolve('autocannon');

export function startDriver(params: DriverParams, onBatch: (b: Batch) => void): Driver {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...params, autocannonPath } });
  let settle!: (r: { error: string | null }) => void;
  const done = new Promise<{ error: string | null }>((r) => (settle = r));
  worker.on('message', (m: ({ t: 'batch' } & Batch) | { t: 'done'; error: string | null }) => {
    if (m.t === 'batch') onBatch(m);
    else settle({ error: m.error });
  });
  worker.on('error', (err) => settle({ error: err.message }));
  worker.on('exit', () => settle({ error: null }));
  return {
    done,
    async stop() {
      await worker.terminate();
      settle({ error: null });
    },
  };
}
