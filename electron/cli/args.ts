import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  db: string | undefined;
  review: string | undefined;
  demo: boolean;
  open: boolean;
  help: boolean;
  /** A `lookout://…` link the app was launched with (the OS passes it as an argument). */
  link: string | undefined;
  /** Switches that are not Lookout's (`--no-sandbox`, `--enable-logging`, …): Electron and Chromium read them. */
  passthrough: string[];
}

export const USAGE = `Usage: lookout [--db PATH] [--demo] [--review FILE] [--port N] [--no-open] [lookout://LINK]

  --db PATH       database file (default: Lookout/lookout.db in your data folder)
  --demo          load the demo workspace (monitors on a demo platform on loopback)
  --review FILE   open a Lookout database read-only for review; nothing is probed
  --port N        serve mode port on 127.0.0.1 (default 0: the last one used for this database, else any free one)
  --no-open       serve mode: do not open a browser
  lookout://…     open a monitor, incident or maintenance window (lookout://incident/7)

Other --switches (--no-sandbox, --enable-logging, …) are left to Electron and Chromium.`;

const OPTIONS = {
  port: { type: 'string' },
  db: { type: 'string' },
  review: { type: 'string' },
  demo: { type: 'boolean', default: false },
  'no-open': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * Lookout's own options are checked strictly (a bad --port is an error naming it); any other
 * `--switch` belongs to Electron / Chromium and is set aside untouched, because an AppImage or a
 * container often needs `--no-sandbox`, and rejecting it left the operator with no window at all.
 */
function split(argv: string[]): { ours: string[]; passthrough: string[]; positionals: string[] } {
  const ours: string[] = [];
  const passthrough: string[] = [];
  const positionals: string[] = [];
  let afterSwitch = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      ours.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) {
      // `--js-flags "--max-old-space-size=4096"`-style values belong to the switch before them.
      if (afterSwitch && !/^lookout:/i.test(arg)) passthrough.push(arg);
      else positionals.push(arg);
      afterSwitch = false;
      continue;
    }
    afterSwitch = false;
    const name = arg.slice(2).split('=')[0]!;
    if (!Object.hasOwn(OPTIONS, name)) {
      passthrough.push(arg);
      afterSwitch = !arg.includes('=');
      continue;
    }
    ours.push(arg);
    const spec = OPTIONS[name as keyof typeof OPTIONS];
    if (spec.type === 'string' && !arg.includes('=') && i + 1 < argv.length) ours.push(argv[++i]!);
  }
  return { ours, passthrough, positionals };
}

/** Parses the shared command line of `npm start`, the desktop app and `npm run serve`; throws with a readable message. */
export function parseCli(argv: string[]): CliOptions {
  const { ours, passthrough, positionals } = split(argv);
  const { values } = parseArgs({ args: ours, strict: true, allowPositionals: false, options: OPTIONS });
  const links = positionals.filter((p) => /^lookout:/i.test(p));
  const stray = positionals.filter((p) => !/^lookout:/i.test(p));
  if (stray.length > 0)
    throw new Error(`Unexpected argument "${stray[0]}" (options start with --; links with lookout://)`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (got "${values.port}")`);
  }
  if (values.review !== undefined && values.demo)
    throw new Error('--review opens a database read-only; it cannot load the demo');
  return {
    port,
    db: values.db,
    review: values.review,
    demo: values.demo ?? false,
    open: !(values['no-open'] ?? false),
    help: values.help ?? false,
    link: links.at(-1),
    passthrough,
  };
}
