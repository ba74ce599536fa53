import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const consoleSrc = resolve(import.meta.dirname, 'web/console/src');

/** The feature folder (web/console/src/features/<name>) a file lives in, if any. */
const featureOf = (file) => {
  const parts = relative(consoleSrc, file).split(sep);
  return parts[0] === 'features' && parts.length > 2 ? parts[1] : undefined;
};

/**
 * Bulletproof React's rule: a feature is used through its index (features/<name>), never through its
 * internals, so each feature can be read, changed and deleted on its own.
 */
const featureBoundaries = {
  meta: {
    type: 'problem',
    messages: { internal: 'Import {{feature}} through @/features/{{feature}}, not its internals.' },
  },
  create(context) {
    const from = featureOf(context.filename);
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        const target = source.startsWith('@/')
          ? resolve(consoleSrc, source.slice(2))
          : source.startsWith('.')
            ? resolve(dirname(context.filename), source)
            : undefined;
        if (!target) return;
        const parts = relative(consoleSrc, target).split(sep);
        if (parts[0] !== 'features' || parts.length <= 2 || parts[1] === from) return;
        context.report({ node: node.source, messageId: 'internal', data: { feature: parts[1] } });
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.data/',
      '.build/',
      '.ci/',
      '.bench/',
      '.screenshots/',
      'web/*/dist/',
      'web/*/dist.*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      // noUncheckedIndexedAccess makes lookups possibly undefined; `!` marks the ones known to exist.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // middy's type parameters take the handler's result type, which is void for event consumers.
      '@typescript-eslint/no-invalid-void-type': 'off',
    },
  },
  {
    files: ['web/console/src/**/*.{ts,tsx}'],
    plugins: { console: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: { 'console/feature-boundaries': 'error' },
  },
  {
    files: [
      'lib/local/**',
      'lib/bench/**',
      'test/**',
      'cdk/**',
      'lib/http/openapi-cli.ts',
      'lib/auth/admin-create.ts',
      'web/shared/codegen/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
