// One lint for the whole tree: typescript-eslint with type information, React's hook rules, the
// layering of ARCHITECTURE.md and no import cycles. Prettier owns formatting (eslint-config-prettier
// turns off every rule it would fight with); `npm run lint` checks both with zero warnings.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LAYERS } from './build/eslint/layers.mjs';
import local from './build/eslint/plugin.mjs';

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
      '**/*.d.mts',
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
    rules: {
      ...reactHooks.configs.recommended.rules,
      // It reports that the React Compiler would skip a component using useVirtualizer
      // (@tanstack/react-virtual, the virtualizer the project chose for long lists). Lookout does
      // not run the compiler, so there is nothing to fix; the other compiler-derived rules stay on.
      'react-hooks/incompatible-library': 'off',
    },
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // vitest types its asymmetric matchers (expect.any, stringContaining, stringMatching,
      // objectContaining) as `any` so they fit anywhere in an expected value; every expected object
      // that holds one trips this rule. Reading members of an `any` (an unparsed JSON body, say)
      // is still refused by no-unsafe-member-access / -call / -return.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
