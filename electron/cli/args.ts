import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  db: string | undefined;
  review: string | undefined;
  demo: boolean;
  open: boolean;
  help: boolean;
}

export const USAGE = `Usage: lookout [--db PATH] [--demo] [--review FILE] [--port N] [--no-open]

  --db PATH       database file (default: Lookout/lookout.db in your data folder)
  --demo          load the demo workspace (monitors on a demo platform on loopback)
  --review FILE   open a Lookout database read-only for review; nothing is probed
  --port N        serve mode port on 127.0.0.1 (0 picks a free one; default 0)
  --no-open       serve mode: do not open a browser`;

/** Parses the shared command line of `npm start` and `npm run serve`; throws with a readable message. */
export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      review: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (got "${values.port}")`);
  }
  if (values.review !== undefined && values.demo) throw new Error('--review opens a database read-only; it cannot load the demo');
  return {
    port,
    db: values.db,
    review: values.review,
    demo: values.demo ?? false,
    open: !(values['no-open'] ?? false),
    help: values.help ?? false,
  };
}
