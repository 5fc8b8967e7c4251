import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NO_ELECTRON = {
  name: 'electron',
  message: 'Only src/main and src/preload may use Electron.',
};
// `electron/main`, `electron/renderer`, `electron/common`: the same module by other names.
const NO_ELECTRON_SUBPATH = {
  group: ['electron/*'],
  message: 'Only src/main and src/preload may use Electron (electron/* included).',
};

// `(err as Error).message`, `(e as QdnError)?.message`, `(err as NodeJS.ErrnoException).message`:
// a cast does not make a thrown string, object or undefined an Error; the read gives `undefined`.
const NO_ERROR_CAST = {
  selector:
    "MemberExpression[property.name='message'] > TSAsExpression.object[typeAnnotation.typeName.name=/(Error|Exception)$/]",
  message: 'Use errorMessage(err) from src/shared/errors.ts: a throwable need not be an Error.',
};
const NO_QUALIFIED_ERROR_CAST = {
  ...NO_ERROR_CAST,
  selector:
    "MemberExpression[property.name='message'] > TSAsExpression.object[typeAnnotation.typeName.right.name=/(Error|Exception)$/]",
};

const CORE_AND_SHARED_PATTERNS = [
  NO_ELECTRON_SUBPATH,
  {
    group: ['**/main', '**/main/**', '**/renderer', '**/renderer/**'],
    message: 'Core and shared code know no shell: the shell calls them, not the reverse.',
  },
  {
    group: ['**/harness', '**/harness/**', '**/cli', '**/cli/**'],
    message: 'Core and shared code know no shell: the harness and CLI call them.',
  },
];
// The public site builds on shared code, never the reverse: what both need lives in src/shared.
const NO_SITE_FROM_CORE = {
  group: ['../../site', '../../site/**', '../../../site', '../../../site/**'],
  message: 'Core and shared code import no public-site source: move what both need to src/shared.',
};
const NO_CORE_FROM_SHARED = {
  group: ['**/core', '**/core/**'],
  message: 'Shared code is what core stands on: it imports no core.',
};

/** src/core's floors, lowest first; docs/architecture.md draws them. */
const CORE_FLOORS = [
  ['storage', 'http', 'ids', 'events'],
  ['aws', 'config'],
  ['jobs', 'site'],
  ['publishing', 'reports'],
  ['cdn'],
  ['sandbox'],
  ['deploy', 'inbox', 'settings', 'messages'],
  ['workspace'],
  ['operations'],
  ['console'],
];

export default tseslint.config(
  {
    // .bench-baseline-*: the bench's temporary copy of an older commit (bench/baseline.ts).
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.bench-baseline-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.js', 'site/edge/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function that happens not to await still returns a promise, as its type says.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Core, shared code, the CLI and the site never know Electron: only the shell and preload may.
    files: [
      'src/core/**',
      'src/shared/**',
      'src/cli/**',
      'src/harness/**',
      'src/renderer/**',
      'site/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [NO_ELECTRON_SUBPATH] }],
    },
  },
  {
    // Core and the shared contract are what every shell builds on: they import none of them.
    // Shared code is what core stands on, so it imports no core either.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON],
          patterns: [...CORE_AND_SHARED_PATTERNS, NO_CORE_FROM_SHARED, NO_SITE_FROM_CORE],
        },
      ],
    },
  },
  {
    // The core's process (src/core-host) stands on core like a shell but is none: no Electron
    // (it reads process.parentPort, typed in host-link.ts), no shell, no public-site source.
    files: ['src/core-host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON], patterns: [...CORE_AND_SHARED_PATTERNS, NO_SITE_FROM_CORE] },
      ],
    },
  },
  // Core's folders stand in floors (docs/architecture.md): a folder imports only folders on
  // lower floors, never one on its own floor or above.
  ...CORE_FLOORS.flatMap((floor, level) =>
    floor.map((folder) => ({
      files: [`src/core/${folder}/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [NO_ELECTRON],
            patterns: [
              ...CORE_AND_SHARED_PATTERNS,
              NO_SITE_FROM_CORE,
              ...CORE_FLOORS.slice(level)
                .flat()
                .filter((other) => other !== folder)
                .map((other) => ({
                  group: [`../${other}`, `../${other}/**`, `**/core/${other}/**`],
                  message: `src/core/${folder} (floor ${level}) may import only lower floors: ${other} is on floor ${CORE_FLOORS.findIndex((f) => f.includes(other))}.`,
                })),
            ],
          },
        ],
      },
    })),
  ),
  {
    // The renderer is web content: no Node built-ins, and no AWS.
    files: ['src/renderer/**', 'site/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.qdn.' }],
          patterns: [
            NO_ELECTRON_SUBPATH,
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'No Node in the renderer.',
            },
            { group: ['@aws-sdk/*'], message: 'No AWS in the renderer: ask window.qdn.' },
            {
              group: ['**/core/**', '**/main/**'],
              message: 'The renderer reaches core only through window.qdn.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['site/edge/**/*.js'],
    languageOptions: { sourceType: 'script', globals: {} },
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
    files: ['test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // errorMessage(err) reads any throwable; a cast to Error reads `undefined` for a thrown
    // string or object. Every catch in production code was swept for it (issue 10).
    files: ['src/**', 'site/**', 'bin/**', 'scripts/**', 'test/support/**'],
    rules: { 'no-restricted-syntax': ['error', NO_ERROR_CAST, NO_QUALIFIED_ERROR_CAST] },
  },
  {
    // Raw IPC only in the one file that maps the contract onto it.
    files: ['src/main/**'],
    ignores: ['src/main/ipc.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_ERROR_CAST,
        NO_QUALIFIED_ERROR_CAST,
        {
          selector: "MemberExpression[object.name='ipcMain']",
          message: 'Register IPC in src/main/ipc.ts.',
        },
      ],
    },
  },
);
