import { parseArgs } from 'node:util';
import { DeployInput } from '../../shared/deploys';
import { affectedMonitors } from '../core/deploys/service';
import { openWorkspaceDb } from '../core/workspace/open';
import type { CliIo } from './workspace-commands';

export const DEPLOY_USAGE = `Usage: lookout deploy --group NAME --version V [--note TEXT] [--at ISO-TIME] [--window MIN] [--db PATH]

  --group NAME     the service group deployed (its monitors get the marker), e.g. "Task submissions"
  --monitor ID     a monitor instead of a group (repeat for several)
  --version V      the version that went out
  --note TEXT      what changed
  --at ISO-TIME    when it went out (default now)
  --window MIN     minutes compared before and after (default 30)`;

/**
 * `lookout deploy`: records a deploy marker in the console's database (the console may be running:
 * it judges the deploy when its after window closes, and a backfilled one at once).
 */
export function runDeploy(argv: string[], io: CliIo, dbPath: string): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        group: { type: 'string' },
        monitor: { type: 'string', multiple: true },
        version: { type: 'string' },
        note: { type: 'string' },
        at: { type: 'string' },
        window: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${DEPLOY_USAGE}`);
    return 1;
  }
  if (values.help) {
    io.out(DEPLOY_USAGE);
    return 0;
  }
  const at = values.at === undefined ? undefined : Date.parse(values.at);
  if (at !== undefined && Number.isNaN(at)) {
    io.err(`--at: "${values.at}" is not a date and time (e.g. 2026-12-01T21:30:00Z)`);
    return 1;
  }
  const parsed = DeployInput.safeParse({
    ...(values.group !== undefined ? { group: values.group } : {}),
    ...(values.monitor ? { monitorIds: values.monitor.map(Number) } : {}),
    version: values.version ?? '',
    ...(values.note !== undefined ? { note: values.note } : {}),
    ...(at !== undefined ? { at } : {}),
    ...(values.window !== undefined ? { windowMin: Number(values.window) } : {}),
    source: 'cli',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag =
      {
        group: '--group',
        monitorIds: '--monitor',
        version: '--version',
        windowMin: '--window',
        note: '--note',
        at: '--at',
      }[String(issue.path[0])] ?? '';
    io.err(`${flag ? `${flag}: ` : ''}${issue.message}\n\n${DEPLOY_USAGE}`);
    return 1;
  }
  const input = parsed.data;
  const opened = openWorkspaceDb(values.db ?? dbPath);
  try {
    const all = opened.tables.monitors.list();
    const monitors = affectedMonitors(all, input);
    if (monitors.length === 0) {
      const what = input.monitorIds ? `monitor ${input.monitorIds.join(', ')}` : `the group "${input.group}"`;
      io.err(
        `No monitor matches ${what}; groups: ${[...new Set(all.map((m) => m.group))].sort().join(', ') || 'none yet'}`,
      );
      return 1;
    }
    const now = Date.now();
    const d = opened.deploys.insert(
      {
        at: input.at ?? now,
        group: input.group ?? null,
        monitorIds: monitors.map((m) => m.id),
        version: input.version,
        note: input.note,
        source: 'cli',
        windowMin: input.windowMin,
      },
      now,
    );
    io.out(
      `Recorded deploy ${d.id}: ${d.group ?? monitors.map((m) => m.name).join(', ')} ${d.version} at ${new Date(d.at).toISOString()} (${monitors.length} monitor${monitors.length === 1 ? '' : 's'}; verdict after ${d.windowMin} min).`,
    );
    return 0;
  } finally {
    opened.close();
  }
}
