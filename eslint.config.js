import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** The edges: what the process (src/services) and the domain (src/domain) never import. */
const EDGE_MODULES = {
  paths: ['graphql', 'type-graphql', 'graphql-scalars', 'class-validator', 'express'].map((name) => ({
    name,
    message: 'The process speaks domain: GraphQL and HTTP belong to the edges (src/schema, src/resolvers, src/http).',
  })),
  patterns: [
    { group: ['@apollo/*'], message: 'The process speaks domain: Apollo belongs to the edges.' },
    {
      group: ['**/schema/*', '**/resolvers/*', '**/http/*'],
      message: 'The process speaks domain: declare a command or result type beside the service; the GraphQL class implements it (docs/ARCHITECTURE.md).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['migrations/Migration*.ts', 'dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test/graphql/generated/**', 'persisted/generated/**', 'examples/generated/**', 'test/fixtures/**', 'web/dist/**', 'web/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: {
      // Files with decorators keep their value imports: emitDecoratorMetadata reads the classes at runtime.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // A runtime import cycle is a defect (modules evaluated half-initialised); `import type` is erased and never cycles.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', EDGE_MODULES] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', fetch: 'readonly' } },
  },
);
