import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { REPO_ROOT } from './root';

/**
 * Node built-ins that bundles take as CommonJS modules. An ESM `import … from 'node:fs'` builds the
 * module's namespace, which reads every export and so loads what Node otherwise loads on first use:
 * `fs.promises` (with readline and the REPL history), `crypto.webcrypto`, the fs streams. Taken through
 * `process.getBuiltinModule`, a built-in loads only what it loads itself: about 0.1 of a bare Node
 * start less in every cold start (receiveWeChatPush: 47 instead of 145 internal modules at import).
 */
const BUILTINS_AS_COMMONJS = [
  'async_hooks',
  'buffer',
  'console',
  'crypto',
  'events',
  'fs',
  'http',
  'https',
  'module',
  'net',
  'os',
  'path',
  'stream',
  'timers',
  'url',
  'util',
  'zlib',
];

let aliases: Record<string, string> | undefined;

/**
 * esbuild aliases from each built-in (`node:fs` and `fs`) to a one-line CommonJS module that hands it
 * over; the modules are written under `.build/` when first asked for. The built-in's own modules
 * (`node:fs/promises`) get theirs too: esbuild takes an alias of `node:fs` for its subpaths as well,
 * which would name `fs.cjs/promises`, a file that is not there.
 */
export function builtinAliases(): Record<string, string> {
  if (aliases) return aliases;
  const dir = join(REPO_ROOT, '.build', 'node-builtins');
  mkdirSync(dir, { recursive: true });
  aliases = {};
  const subpaths = (name: string) => builtinModules.filter((module) => module.startsWith(`${name}/`));
  for (const name of BUILTINS_AS_COMMONJS.flatMap((builtin) => [builtin, ...subpaths(builtin)])) {
    const file = join(dir, `${name.replace('/', '-')}.cjs`);
    const source = `module.exports = process.getBuiltinModule('node:${name}');\n`;
    if (readIfThere(file) !== source) writeFileSync(file, source);
    aliases[`node:${name}`] = file;
    aliases[name] = file;
  }
  return aliases;
}

const readIfThere = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

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
  // DuckDB (native, 60 MB) is the local archive engine alone: the cloud's reports run on Athena, so no
  // function may carry it, and one that imported it by mistake fails at its cold start, not in a report.
  externalModules: ['@aws-sdk/*', '@duckdb/*'] as string[],
  // ESM bundles of CommonJS dependencies need a require of their own (taken without an ESM import too).
  banner: "const require = process.getBuiltinModule('module').createRequire(import.meta.url);",
} as const;

/**
 * The same bundling as options of esbuild's JavaScript API, for the benchmark and tests that build a
 * bundle themselves (CDK runs esbuild's command line with `functionBundling`).
 */
export const esbuildOptions = (): BuildOptions => ({
  bundle: true,
  platform: 'node',
  format: functionBundling.format,
  minify: functionBundling.minify,
  sourcemap: functionBundling.sourceMap,
  sourcesContent: functionBundling.sourcesContent,
  target: functionBundling.target,
  mainFields: [...functionBundling.mainFields],
  external: [...functionBundling.externalModules],
  banner: { js: functionBundling.banner },
  alias: builtinAliases(),
  define: functionBundling.define,
});
