import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server speaking the part of Prometheus' HTTP API that Lookout uses (query for
 * counts, query_range for the tagged probe_success / probe_duration_seconds query and for the
 * probe_http_duration_seconds phase query), answering from
 * functions the test controls. It models Prometheus' answer format, not PromQL: it finds the
 * monitor ids in Lookout's own lookout_q tags. Used for edge cases and the vantage-ingest bench;
 * the real Prometheus is exercised in test/e2e/vantage-prometheus.e2e.test.ts.
 */
export interface FakePromOptions {
  regions: readonly string[];
  /** 1 up, 0 down, null = no fresh sample at that step (stale). Default up. */
  success?: (monitorId: number, region: string, tSec: number) => 0 | 1 | null;
  /** Series the selector of a monitor matches (count query). Default regions.length. */
  count?: (monitorId: number) => number;
  /** Answer 400 bad_data when the query contains this text. */
  refuse?: string;
  warnings?: () => string[] | undefined;
  /**
   * probe_http_duration_seconds by phase (seconds) for the phase query (`max by (region, phase)`);
   * undefined = that region exports none (a TCP or ICMP module). Default none anywhere.
   */
  phases?: (
    monitorId: number,
    region: string,
    tSec: number,
  ) => Partial<Record<'resolve' | 'connect' | 'tls' | 'processing' | 'transfer', number>> | undefined;
}
export interface FakeProm {
  url: string;
  /** phaseRange counts the query_range calls for the phases (included in queryRange). */
  requests: { query: number; queryRange: number; phaseRange: number; bytes: number };
  close(): Promise<void>;
}

const TAG_RE = /"lookout_q", "(\d+)(?::([sdp]))?"/g;

export async function startFakePrometheus(opts: FakePromOptions): Promise<FakeProm> {
  const requests = { query: 0, queryRange: 0, phaseRange: 0, bytes: 0 };
  const success = opts.success ?? (() => 1);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const query = form.get('query') ?? '';
      const send = (status: number, text: string) => {
        requests.bytes += text.length;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(text);
      };
      if (opts.refuse && query.includes(opts.refuse)) {
        return send(
          400,
          JSON.stringify({
            status: 'error',
            errorType: 'bad_data',
            error: `1:1: parse error: bad regex near ${opts.refuse}`,
          }),
        );
      }
      const ids = new Set<number>();
      for (const m of query.matchAll(TAG_RE)) ids.add(Number(m[1]));
      if (req.url === '/api/v1/query') {
        requests.query++;
        const result = [...ids]
          .map(
            (id) =>
              `{"metric":{"lookout_q":"${id}"},"value":[0,"${opts.count ? opts.count(id) : opts.regions.length}"]}`,
          )
          .filter((_, i) => (opts.count ? opts.count([...ids][i]!) > 0 : true));
        return send(200, `{"status":"success","data":{"resultType":"vector","result":[${result.join(',')}]}}`);
      }
      if (req.url !== '/api/v1/query_range') return send(404, '{"status":"error","error":"not found"}');
      requests.queryRange++;
      if (query.includes('probe_http_duration_seconds')) requests.phaseRange++;
      const start = Number(form.get('start'));
      const end = Number(form.get('end'));
      const step = Number(form.get('step'));
      const parts: string[] = [];
      if (query.includes('probe_http_duration_seconds')) {
        for (const id of ids) {
          if (opts.count && opts.count(id) === 0) continue;
          for (const region of opts.regions) {
            const byPhase = new Map<string, string[]>();
            for (let t = start; t <= end; t += step) {
              if (success(id, region, t) === null) continue;
              for (const [phase, sec] of Object.entries(opts.phases?.(id, region, t) ?? {})) {
                if (!byPhase.has(phase)) byPhase.set(phase, []);
                byPhase.get(phase)!.push(`[${t},"${sec}"]`);
              }
            }
            // As `max by (region, phase)` answers: only the region and phase labels, and our tag.
            for (const [phase, values] of byPhase)
              parts.push(
                `{"metric":{"lookout_q":"${id}:p","region":"${region}","phase":"${phase}"},"values":[${values.join(',')}]}`,
              );
          }
        }
        return send(200, `{"status":"success","data":{"resultType":"matrix","result":[${parts.join(',')}]}}`);
      }
      for (const id of ids) {
        if (opts.count && opts.count(id) === 0) continue;
        for (const region of opts.regions) {
          const s: string[] = [];
          const d: string[] = [];
          for (let t = start; t <= end; t += step) {
            const v = success(id, region, t);
            if (v === null) continue;
            s.push(`[${t},"${v}"]`);
            d.push(`[${t},"${(0.01 + (id % 7) / 1000).toFixed(4)}"]`);
          }
          if (s.length)
            parts.push(
              `{"metric":{"lookout_q":"${id}:s","region":"${region}","instance":"i${id}"},"values":[${s.join(',')}]}`,
            );
          if (d.length)
            parts.push(
              `{"metric":{"lookout_q":"${id}:d","region":"${region}","instance":"i${id}"},"values":[${d.join(',')}]}`,
            );
        }
      }
      const w = opts.warnings?.();
      send(
        200,
        `{"status":"success","data":{"resultType":"matrix","result":[${parts.join(',')}]}${w ? `,"warnings":${JSON.stringify(w)}` : ''}}`,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
