import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PROBES, runProbe, type KindProbes } from '../../electron/core/probes/registry';
import { RENDERER_KINDS, monitorTarget } from '../../renderer/components/kinds';
import type { RendererKinds } from '../../renderer/components/kinds/types';
import { KINDS, KIND_NAMES, ProbeSpec, type Kind } from '../../shared/kinds';
import { Monitor, PROBE_KINDS } from '../../shared/monitor';
import { COMMON_PROBE_ERRORS, PROBE_ERRORS } from '../../shared/probes/errors';

// A kind missing from a side's registry must not compile (`npm test` runs tsc -b first).
// @ts-expect-error -- `submit` has no probe
const withoutSubmitProbe = { ...PROBES, submit: undefined } satisfies KindProbes;
// @ts-expect-error -- `dns` has no renderer part
const withoutDnsRenderer = { ...RENDERER_KINDS, dns: undefined } satisfies RendererKinds;
const { summary: _summary, ...tlsWithoutSummary } = RENDERER_KINDS.tls;
// @ts-expect-error -- a renderer kind must say what its monitor probes
const withoutTlsSummary = { ...RENDERER_KINDS, tls: tlsWithoutSummary } satisfies RendererKinds;
void [withoutSubmitProbe, withoutDnsRenderer, withoutTlsSummary];

/** The smallest valid config of each kind, as an operator would type it. */
const MINIMAL: Record<Kind, unknown> = {
  http: { url: 'http://127.0.0.1:9/health' },
  tcp: { host: '127.0.0.1', port: 9 },
  dns: { name: 'example.test' },
  tls: { host: '127.0.0.1', port: 9 },
  page: { url: 'http://127.0.0.1:9/' },
  hls: { url: 'http://127.0.0.1:9/master.m3u8' },
  submit: { steps: [{ method: 'POST', url: 'http://127.0.0.1:9/tasks' }] },
};

function monitorOf(kind: Kind) {
  return Monitor.parse({ id: 1, createdAt: 0, name: kind, kind, config: MINIMAL[kind] });
}

