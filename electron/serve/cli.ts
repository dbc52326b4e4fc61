import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli, USAGE, type CliOptions } from '../cli/args';
import { openBrowser } from '../cli/open-browser';
import { defaultDbPath } from '../cli/paths';
import { startCore } from '../core/app';
import { startServer, type Served } from './server';
import { loadIdentity, rememberPort, rotateIdentity } from './token-store';

declare const __LOOKOUT_VERSION__: string;

/** `npm run serve`: the same core and renderer as the desktop app, for a browser on 127.0.0.1. */
export async function runServe(cli: CliOptions): Promise<void> {
  const dbPath = path.resolve(cli.review ?? cli.db ?? defaultDbPath());
  if (!cli.review) mkdirSync(path.dirname(dbPath), { recursive: true });
  if (cli.passthrough.length > 0)
    console.error(`lookout: serve mode ignores ${cli.passthrough.join(' ')} (Electron / Chromium switches)`);
  // One token (and port) per database, kept until rotated: a restart answers on the same URL.
  const identity = loadIdentity(dbPath);
  let served: Served | undefined;
  // Whether /metrics answers (settings.metrics.enabled), for Settings to show the scrape URL.
  let metricsOn = false;
  const core = await startCore({
    dbPath,
    mode: 'serve',
    version: typeof __LOOKOUT_VERSION__ === 'string' ? __LOOKOUT_VERSION__ : '0.0.0-dev',
    readOnly: cli.review !== undefined,
    demo: cli.demo,
    log: (line) => console.error(`lookout: ${line}`),
    shell: {
      rotateToken: () => {
        if (!served) throw new Error('serve mode is still starting');
        const next = rotateIdentity(dbPath, served.port);
        served.setToken(next.token);
        console.log(`Lookout: access token rotated; now serving on ${served.url}`);
        return { url: served.url };
      },
      metricsUrl: () => (served && metricsOn ? `${new URL(served.url).origin}/metrics` : null),
    },
  });
  core.bus.on('settings', (s) => {
    metricsOn = s.metrics.enabled;
  });
  void core.dispatch('settings.get', {}).then((r) => {
    if (r.ok) metricsOn = (r.result as { metrics: { enabled: boolean } }).metrics.enabled;
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const serve = (port: number) =>
    startServer({
      dispatch: core.dispatch,
      bus: core.bus,
      rendererDir: path.join(here, '..', 'renderer'),
      port,
      token: identity.token,
    });
  const wanted = cli.port !== 0 ? cli.port : identity.port;
  served = await serve(wanted).catch((err: NodeJS.ErrnoException) => {
    // The remembered port is taken: serve anyway; open tabs then need the new URL printed below.
    if (cli.port === 0 && err.code === 'EADDRINUSE') return serve(0);
    throw err;
  });
  if (identity.persisted) rememberPort(dbPath, identity, served.port);
  else
    console.error(
      `lookout: ${path.dirname(dbPath)} is not writable, so this run's access token is not kept for the next one`,
    );
  console.log(`Lookout serving on ${served.url}`);
  console.log(`Database: ${dbPath}${cli.review ? ' (read-only review)' : ''}`);
  if (cli.open) openBrowser(served.url);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Lookout stopping (${signal})…`);
    await served?.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

export async function main(argv: string[]): Promise<void> {
  let cli: CliOptions;
  try {
    cli = parseCli(argv);
  } catch (err) {
    console.error(`lookout: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (cli.help) {
    console.log(USAGE);
    return;
  }
  try {
    await runServe(cli);
  } catch (err) {
    console.error(`lookout: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
