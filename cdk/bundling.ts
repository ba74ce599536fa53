/**
 * How every function is bundled: one place read by CdkFunction (through NodejsFunction's esbuild) and by
 * the benchmark, which rebuilds each bundle the same way to weigh it and time its cold import.
 */
export const functionBundling = {
  format: 'esm',
  minify: true,
  target: 'node24',
  mainFields: ['module', 'main'],
  externalModules: [] as string[],
  // ESM bundles of CommonJS dependencies need a require of their own.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;
