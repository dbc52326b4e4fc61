import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyWorkspace } from '../core/workspace/apply';
import { exportWorkspace } from '../core/workspace/export';
import { formatIssue } from '../core/workspace/issues';
import { openWorkspaceDb, secretNamesAt } from '../core/workspace/open';
import { MAX_FILE_BYTES } from '../core/workspace/parse';
import { hasChanges, planLines, planWorkspace } from '../core/workspace/plan';
import { workspaceJsonSchema } from '../core/workspace/schema';
import { validateWorkspace, type Validated } from '../core/workspace/validate';
import { defaultDbPath } from './paths';

export const LOOKOUT_USAGE = `Usage: lookout <verb> [options]

  validate FILE [--db PATH]          check the file; every error as FILE:LINE:COL: path: message (exit 1)
  plan FILE [--db PATH] [--prune]    what apply would create, change and delete (exit 2 when there are changes)
  apply FILE [--db PATH] [--prune]   apply all of it in one transaction, or nothing
  export [--db PATH]                 the workspace as YAML on stdout
  schema                             the file's JSON Schema on stdout (for yaml-language-server)
  secret set NAME [--db PATH]        store a secret for \${secret:NAME}, read from stdin

  --db PATH   the console's database (default: Lookout/lookout.db in your data folder); it may be open in the console
  --prune     also delete what the file's sections no longer list`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  stdin(): Promise<string>;
}

/** `lookout …`; returns the exit code. */
export async function runLookout(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        prune: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${LOOKOUT_USAGE}`);
    return 1;
  }
  const { positionals, values } = parsed;
  const [verb, arg, arg2] = positionals;
  if (values.help || !verb) {
    io.out(LOOKOUT_USAGE);
    return verb || values.help ? 0 : 1;
  }
  const dbPath = values.db ?? io.env.LOOKOUT_DB ?? defaultDbPath(io.env);
  try {
    switch (verb) {
      case 'schema':
        io.out(JSON.stringify(workspaceJsonSchema(), null, 2));
        return 0;
      case 'validate': {
        const file = needFile(arg);
        const names = secretNamesAt(dbPath);
        const v = validateWorkspace(readInput(file), {
          env: io.env,
          ...(names ? { secretExists: (n: string) => names.has(n) } : {}),
        });
        if (!report(file, v, io)) return 1;
        io.out(`${file}: valid`);
        return 0;
      }
      case 'plan':
      case 'apply': {
        const file = needFile(arg);
        const input = readInput(file);
        // A plan for a machine that has no database yet is made against an empty one, and writes nothing.
        const missing = verb === 'plan' && !existsSync(dbPath);
        if (missing) io.err(`note: no database at ${dbPath} yet; planned against an empty one`);
        const opened = openWorkspaceDb(missing ? ':memory:' : dbPath);
        try {
          const t = opened.tables;
          const v = validateWorkspace(input, { env: io.env, secretExists: (n) => t.ids.secret(n) !== undefined });
          if (!report(file, v, io)) return 1;
          if (verb === 'plan') {
            const plan = planWorkspace(v.workspace, t, { prune: values.prune });
            io.out(planLines(plan).join('\n'));
            return hasChanges(plan) ? 2 : 0;
          }
          const { plan } = applyWorkspace(v.workspace, t, { prune: values.prune, env: io.env });
          io.out(planLines(plan).join('\n'));
          io.out(hasChanges(plan) ? `Applied to ${dbPath}.` : 'Nothing to apply.');
          return 0;
        } finally {
          opened.close();
        }
      }
      case 'export': {
        if (!existsSync(dbPath)) throw new UsageError(`No Lookout database at ${dbPath}`);
        const opened = openWorkspaceDb(dbPath);
        try {
          const { text, notes } = exportWorkspace(opened.tables);
          io.out(text.replace(/\n$/, ''));
          for (const n of notes) io.err(`note: ${n}`);
          return 0;
        } finally {
          opened.close();
        }
      }
      case 'secret': {
        if (arg !== 'set' || !arg2)
          throw new UsageError('Usage: lookout secret set NAME [--db PATH] (the value is read from stdin)');
        if (!/^[A-Za-z0-9_.-]{1,80}$/.test(arg2))
          throw new UsageError(`A secret name is letters, digits, dot, dash or underscore: ${arg2}`);
        const value = (await io.stdin()).replace(/\r?\n$/, '');
        if (value === '') throw new UsageError('The secret value (stdin) is empty');
        const opened = openWorkspaceDb(dbPath);
        try {
          opened.tables.ids.setSecret(arg2, opened.tables.box.seal(value));
          io.out(`Stored secret ${arg2} in ${dbPath}.`);
          return 0;
        } finally {
          opened.close();
        }
      }
      default:
        throw new UsageError(`Unknown verb ${verb}\n\n${LOOKOUT_USAGE}`);
    }
  } catch (err) {
    if (err instanceof FileError) {
      io.err(`${err.file}:1:1: (file): ${err.message}`);
      return 1;
    }
    io.err(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

class UsageError extends Error {}
class FileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function needFile(file: string | undefined): string {
  if (!file) throw new UsageError(`Name the workspace file\n\n${LOOKOUT_USAGE}`);
  return file;
}

/** The file's bytes; a file far too large is refused before it is read. */
function readInput(file: string): Uint8Array {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new FileError(
      file,
      `Cannot read the file: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (err as Error).message}`,
    );
  }
  if (size > MAX_FILE_BYTES)
    throw new FileError(
      file,
      `The file is ${(size / 1024 / 1024).toFixed(1)} MB; a workspace file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    );
  return readFileSync(file);
}

function report(file: string, v: Validated, io: CliIo): v is Extract<Validated, { ok: true }> {
  if (v.ok) return true;
  for (const i of v.issues) io.err(formatIssue(file, i));
  io.err(`${file}: ${v.issues.length} error${v.issues.length === 1 ? '' : 's'}; nothing was applied`);
  return false;
}
