// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'process',
  'worker_threads',
  'stream',
  'timers',
  'dns',
  'tls',
  'zlib',
  'readline',
  'cluster',
  'dgram',
  'v8',
  'vm',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', '.data/**', 'dist/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'cli/breach.mjs',
            'engine/engine.mjs',
            'security/failure-converter.cjs',
            'workflows/zod-regexes-per-use.cjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Prettier formats to 140 columns (.prettierrc.json, checked by `npm run lint`); it does not break
      // strings, so long messages and citations may run past it — code may not.
      'max-len': [
        'error',
        {
          code: 140,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignoreComments: true,
        },
      ],
    },
  },
  {
    // The one CommonJS file (Temporal loads the failure converter by path with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Issue 14 item 6: config/ is the one reader of the environment (declared, validated variables).
    files: ['**/*.ts'],
    ignores: ['config/**', 'test/**', 'test-cluster/**', 'bench/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through config/ (setting(), loadSettings(); processEnv() for the whole record).',
        },
      ],
    },
  },
  {
    // Workflow code and the pure domain run inside Temporal's deterministic sandbox: no I/O, no Node builtins.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins
            .flatMap((n) => [n, `node:${n}`])
            .map((name) => ({
              name,
              allowTypeImports: true,
              message: 'Workflow code must be deterministic: no Node builtins (do I/O in activities).',
            })),
          patterns: [
            {
              group: [
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                '**/activities/**',
                '**/api/**',
                '**/cli/**',
                '**/console/**',
                '**/service/**',
                '**/reports/**',
                '**/worker/**',
                '**/notices/**',
                '**/roster/**',
                '**/delivery/**',
                '**/evidence/**',
              ],
              allowTypeImports: true,
              message: 'Workflow code may not import I/O layers (type-only imports of activity signatures are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    // Outside workflows/, workflow code is reached through contract/ (messages, types) and started by
    // its type name: no value import of a workflow module (tests and benches register workflows).
    files: [
      'api/**/*.ts',
      'cli/**/*.ts',
      'console/**/*.ts',
      'service/**/*.ts',
      'reports/**/*.ts',
      'security/**/*.ts',
      'activities/**/*.ts',
      'worker/**/*.ts',
      'engine/**/*.ts',
      'drill/**/*.ts',
      'scripts/**/*.ts',
      'notices/**/*.ts',
      'roster/**/*.ts',
      'delivery/**/*.ts',
      'evidence/**/*.ts',
      'contract/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workflows/**'],
              allowTypeImports: true,
              message: 'Import workflow messages and types from contract/; start workflows by type name.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((n) => [n, `node:${n}`]).map((name) => ({ name, message: 'domain/ is pure: no Node builtins.' })),
          patterns: [
            {
              group: [
                '@temporalio/*',
                '**/activities/**',
                '**/api/**',
                '**/cli/**',
                '**/console/**',
                '**/service/**',
                '**/reports/**',
                '**/worker/**',
                '**/workflows/**',
                '**/contract/**',
              ],
              message: 'domain/ is pure and depends on nothing but zod and date-fns.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'domain/ reads no clock: take "now" as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain/ reads no clock: take "now" as an argument.',
        },
      ],
    },
  },
);
