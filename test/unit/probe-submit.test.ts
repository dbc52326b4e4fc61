import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import { probeSubmit } from '../../electron/core/probes/submit/probe';
import { SubmitConfig, type SubmitConfigInput } from '../../shared/probes/submit';
import { ProbeOutcome } from '../../shared/result';

let platform: Platform | undefined;
const servers: http.Server[] = [];

afterEach(async () => {
  await platform?.close();
  platform = undefined;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function start(): Promise<Platform> {
  platform = await startPlatform();
  return platform;
}

function probe(input: SubmitConfigInput, signal = new AbortController().signal): Promise<ProbeOutcome> {
  return probeSubmit(SubmitConfig.parse(input), { signal });
}

/** The demo platform's transaction: token → submission → confirmation that it is visible. */
function transaction(p: Platform, overrides: { confirmTimeoutMs?: number } = {}): SubmitConfigInput {
  return {
    steps: [
      { method: 'GET', url: p.urls.token, capture: { token: '$.token' } },
      {
        method: 'POST',
        url: p.urls.submit,
        headers: { authorization: 'Bearer {{token}}', 'content-type': 'application/json' },
        body: '{"task":"probe","ref":"{{$uuid}}"}',
        expectStatus: [[202, 202]],
        capture: { id: '$.id' },
      },
      {
        method: 'GET',
        url: `${p.urls.submit}/{{id}}`,
        poll: { timeoutMs: overrides.confirmTimeoutMs ?? 2000, intervalMs: 50 },
      },
    ],
  };
}

describe('submit probe against the demo submission API', () => {
  it('token, submission, confirmation: up, with per-step status and time', async () => {
    const p = await start();
    const out = await probe(transaction(p));
    expect(out.message).toBeUndefined();
    expect(out.status).toBe('up');
    expect(out.latencyMs).toEqual(expect.any(Number));
    const d = out.details!;
    expect(d.steps).toEqual(['GET /api/token', 'POST /api/submissions', 'GET /api/submissions/{{id}}']);
    expect(d.stepStatus).toEqual([200, 202, 200]);
    expect(d.stepMs).toHaveLength(3);
    expect(d.confirmTries).toBeGreaterThanOrEqual(1);
    expect(ProbeOutcome.safeParse(out).success).toBe(true);
    // The platform counted exactly one submission and it went through.
    expect(await (await fetch(p.urls.health)).json()).toEqual({ ok: true, queue: { depth: 0 } });
  });

  it('a wrong status names the step, what was expected and what came', async () => {
    const p = await start();
    p.setFault('api', { submitStatus: 500 });
    const out = await probe(transaction(p));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('submit_status');
    expect(out.message).toBe(
      'step 2 (POST /api/submissions): expected 202, got 500: {"error":"injected fault: HTTP 500"}',
    );
    expect(out.details?.stepStatus).toEqual([200, 500]);
  });

  it('a capture that finds nothing names the step and the path', async () => {
    const p = await start();
    const cfg = transaction(p);
    cfg.steps[0]!.capture = { token: '$.session.token' };
    const out = await probe(cfg);
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('submit_capture');
    expect(out.message).toBe(
      'step 1 (GET /api/token): could not capture token: $.session.token is missing from the body',
    );
  });

  it('accepted but never visible is down with submit_not_visible', async () => {
    const p = await start();
    p.setFault('api', { dropSubmissions: true });
    const out = await probe(transaction(p, { confirmTimeoutMs: 300 }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('submit_not_visible');
    expect(out.message).toMatch(
      /^step 3 \(GET \/api\/submissions\/\{\{id\}\}\): the submission did not become visible within 300 ms \(\d+ tries, last: HTTP 404\)$/,
    );
    expect(out.details?.stepStatus).toEqual([200, 202, 404]);
  });

  it('a transaction slower than the threshold is degraded', async () => {
    const p = await start();
    p.setFault('api', { latencyMs: 150 });
    const out = await probe({ ...transaction(p), degradedAboveMs: 300 });
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('slow');
    expect(out.message).toMatch(/^The submission took [\d.]+ (s|ms) end to end, above the 300 ms threshold$/);
  });

  it('a step that never answers times out on its own timeout and says which step', async () => {
    const p = await start();
    p.setFault('api', { hang: true });
    const cfg = transaction(p);
    cfg.steps[0]!.timeoutMs = 200;
    const out = await probe(cfg);
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('timeout');
    expect(out.message).toBe('step 1 (GET /api/token): no complete answer within 200 ms');
  });

  it('a refused connection is down with the network error code', async () => {
    const p = await start();
    p.setFault('api', { refuse: true });
    const out = await probe(transaction(p));
    expect(out.errorCode).toBe('conn_refused');
    expect(out.message).toBe(`step 1 (GET /api/token): Connection refused by 127.0.0.1:${p.ports.api}`);
  });

  it('an endless response body is cut at the cap', async () => {
    const p = await start();
    p.setFault('web', { hugeBody: true });
    const out = await probe({ steps: [{ url: p.urls.web, name: 'home page' }], maxBodyBytes: 64 * 1024 });
    expect(out.errorCode).toBe('body_too_large');
    expect(out.message).toBe('step 1 (home page): response body larger than 65536 bytes');
  });
});

describe('submit probe: captures and variables', () => {
  it('captures a header (a Location path) and uses it in the next URL', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'POST') return res.writeHead(201, { location: '/jobs/a b/1' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"state":"queued"}');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const out = await probe({
      steps: [
        {
          method: 'POST',
          url: `${base}/jobs`,
          body: '{}',
          expectStatus: [[201, 201]],
          capture: { job: 'header:location' },
        },
        { url: `${base}{{job}}?at={{$now}}`, capture: { state: '$.state' } },
      ],
    });
    expect(out.status).toBe('up');
    expect(seen[0]).toBe('POST /jobs');
    expect(seen[1]).toMatch(/^GET \/jobs\/a%20b\/1\?at=\d+$/);
  });
});

describe('submit config', () => {
  it('flags variables no earlier step captures, at the field that uses them', () => {
    const r = SubmitConfig.safeParse({
      steps: [
        { url: 'http://api.test/token', capture: { token: '$.token' } },
        { method: 'POST', url: 'http://api.test/s/{{tokn}}', headers: { authorization: 'Bearer {{token}} {{nope}}' } },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['steps.1.url', '{{tokn}} is not captured by an earlier step'],
      ['steps.1.headers.authorization', '{{nope}} is not captured by an earlier step'],
    ]);
  });

  it('only the last step may poll, and capture sources must be a JSON path or a header', () => {
    const r = SubmitConfig.safeParse({
      steps: [{ url: 'http://api.test/a', poll: {}, capture: { id: 'id' } }, { url: 'http://api.test/b' }],
    });
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['steps.0.capture.id', 'steps.0.poll']);
  });
});
