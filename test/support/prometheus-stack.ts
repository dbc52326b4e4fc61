import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Debian's real prometheus and prometheus-blackbox-exporter on loopback ports, with generated
 * config in a temp dir: one blackbox exporter per region, Prometheus scraping each with the
 * region as a target label (and, when asked, Lookout's /metrics). Every process started here is
 * stopped by `stop()`. Scrapes every second so a test sees a change within a few seconds.
 */
export interface Region {
  name: string;
  /** What this region's exporter probes now. */
  target: string;
}
export interface StackOptions {
  /** The instance label every region reports (the monitored URL), whatever it really probes. */
  instance: string;
  regions: Region[];
  /** Lookout's /metrics to scrape too. */
  lookout?: { port: number; token: string };
}
export interface Stack {
  promUrl: string;
  /** Points one region's exporter at another URL (a refused port) and reloads Prometheus. */
  setTarget(region: string, target: string): Promise<void>;
  /** Starts scraping Lookout's /metrics (bearer token) and reloads Prometheus. */
  scrapeLookout(port: number, token: string): Promise<void>;
  stopPrometheus(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function started(cmd: string, args: string[], log: string[]): ChildProcess {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 200) log.shift();
  };
  p.stdout?.on('data', keep);
  p.stderr?.on('data', keep);
  return p;
}

async function waitReady(url: string, what: string, log: string[], ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${what} did not become ready at ${url}:\n${log.join('').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function stopProcess(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(t);
}

export async function startPrometheusStack(opts: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-prom-'));
  const log: string[] = [];
  const exporters: ChildProcess[] = [];
  let prom: ChildProcess | undefined;
  const regions = opts.regions.map((r) => ({ ...r }));
  let lookoutTarget = opts.lookout;
  try {
    writeFileSync(
      path.join(dir, 'blackbox.yml'),
      'modules:\n  http_2xx:\n    prober: http\n    timeout: 2s\n    http:\n      preferred_ip_protocol: ip4\n',
    );
    const bbPorts: number[] = [];
    for (const _ of regions) {
      const port = await freePort();
      bbPorts.push(port);
      exporters.push(
        started(
          'prometheus-blackbox-exporter',
          [`--config.file=${path.join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${port}`],
          log,
        ),
      );
    }
    for (const port of bbPorts) await waitReady(`http://127.0.0.1:${port}/metrics`, 'blackbox_exporter', log);
    const promPort = await freePort();
    const writeConfig = () => {
      const jobs = regions.map(
        (r, i) => `  - job_name: blackbox-${r.name}
    metrics_path: /probe
    params: { module: [http_2xx] }
    static_configs:
      - targets: ['127.0.0.1:${bbPorts[i]}']
        labels: { region: '${r.name}', instance: '${opts.instance}', __param_target: '${r.target}' }
`,
      );
      const lookout = lookoutTarget
        ? `  - job_name: lookout
    authorization: { credentials: '${lookoutTarget.token}' }
    static_configs:
      - targets: ['127.0.0.1:${lookoutTarget.port}']
`
        : '';
      writeFileSync(
        path.join(dir, 'prometheus.yml'),
        `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n  evaluation_interval: 1s\nscrape_configs:\n${jobs.join('')}${lookout}`,
      );
    };
    writeConfig();
    prom = started(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--web.enable-lifecycle',
        '--log.level=warn',
      ],
      log,
    );
    const promUrl = `http://127.0.0.1:${promPort}`;
    await waitReady(`${promUrl}/-/ready`, 'prometheus', log);
    const reload = async () => {
      writeConfig();
      const res = await fetch(`${promUrl}/-/reload`, { method: 'POST' });
      if (!res.ok) throw new Error(`reload failed: ${res.status} ${await res.text()}`);
    };
    return {
      promUrl,
      async setTarget(region, target) {
        const r = regions.find((x) => x.name === region);
        if (!r) throw new Error(`no region ${region}`);
        r.target = target;
        await reload();
      },
      async scrapeLookout(port, token) {
        lookoutTarget = { port, token };
        await reload();
      },
      async stopPrometheus() {
        await stopProcess(prom);
      },
      async stop() {
        await Promise.all([stopProcess(prom), ...exporters.map(stopProcess)]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all([stopProcess(prom), ...exporters.map(stopProcess)]);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
