// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules (syntax only, no type information,
// so `npm run lint` stays a few seconds), React's rules of hooks, and the architecture as import restrictions.
// Formatting is Prettier's job (`npm run format`), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layers that sit above the domain. The domain is called by them and never calls back.
const aboveTheDomain = [
  { group: ['**/routes/*', '**/routes', '../routes/**'], message: 'app/domain must not import routes: routes call the domain.' },
  { group: ['**/web/*', '../web/**'], message: 'app/domain must not import app/web (page helpers): pages call the domain.' },
  { group: ['**/auth/*', '../auth/**'], message: 'app/domain must not import app/auth (cookies, request guards): take an actor instead.' },
  { group: ['**/realtime/*', '../realtime/**'], message: 'app/domain must not import socket code: handlers call the domain, the domain emits events.' },
  { group: ['**/graphql/*', '**/graphql', 'graphql'], message: 'app/domain must not import GraphQL code: resolvers call the domain.' },
  { group: ['**/platform.server*', '**/entry.server*', '**/root'], message: 'app/domain must not import the server wiring.' },
  { group: ['react', 'react-dom', 'react-dom/*', 'react-router', '@react-router/*'], message: 'app/domain is framework-free: no React or React Router.' },
];

export default defineConfig([
  globalIgnores([
    'build/',
    'node_modules/',
    'prisma/generated/',
    '.react-router/',
    'data/',
    'tmp/',
    'test-results/',
    'playwright-report/',
    'e2e/.data/',
    'coverage/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // Server and browser code share app/; scripts, tests and the server are Node.
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding that is deliberately unused (an Express handler's `_req`, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Type-only imports keep server modules out of client bundles; say so in the import.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Pothos and Prisma's generated types sometimes need an escape hatch; each `any` is visible in review.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Empty catch blocks are used on purpose for best-effort cleanup; they carry a comment saying so.
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Control characters in a pattern are how input is checked for them (redirect targets, header values).
      'no-control-regex': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.tsx', 'app/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // The architecture (README "Architecture"): app/domain holds the rules and depends only on the database layer,
  // the generated Prisma client, other domain files, i18n types and libraries.
  {
    files: ['app/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...aboveTheDomain,
            {
              group: ['**/i18n/*', '../i18n'],
              allowTypeImports: true,
              message: 'app/domain may use i18n types only; translate in the page or resolver.',
            },
          ],
        },
      ],
    },
  },
  // Routes reach data through the domain (reads and commands); they never import the database client.
  {
    files: ['app/routes/**/*.{ts,tsx}', 'app/root.tsx', 'app/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/*', '**/db'],
              allowTypeImports: true,
              message: 'Routes and page helpers must not import app/db: read and write through app/domain.',
            },
            {
              group: ['**/prisma/generated/client/client', '**/prisma/generated/client'],
              allowTypeImports: true,
              message: 'Routes must not use the Prisma client at run time: read and write through app/domain (types are fine).',
            },
          ],
        },
      ],
    },
  },
  // GraphQL resolvers call the domain and never the pages.
  {
    files: ['graphql/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/routes/*', '**/web/*', '**/realtime/*'], message: 'GraphQL must not import pages or socket code: share rules through app/domain.' },
            {
              group: ['**/db/*'],
              allowTypeImports: true,
              message: 'GraphQL must not import app/db at run time: read and write through app/domain (the client comes in the context).',
            },
          ],
        },
      ],
    },
  },
  // GraphQL responses in tests are untyped JSON; asserting on them through `any` is the point.
  {
    files: ['tests/**', 'e2e/**'],
    // A test may print a measurement for the record with console.info; console.log is left-over debugging.
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': ['error', { allow: ['warn', 'error', 'info'] }] },
  },
  // Command-line scripts, the benchmark and the server entry print to the console on purpose.
  {
    files: ['scripts/**', 'bench/**', 'server.js', 'prisma/seed.ts', 'graphql/print-schema.ts'],
    rules: { 'no-console': 'off' },
  },
]);
