// `npm run bench` runs every test/bench/*.bench.ts; `npm run bench -- NAME` runs one. Each runs in
// its own process (after build/bundle.mjs --bench compiled it to dist/bench) so one bench's heap,
// open databases and timers cannot colour the next one's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.slice(0, -'.bench.js'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, `${name}.bench.js`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${name} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
