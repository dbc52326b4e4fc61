// Builds what `npm start` runs: the renderer with Vite, the main process, preload, serve and
// start entries with esbuild (compiled code, never ts-node), and the benchmarks when asked.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const withBench = process.argv.includes('--bench');
const onlyNode = process.argv.includes('--node-only');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and runtime dependencies stay in node_modules (electron-builder packages them).
  packages: 'external',
  define: { __LOOKOUT_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

rmSync(path.join(root, 'dist/electron'), { recursive: true, force: true });
await Promise.all([
  esbuild({
    ...common,
    format: 'esm',
    entryPoints: ['electron/main.ts', 'electron/serve.ts', 'electron/start.ts', 'electron/cli/lookout.ts'],
    outdir: 'dist/electron',
    external: ['electron'],
  }),
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  esbuild({
    ...common,
    packages: undefined,
    format: 'cjs',
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
  }),
]);

if (withBench) {
  // `*.child.ts` are processes a bench spawns (target servers kept out of the measured process).
  const benches = readdirSync(path.join(root, 'test/bench')).filter(
    (f) => f.endsWith('.bench.ts') || f.endsWith('.child.ts') || f === 'run.ts',
  );
  await esbuild({
    ...common,
    format: 'esm',
    entryPoints: benches.map((f) => `test/bench/${f}`),
    outdir: 'dist/bench',
    outExtension: { '.js': '.js' },
  });
}

if (!onlyNode) {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}
console.log(`built dist/ (lookout ${pkg.version})`);
