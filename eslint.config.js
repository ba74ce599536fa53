import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', '.build/', '.ci/', '.bench/'] },
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
    files: [
      'lib/local/**',
      'lib/bench/**',
      'test/**',
      'cdk/**',
      'lib/http/openapi-cli.ts',
      'lib/auth/admin-create.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
