import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../build/eslint/layers.mjs';
import { cyclicComponents, importGraph, projectFiles } from '../../build/eslint/no-cycle.mjs';
import local from '../../build/eslint/plugin.mjs';

// The layering of ARCHITECTURE.md and the ban on import cycles are lint rules (build/eslint/), so
// an editor shows a violation where it is typed; these tests hold the rules to what they promise.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = path.resolve(import.meta.dirname, '../..');
const at = (file: string) => path.join(ROOT, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

function layer(name: string) {
  const l = LAYERS.find((x) => x.layer === name);
  if (!l) throw new Error(`no layer ${name} in build/eslint/layers.mjs`);
  return l;
}
const refused = (name: string, spec: string) => ({
  message: `${name} may not import '${spec}': ${layer(name).reason}`,
});

describe('local/code-layering', () => {
  tester.run('code-layering', local.rules['code-layering'], {
    valid: [
      // The core imports its own modules, shared/ and Node.
      {
        filename: at('electron/core/app.ts'),
        code: "import { openStore } from './store';\nimport type { Monitor } from '../../shared/monitor';\nimport { join } from 'node:path';",
        options: [LAYERS],
      },
      // The renderer imports React, its own modules and the contract in shared/.
      {
        filename: at('renderer/pages/Dashboard.tsx'),
        code: "import { useState } from 'react';\nimport { fmt } from '../lib/format';\nimport type { Service } from '../../shared/api';",
        options: [LAYERS],
      },
      // The Vite config runs under Node and is not renderer code.
      { filename: at('renderer/vite.config.ts'), code: "import path from 'node:path';", options: [LAYERS] },
      // shared/ imports zod (and its sub-paths) and itself.
      {
        filename: at('shared/monitor.ts'),
        code: "import { z } from 'zod';\nimport { iso } from 'zod/v4';\nimport { ApiError } from './errors';",
        options: [LAYERS],
      },
      // The Electron shell may import electron; it is not in a restricted layer.
      { filename: at('electron/main.ts'), code: "import { app } from 'electron';", options: [LAYERS] },
      // The store opens the connection; tests reach it through the test-only door.
      { filename: at('electron/core/store/db.ts'), code: "import Database from 'better-sqlite3';", options: [LAYERS] },
      {
        filename: at('test/unit/store.test.ts'),
        code: "import Database from 'better-sqlite3';\nimport { connectionOf } from '../../electron/core/store/connection';",
        options: [LAYERS],
      },
      // better-sqlite3's package.json (its version, for the native build) is not a connection.
      {
        filename: at('electron/native/build-binding.ts'),
        code: "const v = require('better-sqlite3/package.json');",
        options: [LAYERS],
      },
    ],
    invalid: [
      {
        filename: at('electron/core/app.ts'),
        code: "import { app } from 'electron';",
        options: [LAYERS],
        errors: [refused('electron/core', 'electron')],
      },
      {
        filename: at('electron/core/app.ts'),
        code: "import type { Chart } from '../../renderer/x';",
        options: [LAYERS],
        errors: [refused('electron/core', '../../renderer/x')],
      },
      // Re-exports, dynamic imports and import types count as imports too.
      {
        filename: at('electron/core/app.ts'),
        code: "export { x } from '../../renderer/x';\nconst m = import('electron');\ntype T = import('react').FC;",
        options: [LAYERS],
        errors: [
          refused('electron/core', '../../renderer/x'),
          refused('electron/core', 'electron'),
          refused('electron/core', 'react'),
        ],
      },
      {
        filename: at('electron/core/report/pdf.ts'),
        code: "import { Chart } from '../../../renderer/components/Chart';",
        options: [LAYERS],
        errors: [refused('electron/core', '../../../renderer/components/Chart')],
      },
      {
        filename: at('renderer/pages/Dashboard.tsx'),
        code: "import { readFileSync } from 'node:fs';",
        options: [LAYERS],
        errors: [refused('renderer', 'node:fs')],
      },
      {
        filename: at('renderer/App.tsx'),
        code: "import { openStore } from '../electron/core/x';",
        options: [LAYERS],
        errors: [refused('renderer', '../electron/core/x')],
      },
      {
        filename: at('shared/monitor.ts'),
        code: "import { parse } from 'yaml';",
        options: [LAYERS],
        errors: [refused('shared', 'yaml')],
      },
      {
        filename: at('shared/monitor.ts'),
        code: "import type { Store } from '../electron/x';",
        options: [LAYERS],
        errors: [refused('shared', '../electron/x')],
      },
      // Outside electron/core/store/ nothing holds an SQLite connection, nor takes the test-only door.
      {
        filename: at('electron/core/monitoring/engine.ts'),
        code: "import Database from 'better-sqlite3';\nimport { connectionOf } from '../store/connection';",
        options: [LAYERS],
        errors: [
          refused('electron outside the store', 'better-sqlite3'),
          refused('electron outside the store', '../store/connection'),
        ],
      },
      {
        filename: at('electron/serve/main.ts'),
        code: "import type { Database } from 'better-sqlite3';",
        options: [LAYERS],
        errors: [refused('electron outside the store', 'better-sqlite3')],
      },
    ],
  });
});

describe('local/no-import-cycle', () => {
  // A small tree in memory: a <-> b through type-only imports, c -> d/index -> e -> c through a
  // re-export and a dynamic import, and f outside any cycle.
  const tree: Record<string, string> = {
    '/v/a.ts': "import type { B } from './b';\nexport type A = { b: B };",
    '/v/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };",
    '/v/c.ts': "import { d } from './d';\nexport const c = d;",
    '/v/d/index.ts': "export * from '../e';\nexport const d = 1;",
    '/v/e.ts': "export const e = () => import('./c');",
    '/v/f.ts': "import { c } from './c';\nimport type { A } from './a';\nimport { z } from 'zod';\nexport const f = c;",
  };
  const edges = importGraph(Object.keys(tree), (f) => tree[f]!);
  const components = cyclicComponents(edges);

  it('reads type-only imports, re-exports and dynamic imports as edges, resolved as TypeScript would', () => {
    expect(edges.get('/v/a.ts')).toEqual([{ spec: './b', target: '/v/b.ts' }]);
    expect(edges.get('/v/b.ts')).toEqual([{ spec: './a.js', target: '/v/a.ts' }]);
    expect(edges.get('/v/c.ts')).toEqual([{ spec: './d', target: '/v/d/index.ts' }]);
    expect(edges.get('/v/d/index.ts')).toEqual([{ spec: '../e', target: '/v/e.ts' }]);
    expect(edges.get('/v/e.ts')).toEqual([{ spec: './c', target: '/v/c.ts' }]);
    // Packages are not project files.
    expect(edges.get('/v/f.ts')?.map((e) => e.target)).toEqual(['/v/c.ts', '/v/a.ts']);
  });

  it('finds the type-only cycle and the three-module one as two components, and nothing else', () => {
    expect(components.get('/v/a.ts')).toBeDefined();
    expect(components.get('/v/a.ts')).toBe(components.get('/v/b.ts'));
    const three = components.get('/v/c.ts');
    expect(three).toBeDefined();
    expect(components.get('/v/d/index.ts')).toBe(three);
    expect(components.get('/v/e.ts')).toBe(three);
    expect(three).not.toBe(components.get('/v/a.ts'));
    expect(components.has('/v/f.ts')).toBe(false);
  });

  it('finds no cycle in the real tree', () => {
    const files = projectFiles();
    const real = importGraph(files);
    // The graph is the real one: the session start imports a good part of the core.
    expect(files.length).toBeGreaterThan(300);
    expect(real.get(at('electron/core/app.ts'))!.length).toBeGreaterThan(10);
    const onCycle = [...cyclicComponents(real).keys()].map((f) => path.relative(ROOT, f));
    expect(onCycle).toEqual([]);
  });

  tester.run('no-import-cycle', local.rules['no-import-cycle'], {
    // A file of the real tree, linted as it stands on disk, is on no cycle.
    valid: [{ filename: at('electron/core/app.ts'), code: "import { openStore } from './store';" }],
    invalid: [],
  });
});
