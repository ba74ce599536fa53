import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONSOLE_SOURCE_DIR = join(REPO_ROOT, 'web/console');
/** The built console the local cloud serves. */
export const CONSOLE_DIST = join(CONSOLE_SOURCE_DIR, 'dist');
/** The hash of the sources a build was made from, kept in the build. */
const STAMP = '.source-hash';

/** What a build is made of: the console's and the shared sources, their configs and the locked dependencies. */
const SOURCE_ROOTS = [
  'web/console',
  'web/shared/src',
  'web/shared/package.json',
  'web/tsconfig.web.json',
  'package-lock.json',
];
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);
/** Build folders of builds under way (dist.next-…) and replaced (dist.old-…). */
const isBuildOutput = (part: string) => part.startsWith('dist.');
/** Tests do not change the build. */
const isTest = (name: string) => /\.test\.tsx?$/.test(name);

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !isTest(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !relative(path, file)
          .split(sep)
          .some((part) => SKIPPED.has(part) || isBuildOutput(part) || part.startsWith('.')),
    );
}

/**
 * A hash of every source file's path and content under a repository: a few milliseconds for the
 * console's hundred files, and right where modification times are not (a checkout, a copied tree).
 */
export function consoleSourceHash(repoRoot = REPO_ROOT): string {
  const hash = createHash('sha256');
  const files = SOURCE_ROOTS.flatMap((root) => filesUnder(join(repoRoot, root))).sort();
  for (const file of files)
    hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Whether a build is there and was made from the sources as they are now. */
export function consoleBuildIsCurrent(dist = CONSOLE_DIST, hash = consoleSourceHash()): boolean {
  try {
    return existsSync(join(dist, 'index.html')) && readFileSync(join(dist, STAMP), 'utf8') === hash;
  } catch {
    return false;
  }
}

/**
 * Builds the console with Vite into a folder of its own, then puts it in place of the old build, so a
 * cloud serving it never sees half a build. Vite's output goes to `output` (the terminal by default).
 */
export async function buildConsole(
  options: { output?: 'inherit' | 'silent' } = {},
): Promise<{ hash: string; ms: number }> {
  const started = performance.now();
  const hash = consoleSourceHash();
  const next = join(CONSOLE_SOURCE_DIR, `dist.next-${process.pid}-${Date.now().toString(36)}`);
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const errors: Buffer[] = [];
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--outDir', next, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: CONSOLE_SOURCE_DIR,
        // A production build whoever asks: under vitest NODE_ENV is "test", which would make Vite bundle
        // React's and Ant Design's development builds (strict-mode double effects, unhashed style classes).
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', options.output === 'silent' ? 'ignore' : 'inherit', 'pipe'],
      },
    );
    child.stderr.on('data', (chunk: Buffer) => {
      errors.push(chunk);
      if (options.output !== 'silent') process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', resolveExit);
  });
  if (code !== 0) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(
      `The console did not build (vite exited ${code}):\n${Buffer.concat(errors).toString().trim()}`,
    );
  }
  writeFileSync(join(next, STAMP), hash);
  const old = `${CONSOLE_DIST}.old-${process.pid}`;
  try {
    renameSync(CONSOLE_DIST, old);
  } catch {
    // No build before this one (or another build moved it away meanwhile).
  }
  try {
    renameSync(next, CONSOLE_DIST);
  } catch {
    // Another build put itself in place meanwhile, from the same sources or newer ones.
    rmSync(next, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return { hash, ms: performance.now() - started };
}

/** Builds the console when it is missing or older than its sources; answers what it did. */
export async function ensureConsoleBuilt(
  options: { output?: 'inherit' | 'silent'; onBuild?: () => void } = {},
): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  if (consoleBuildIsCurrent()) return { built: false, ms: performance.now() - started };
  options.onBuild?.();
  const { ms } = await buildConsole(options);
  return { built: true, ms };
}

// npm run console:build: a build now, whatever the stamp says.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ms } = await buildConsole();
  console.log(
    `The staff console is built in ${relative(process.cwd(), CONSOLE_DIST) || '.'} (${(ms / 1000).toFixed(1)} s)`,
  );
}
