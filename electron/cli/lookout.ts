#!/usr/bin/env node
import { runLookout } from './workspace-commands';

// `lookout validate | plan | apply | export | schema | secret set` (see workspace-commands.ts).
async function stdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await runLookout(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
  stdin,
});
process.exitCode = code;
