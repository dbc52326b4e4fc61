// `npm run security:electron`: @doyensec/electronegativity over the desktop shell (the main process,
// preload, shell modules and the renderer's index.html). Every finding must be listed, with its
// reason, in build/electronegativity.json; anything else fails the run, naming the check and place.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `--root DIR` scans another checkout (the test of this script gives it a shell with known faults).
const rootArg = process.argv.indexOf('--root');
const root =
  rootArg > 0
    ? path.resolve(process.argv[rootArg + 1])
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const config = JSON.parse(readFileSync(path.join(root, 'build/electronegativity.json'), 'utf8'));
const electronVersion = require('electron/package.json').version;

// What runs in Electron's main and preload processes, and the page they load. The core is plain
// Node (it never imports electron; see test/unit/layers.test.ts), so it is not the shell's surface.
const SHELL = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/ipc.ts',
  'electron/tray.ts',
  'electron/secrets.ts',
  'electron/page-loader.ts',
  'electron/shell',
  'renderer/index.html',
];

const stage = mkdtempSync(path.join(os.tmpdir(), 'lookout-electronegativity-'));
let status = 0;
try {
  for (const p of SHELL)
    if (existsSync(path.join(root, p))) cpSync(path.join(root, p), path.join(stage, p), { recursive: true });
  writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({ name: 'lookout', devDependencies: { electron: electronVersion } }),
  );
  // The library fetches translations from GitHub on every run (got, 1 s timeout). The shell's scan
  // must not reach outside the machine, so its only network client answers 'offline' at once; the
  // English messages it ships are used, as they are when that fetch fails.
  const egDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [path.join(egDir, 'dist', 'locales')] });
  const offline = () => Promise.reject(new Error('network disabled for the security scan'));
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  const mod = require('@doyensec/electronegativity');
  const run = typeof mod === 'function' ? mod : mod.default;
  const quiet = console.log;
  console.log = () => undefined; // the library prints its own banner lines even when used as a module
  let result;
  try {
    result = await run(
      {
        input: stage,
        isRelative: true,
        electronVersionOverride: electronVersion,
        customScan: [],
        excludeFromScan: (config.excluded ?? []).map((x) => x.check.toLowerCase()),
      },
      false,
    );
  } finally {
    console.log = quiet;
  }
  const listed = (issue) =>
    config.allowed.find((a) => a.check === issue.id && (a.file === undefined || a.file === issue.file));
  const used = new Set();
  const unlisted = [];
  for (const issue of result.issues) {
    const entry = listed(issue);
    if (entry) used.add(entry);
    else unlisted.push(issue);
  }
  for (const e of result.errors.filter((x) => !x.tolerable)) {
    console.error(`electronegativity could not parse ${path.relative(stage, e.file)}: ${e.message}`);
    status = 1;
  }
  for (const i of unlisted) {
    console.error(
      `${i.id} ${i.file}:${i.location.line}:${i.location.column} (${i.severity.name}, ${i.confidence.name}): ${i.description.split('\n')[0]}`,
    );
  }
  for (const a of config.allowed.filter((x) => !used.has(x)))
    console.log(
      `note: listed ${a.check}${a.file ? ` in ${a.file}` : ''} no longer found; it can be removed from build/electronegativity.json`,
    );
  console.log(
    `electronegativity ${require('@doyensec/electronegativity/package.json').version} on Electron ${electronVersion}: ${result.atomicChecks + result.globalChecks} checks, ${result.issues.length} findings, ${result.issues.length - unlisted.length} listed with a reason, ${unlisted.length} not listed`,
  );
  if (unlisted.length > 0) {
    console.error('Fix these, or list each in build/electronegativity.json with the reason it is acceptable.');
    status = 1;
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
process.exit(status);
