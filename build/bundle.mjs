// Builds what `npm start` runs: the renderer with Vite, the main process, preload, serve and
// start entries with esbuild (compiled code, never ts-node), and the benchmarks when asked.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  // V8 keeps each script's source for lazy compilation: an ASCII file is held one byte per
  // character, one with a single "→" two bytes per character (~0.5 MB more for serve mode).
  charset: 'ascii',
  write: false,
};

/**
 * Writes what esbuild built. `charset: 'ascii'` escapes strings, identifiers and regular
 * expressions but leaves comments as written; a non-ASCII character left is in a comment, where
 * `\u{2192}` reads as well (and in a string it is the same character). Lines stay where they
 * were, so the source maps still hold.
 */
function writeOutputs(result) {
  for (const file of result.outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    if (!/\.(c|m)?js$/.test(file.path)) {
      writeFileSync(file.path, file.contents);
      continue;
    }
    const text = file.text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    writeFileSync(file.path, text);
  }
}

/**
 * For the ES module builds: these CommonJS packages are loaded with require() (one name made by
 * the banner) instead of `import`. Node reads a CommonJS file imported from an ES module with its
 * export scanner first; that loop is hot enough at start that V8 optimises it, which maps the
 * optimising compiler's code into every idle console (~3.6 MB; see serve/node-flags.ts). Only
 * packages whose `import` ends at the same CommonJS files (better-sqlite3 has no ES build; ws's
 * wrapper.mjs re-exports its CommonJS classes), so either way there is one module instance.
 */
const VIA_REQUIRE = /^(better-sqlite3|ws)$/;
const viaRequire = {
  banner: {
    js: "import { createRequire as __lookoutCreateRequire } from 'node:module';\nconst __lookoutRequire = __lookoutCreateRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'commonjs-via-require',
      setup(b) {
        b.onResolve({ filter: VIA_REQUIRE }, (a) => ({ path: a.path, namespace: 'via-require' }));
        b.onLoad({ filter: /.*/, namespace: 'via-require' }, (a) => ({
          contents: `module.exports = __lookoutRequire(${JSON.stringify(a.path)});`,
          loader: 'js',
        }));
      },
    },
  ],
};

rmSync(path.join(root, 'dist/electron'), { recursive: true, force: true });
await Promise.all([
  esbuild({
    ...common,
    ...viaRequire,
    format: 'esm',
    entryPoints: ['electron/main.ts', 'electron/serve.ts', 'electron/start.ts', 'electron/cli/lookout.ts'],
    outdir: 'dist/electron',
    external: ['electron'],
    // Code the entries share, and each part the core loads with import() (electron/core/lazy-import.ts),
    // is a chunk beside the entries: a process reads only what it imports. Beside, not in a folder,
    // because serve/cli.ts finds the renderer from its own file's place.
    splitting: true,
    chunkNames: '[name]-[hash]',
  }).then(writeOutputs),
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  esbuild({
    ...common,
    packages: undefined,
    format: 'cjs',
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
  }).then(writeOutputs),
]);

if (withBench) {
  // `*.child.ts` are processes a bench spawns (target servers kept out of the measured process).
  const benches = readdirSync(path.join(root, 'test/bench')).filter(
    (f) => f.endsWith('.bench.ts') || f.endsWith('.child.ts') || f === 'run.ts',
  );
  await esbuild({
    ...common,
    ...viaRequire,
    format: 'esm',
    entryPoints: benches.map((f) => `test/bench/${f}`),
    outdir: 'dist/bench',
    outExtension: { '.js': '.js' },
  }).then(writeOutputs);
}

if (!onlyNode) {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}
console.log(`built dist/ (lookout ${pkg.version})`);
