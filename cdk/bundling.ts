/**
 * How every function is bundled: one place read by CdkFunction (through NodejsFunction's esbuild) and by
 * the benchmark, which rebuilds each bundle the same way to weigh it and time its cold import.
 */
export const functionBundling = {
  /** Compile-time switches; a stage with `awsSdkTracing` sets SBM_AWS_SDK_TRACING to "on" (see aws-clients.ts). */
  define: { 'process.env.SBM_AWS_SDK_TRACING': JSON.stringify('off') } as Record<string, string>,
  format: 'esm',
  minify: true,
  /**
   * Source maps in their own file, without the sources. Logged stacks are mapped when logged
   * (lib/observability/source-mapped-stacks.ts): `--enable-source-maps` would parse the map at every
   * cold start, 5 to 14 ms for a 160–240 KB bundle.
   */
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  mainFields: ['module', 'main'],
  // The Node.js runtime provides AWS SDK v3 (the version the tests run against is pinned in package-lock.json).
  externalModules: ['@aws-sdk/*'] as string[],
  // ESM bundles of CommonJS dependencies need a require of their own.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;