describe('the three kind registries', () => {
  it('list the same kinds: shared, core and renderer', () => {
    const names = [...KIND_NAMES].sort();
    expect(Object.keys(PROBES).sort()).toEqual(names);
    expect(Object.keys(RENDERER_KINDS).sort()).toEqual(names);
    expect(Object.keys(PROBE_KINDS).sort()).toEqual(names);
  });

  it.each(KIND_NAMES)('%s has every part on every side', (kind) => {
    expect(KINDS[kind].config.safeParse(MINIMAL[kind]).success).toBe(true);
    expect(typeof KINDS[kind].secretHeaders).toBe('function');
    // Every key optional (a failed probe writes fewer), and no more than a result may store.
    expect(KINDS[kind].details.parse({})).toEqual({});
    expect(Object.keys(KINDS[kind].details.shape).length).toBeLessThanOrEqual(32);
    expect(typeof PROBES[kind].run).toBe('function');
    const r = RENDERER_KINDS[kind];
    expect(r.label).not.toBe('');
    expect(r.breakdownTitle).not.toBe('');
    expect(typeof r.Fields).toBe('function');
    expect(typeof r.Breakdown).toBe('function');
    expect(typeof monitorTarget(monitorOf(kind))).toBe('string');
  });

  it('the monitor union takes each kind with its own schema and refuses a kind nobody registered', () => {
    for (const kind of KIND_NAMES) expect(ProbeSpec.safeParse({ kind, config: MINIMAL[kind] }).success).toBe(true);
    // The http config under the tcp kind: the tcp schema judges it.
    expect(ProbeSpec.safeParse({ kind: 'tcp', config: MINIMAL.http }).success).toBe(false);
    const unknown = ProbeSpec.safeParse({ kind: 'smtp', config: {} });
    expect(unknown.success).toBe(false);
  });

  it('no error code is defined by two kinds or by a kind and the common table', () => {
    const seen = new Map<string, string>(Object.keys(COMMON_PROBE_ERRORS).map((c) => [c, 'common']));
    for (const kind of KIND_NAMES) {
      for (const code of Object.keys(KINDS[kind].errors)) {
        expect(seen.get(code), `${code} of ${kind}`).toBeUndefined();
        seen.set(code, kind);
      }
    }
    expect(Object.keys(PROBE_ERRORS).sort()).toEqual([...seen.keys()].sort());
    for (const [code, line] of Object.entries(PROBE_ERRORS)) expect(line, code).toMatch(/^[A-Z].*\.$/);
  });

  it('secret headers are the kind’s to name: http by name and credentials, submit by credentials not templated', () => {
    const http = KINDS.http.config.parse({
      url: 'http://127.0.0.1:9/',
      headers: { Authorization: 'Bearer a', 'X-Key': 'k', Accept: '*/*' },
      secretHeaders: ['x-key'],
    });
    const [set] = KINDS.http.secretHeaders(http);
    expect(Object.keys(http.headers).filter((n) => set?.secret(n, http.headers[n] ?? ''))).toEqual([
      'Authorization',
      'X-Key',
    ]);
    const submit = KINDS.submit.config.parse({
      steps: [
        { url: 'http://127.0.0.1:9/login', headers: { Cookie: 'sid=1' }, capture: { token: '$.token' } },
        { url: 'http://127.0.0.1:9/tasks', headers: { Authorization: 'Bearer {{token}}' } },
      ],
    });
    const [login, tasks] = KINDS.submit.secretHeaders(submit);
    expect(login?.headers).toBe(submit.steps[0]?.headers);
    expect(login?.secret('Cookie', 'sid=1')).toBe(true);
    expect(tasks?.secret('Authorization', 'Bearer {{token}}')).toBe(false);
    expect(tasks?.secret('Authorization', 'Bearer abc')).toBe(true);
    for (const kind of ['tcp', 'dns', 'tls', 'page', 'hls'] as const)
      expect(KINDS[kind].secretHeaders(KINDS[kind].config.parse(MINIMAL[kind]) as never)).toEqual([]);
  });

  it("each kind says what its monitor probes in one line: a URL, a host, a DNS question, a submission's hosts", () => {
    expect(monitorTarget(monitorOf('http'))).toBe('http://127.0.0.1:9/health');
    expect(monitorTarget(monitorOf('hls'))).toBe('http://127.0.0.1:9/master.m3u8');
    expect(monitorTarget(monitorOf('tcp'))).toBe('127.0.0.1');
    expect(monitorTarget(monitorOf('tls'))).toBe('127.0.0.1');
    expect(monitorTarget(monitorOf('dns'))).toBe('example.test A');
    expect(monitorTarget(monitorOf('submit'))).toBe('127.0.0.1:9 · 1 step');
    const monitor = (kind: Kind, config: unknown) => Monitor.parse({ id: 1, createdAt: 0, name: kind, kind, config });
    expect(monitorTarget(monitor('dns', { name: 'live.example.com', type: 'AAAA', server: '1.1.1.1' }))).toBe(
      'live.example.com AAAA @ 1.1.1.1',
    );
    const steps = [
      { method: 'POST', url: 'https://auth.example.com/login' },
      { method: 'POST', url: 'https://api.example.com/tasks', capture: { id: '$.id' } },
      { method: 'GET', url: 'https://api.example.com/tasks/{{id}}' },
    ];
    expect(monitorTarget(monitor('submit', { steps }))).toBe('auth.example.com, api.example.com · 3 steps');
  });

  it('a real probe writes only the details its kind declares (http and tcp against a loopback server)', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const ctx = { signal: new AbortController().signal };
      const web = await runProbe(ProbeSpec.parse({ kind: 'http', config: { url: `http://127.0.0.1:${port}/` } }), ctx);
      expect(web.status).toBe('up');
      expect(KINDS.http.details.strict().parse(web.details)).toEqual(web.details);
      const tcp = await runProbe(ProbeSpec.parse({ kind: 'tcp', config: { host: '127.0.0.1', port } }), ctx);
      expect(tcp.status).toBe('up');
      expect(KINDS.tcp.details.strict().parse(tcp.details)).toEqual({ address: '127.0.0.1' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
