// `npm run dist`: electron-builder packages the app, and its npmRebuild rebuilds better-sqlite3
// *in place* in node_modules for Electron's ABI. That is right for the package and wrong for
// everything after it (tests, benches and serve mode run under Node), so Node's build is restored
// afterwards, whether packaging succeeded or not.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shell = process.platform === 'win32';
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell }).status ?? 1;

const packed = run('npx', ['electron-builder', '--config', 'build/electron-builder.yml', ...process.argv.slice(2)]);
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0)
  console.error('lookout: could not restore the Node build of better-sqlite3; run `npm rebuild better-sqlite3`.');
process.exit(packed || restored);
