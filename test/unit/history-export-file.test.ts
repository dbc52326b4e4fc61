import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHistoryExport, HISTORY_CSV_HEADER } from '../../electron/core/report/history';
import type { HistoryReader, HistoryRow } from '../../electron/core/store/history';
import { tempDir } from './store-helpers';

// The export's file writer on its own: a reader (the store's, in report.test.ts) stands in with
// pages of rows held in memory, so the file can be several write buffers long without a big database.
function readerOf(rows: HistoryRow[], page: number): HistoryReader {
  return {
    count: () => rows.length,
    async *pages() {
      for (let i = 0; i < rows.length; i += page) {
        yield rows.slice(i, i + page);
        await Promise.resolve();
      }
    },
    monitors: () => [{ id: 1, name: 'Ingest' }],
    incidents: () => [],
    degraded: () => [],
    gaps: () => [],
  };
}

// Non-ASCII messages (2-, 3- and 4-byte UTF-8), quotes and commas, long enough to cross buffer ends.
const MESSAGES = ['Zeitüberschreitung – 接続が拒否されました 🙂', 'said "no", twice', 'x'.repeat(5000), null];
const T0 = Date.UTC(2025, 5, 1);
const rows: HistoryRow[] = Array.from({ length: 6000 }, (_, i) => [
  T0 + i * 1000,
  i % 4,
  i % 4 === 2 ? null : 100 + (i % 7),
  null,
  1,
  null,
  3,
  null,
  i % 4 === 2 ? 'http_status' : null,
  MESSAGES[i % MESSAGES.length]!,
  i % 9 === 0 ? 1 : 0,
]);

describe('history export file', () => {
  it('writes every row of a file several write buffers long byte for byte, multi-byte text included', async () => {
    const tmp = tempDir();
    try {
      const out = await createHistoryExport(readerOf(rows, 700)).csv(tmp.file('h.csv'), 1, 0, Infinity);
      const text = readFileSync(tmp.file('h.csv'), 'utf8');
      expect(out.bytes).toBe(Buffer.byteLength(text));
      expect(out.bytes).toBeGreaterThan(3 * 2 ** 20);
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(HISTORY_CSV_HEADER.join(','));
      expect(lines).toHaveLength(rows.length + 2);
      expect(lines[1]).toBe(
        '2025-06-01T00:00:00.000Z,1748736000000,up,100,,1,,3,,,Zeitüberschreitung – 接続が拒否されました 🙂,1',
      );
      expect(lines[2]).toBe('2025-06-01T00:00:01.000Z,1748736001000,degraded,101,,1,,3,,,"said ""no"", twice",0');
      expect(lines[3]).toBe(`2025-06-01T00:00:02.000Z,1748736002000,down,,,1,,3,,http_status,${'x'.repeat(5000)},0`);
      expect(lines[6000]).toMatch(/^2025-06-01T01:39:59.000Z,1748741999000,unknown,/);
    } finally {
      tmp.cleanup();
    }
  });

  it('writes the JSON document whole: every result parses back with its message', async () => {
    const tmp = tempDir();
    try {
      const out = await createHistoryExport(readerOf(rows, 700)).json(tmp.file('h.json'), 0, T0 + 6000 * 1000);
      const doc = JSON.parse(readFileSync(tmp.file('h.json'), 'utf8')) as {
        results: { ts: number; message: string | null }[];
      };
      expect(out.rows).toBe(rows.length);
      expect(doc.results).toHaveLength(rows.length);
      expect(doc.results.map((r) => r.message)).toEqual(rows.map((r) => r[9]));
      expect(doc.results.at(-1)!.ts).toBe(T0 + 5999 * 1000);
    } finally {
      tmp.cleanup();
    }
  });
});
