import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Importing electron outside main/preload would also try to download it in plain Node. */
const ELECTRON = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};
/** `node:*` and the bare builtin names (`fs`, `fs/promises`, …). */
const NODE_BUILTINS = [
  'node:*',
  ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`]),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Layering (docs/architecture.md): renderer → shared; main, CLI → services → shared. Imports that point the
  // other way fail here; tests/lint/layering.test.ts proves each rule catches a deliberate violation.
  {
    // Services must run in plain Node (the CLI, worker threads), below the shells and the IPC wire format.
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            {
              regex: '^(\\.\\./)+(main|cli)/',
              message: 'Services must not import electron/main or electron/cli.',
            },
            {
              regex: '(^|/)shared/ipc(/|$)',
              message: 'Services must not import the IPC contract; use shared/<domain>.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { regex: '^(\\.\\./)+main/', message: 'The CLI must not import the app shell (electron/main).' },
          ],
        },
      ],
    },
  },
  {
    // shared/ runs on both sides: neither Node nor the app's own layers.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { group: NODE_BUILTINS, message: 'shared/ runs in the renderer too: no Node modules.' },
            {
              regex: '^(\\.\\./)+(electron|renderer)/',
              message: 'shared/ must not import electron/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer is browser code: it reaches main only through window.api.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { group: NODE_BUILTINS, message: 'The renderer has no Node: use window.api.' },
            { regex: '(^|/)electron/', message: 'The renderer must not import electron/**: use window.api.' },
          ],
        },
      ],
    },
  },
);
