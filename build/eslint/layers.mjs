// The layers of ARCHITECTURE.md as local/code-layering options: eslint.config.js applies them and
// test/unit/lint-rules.test.ts tests the rule against the same table.

/** @type {import('./layers.d.mts').Layer[]} */
export const LAYERS = [
  {
    layer: 'electron/core',
    files: 'electron/core/',
    bare: { deny: ['^electron($|/)', '^react($|-dom|/)', '^recharts', '^@tanstack/react-'] },
    forbidden: ['renderer/', 'electron/shell/', 'electron/main', 'electron/preload'],
    reason: 'the core runs under plain Node and in serve mode; it never reaches the Electron shell or the UI',
  },
  {
    layer: 'electron outside the store',
    files: 'electron/',
    except: ['electron/core/store/'],
    // Exact name only: reading better-sqlite3/package.json (its version, for the native build) is not a connection.
    bare: { deny: ['^better-sqlite3$'] },
    forbidden: ['electron/core/store/connection'],
    reason:
      'only electron/core/store/ holds an SQLite connection (ReadableDB / WritableDB); the rest goes through the Store, and connectionOf is for tests',
  },
  {
    layer: 'renderer',
    files: 'renderer/',
    except: ['renderer/vite.config.ts'],
    bare: { deny: ['^electron($|/)', '^node:', '^(fs|path|os|child_process|net|http|https|crypto)$'] },
    forbidden: ['electron/'],
    reason: 'the renderer talks to the main process only through the Api contract (window.lookout)',
  },
  {
    layer: 'shared',
    files: 'shared/',
    bare: { allow: ['zod'] },
    within: ['shared/'],
    reason: 'shared/ is the contract both sides load; it depends on nothing but zod',
  },
];
