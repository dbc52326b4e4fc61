#!/usr/bin/env node
import { runDeploy } from './deploy';
import { defaultDbPath } from './paths';
import { runLookout } from './workspace-commands';

// `lookout validate | plan | apply | export | schema | secret set` (see workspace-commands.ts).
// `lookout export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
async function stdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const io = {
  out: (t: string) => process.stdout.write(`${t}\n`),
  err: (t: string) => process.stderr.write(`${t}\n`),
  env: process.env,
  stdin,
};
const argv = process.argv.slice(2);
// `lookout deploy …` records a deploy marker (deploy.ts).
const code =
  argv[0] === 'deploy'
    ? runDeploy(argv.slice(1), io, process.env.LOOKOUT_DB ?? defaultDbPath(process.env))
    : await runLookout(argv, io);
process.exitCode = code;
