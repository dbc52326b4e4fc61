import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { STATUSES } from '../../../shared/status';
import type { HistoryReader } from '../store/history';
import { csvField } from './csv';

/**
 * History out (issue 16 §5): one monitor's raw results as CSV, or everything in a range as JSON,
 * written to a file page by page. Memory stays bounded by one page and one write buffer whatever
 * the range; the file appears under its name only when complete (written beside it, then renamed).
 */

export const HISTORY_CSV_HEADER = [
  'time_utc',
  'ts_ms',
  'status',
  'latency_ms',
  'dns_ms',
  'connect_ms',
  'tls_ms',
  'ttfb_ms',
  'download_ms',
  'error_code',
  'message',
  'in_maintenance',
];

const FLUSH_BYTES = 1 << 20;

const DAY = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `new Date(ts).toISOString()` for ts >= 0, without a Date per row (a quarter of a 90-day export's
 * time went there): the date part is kept per UTC day, the time of day is arithmetic.
 */
export function isoFormatter(): (ts: number) => string {
  let day = -1;
  let prefix = '';
  return (ts) => {
    const d = ts - (ts % DAY);
    if (d !== day) {
      day = d;
      prefix = new Date(d).toISOString().slice(0, 11);
    }
    let r = ts - d;
    const ms = r % 1000;
    r = (r - ms) / 1000;
    const sec = r % 60;
    r = (r - sec) / 60;
    const min = r % 60;
    return `${prefix}${PAD2[(r - min) / 60]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[ms]}Z`;
  };
}

export interface ExportProgress {
  (p: { done: number; total: number; stage: string }): void;
}

/**
 * A file written in big chunks, renamed into place on `done`, removed on failure. Text goes
 * straight into one reused buffer, row by row: collecting strings until a chunk was full kept
 * thousands of them alive across young-generation collections, and a million-row export grew the
 * V8 heap by ~100 MiB of promoted garbage.
 */
function sink(path: string) {
  const tmp = `${path}.part`;
  const fd = openSync(tmp, 'w');
  const buf = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = 0;
  let bytes = 0;
  const flush = () => {
    if (used === 0) return;
    bytes += writeSync(fd, buf, 0, used);
    used = 0;
  };
  return {
    write(s: string) {
      // A UTF-16 unit is at most 3 UTF-8 bytes.
      if (s.length * 3 > FLUSH_BYTES - used) {
        flush();
        if (s.length * 3 > FLUSH_BYTES) {
          bytes += writeSync(fd, s);
          return;
        }
      }
      used += buf.write(s, used);
    },
    done(): number {
      flush();
      closeSync(fd);
      renameSync(tmp, path);
      return bytes;
    },
    fail() {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing written */
      }
    },
  };
}

export function createHistoryExport(reader: HistoryReader) {
  const { count, pages } = reader;
  return {
    count: (monitorId: number, from: number, to: number) => count(monitorId, from, to),
    /** Writes the CSV; returns rows and bytes. */
    async csv(
      path: string,
      monitorId: number,
      from: number,
      to: number,
      onProgress?: ExportProgress,
    ): Promise<{ rows: number; bytes: number }> {
      const total = count(monitorId, from, to);
      const out = sink(path);
      let rows = 0;
      const iso = isoFormatter();
      const statuses = STATUSES;
      try {
        out.write(`${HISTORY_CSV_HEADER.join(',')}\r\n`);
        for await (const chunk of pages(monitorId, from, to)) {
          for (let i = 0; i < chunk.length; i++) {
            const r = chunk[i]!;
            out.write(
              `${iso(r[0])},${r[0]},${statuses[r[1]]},${r[2] ?? ''},${r[3] ?? ''},${r[4] ?? ''},${r[5] ?? ''},${r[6] ?? ''},${r[7] ?? ''},` +
                `${r[8] === null ? '' : csvField(r[8])},${r[9] === null ? '' : csvField(r[9])},${r[10]}\r\n`,
            );
          }
          rows += chunk.length;
          onProgress?.({ done: rows, total, stage: 'results' });
        }
        return { rows, bytes: out.done() };
      } catch (err) {
        out.fail();
        throw err;
      }
    },
    /** Everything in [from, to) as one JSON document: monitors, incidents, degraded stretches, gaps, then every result. */
    async json(
      path: string,
      from: number,
      to: number,
      onProgress?: ExportProgress,
    ): Promise<{ rows: number; bytes: number }> {
      const monitors = reader.monitors();
      const total = monitors.reduce((n, m) => n + count(m.id as number, from, to), 0);
      const out = sink(path);
      let rows = 0;
      try {
        out.write(
          `{"format":"lookout-history","version":1,"from":${from},"to":${to},"monitors":${JSON.stringify(monitors)},`,
        );
        out.write(
          `"incidents":${JSON.stringify(reader.incidents(from, to))},"degraded":${JSON.stringify(reader.degraded(from, to))},"gaps":${JSON.stringify(reader.gaps(from, to))},"results":[`,
        );
        let first = true;
        for (const m of monitors) {
          const id = m.id as number;
          for await (const chunk of pages(id, from, to)) {
            for (const r of chunk) {
              out.write(
                `${first ? '' : ','}{"monitorId":${id},"ts":${r[0]},"status":"${STATUSES[r[1]]}","latencyMs":${r[2]},"phases":{"dns":${r[3]},"connect":${r[4]},"tls":${r[5]},"ttfb":${r[6]},"download":${r[7]}},"errorCode":${JSON.stringify(r[8])},"message":${JSON.stringify(r[9])},"inMaintenance":${r[10] === 1}}`,
              );
              first = false;
            }
            rows += chunk.length;
            onProgress?.({ done: rows, total, stage: 'results' });
          }
        }
        out.write(']}');
        return { rows, bytes: out.done() };
      } catch (err) {
        out.fail();
        throw err;
      }
    },
  };
}
