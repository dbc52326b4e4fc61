// One lint for the whole tree: typescript-eslint with type information, React's hook rules, the
// layering of ARCHITECTURE.md and no import cycles. Prettier owns formatting (eslint-config-prettier
// turns off every rule it would fight with); `npm run lint` checks both with zero warnings.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './build/eslint/plugin.mjs';

const LAYERS = [
  {
    layer: 'electron/core',
    files: 'electron/core/',
    bare: { deny: ['^electron($|/)', '^react($|-dom|/)', '^recharts', '^@tanstack/react-'] },
    forbidden: ['renderer/', 'electron/shell/', 'electron/main', 'electron/preload'],
    reason: 'the core runs under plain Node and in serve mode; it never reaches the Electron shell or the UI',
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

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'release/',
      '.cache/',
      'test-artifacts/',
      'build/grafana/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { local },
    rules: {
      'local/code-layering': ['error', LAYERS],
      'local/no-import-cycle': 'error',
      // Lookout's objects are closures (functions over classes) and none reads `this`; the rule
      // cannot tell and flags every method-shorthand member passed as a callback.
      '@typescript-eslint/unbound-method': 'off',
      // A `let` read by closures made before its one assignment (a server handle the handlers use
      // once it exists) cannot be a `const`: moving the declaration down would put the reads in the TDZ.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
