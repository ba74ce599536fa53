import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A front end the local cloud builds and serves: its workspace folder under web/ and its build. */
export interface WebApp {
  name: 'console' | 'booking';
  /** How the messages name it. */
  title: string;
  sourceDir: string;
  dist: string;
}

const webApp = (name: WebApp['name'], title: string): WebApp => ({
  name,
  title,
  sourceDir: join(REPO_ROOT, 'web', name),
  dist: join(REPO_ROOT, 'web', name, 'dist'),
});

/** The staff console, and the member booking PWA. */
export const WEB_APPS = {
  console: webApp('console', 'the staff console'),
  booking: webApp('booking', 'the booking PWA'),
} as const;

export const CONSOLE_SOURCE_DIR = WEB_APPS.console.sourceDir;
/** The built console the local cloud serves. */
export const CONSOLE_DIST = WEB_APPS.console.dist;
/** The built booking PWA the local cloud serves. */
export const BOOKING_DIST = WEB_APPS.booking.dist;
/** The hash of the sources a build was made from, kept in the build. */
const STAMP = '.source-hash';

/** What a build is made of: the app's and the shared sources, their configs and the locked dependencies. */
const sourceRoots = (app: WebApp) => [
  `web/${app.name}`,
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
 * A hash of every source file's path and content of an app under a repository: a few milliseconds for
 * the console's hundred files, and right where modification times are not (a checkout, a copied tree).
 */
export function webSourceHash(app: WebApp, repoRoot = REPO_ROOT): string {
  const hash = createHash('sha256');
  const files = sourceRoots(app)
    .flatMap((root) => filesUnder(join(repoRoot, root)))
    .sort();
  for (const file of files)
    hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export const consoleSourceHash = (repoRoot = REPO_ROOT) => webSourceHash(WEB_APPS.console, repoRoot);

/** Whether a build is there and was made from the sources as they are now. */
export function webBuildIsCurrent(app: WebApp, dist = app.dist, hash = webSourceHash(app)): boolean {
  try {
    return existsSync(join(dist, 'index.html')) && readFileSync(join(dist, STAMP), 'utf8') === hash;
  } catch {
    return false;
  }
}

export const consoleBuildIsCurrent = (dist = CONSOLE_DIST, hash = consoleSourceHash()) =>
  webBuildIsCurrent(WEB_APPS.console, dist, hash);

/**
 * Builds an app with Vite into a folder of its own, then puts it in place of the old build, so a
 * cloud serving it never sees half a build. Vite's output goes to `output` (the terminal by default).
 */
export async function buildWebApp(
  app: WebApp,
  options: { output?: 'inherit' | 'silent' } = {},
): Promise<{ hash: string; ms: number }> {
  const started = performance.now();
  const hash = webSourceHash(app);
  const next = join(app.sourceDir, `dist.next-${process.pid}-${Date.now().toString(36)}`);
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const errors: Buffer[] = [];
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--outDir', next, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: app.sourceDir,
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
      `${app.title[0]!.toUpperCase()}${app.title.slice(1)} did not build (vite exited ${code}):\n${Buffer.concat(errors).toString().trim()}`,
    );
  }
  writeFileSync(join(next, STAMP), hash);
  const old = `${app.dist}.old-${process.pid}`;
  try {
    renameSync(app.dist, old);
  } catch {
    // No build before this one (or another build moved it away meanwhile).
  }
  try {
    renameSync(next, app.dist);
  } catch {
    // Another build put itself in place meanwhile, from the same sources or newer ones.
    rmSync(next, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return { hash, ms: performance.now() - started };
}

export const buildConsole = (options: { output?: 'inherit' | 'silent' } = {}) =>
  buildWebApp(WEB_APPS.console, options);

/**
 * Builds each app that is missing or older than its sources, one after the other (two Vite builds at
 * once would only share the same cores); answers what it did per app. A failed build does not stop the
 * other's: its error is in the answer.
 */
export async function ensureWebAppsBuilt(
  options: { output?: 'inherit' | 'silent'; onBuild?: (app: WebApp) => void } = {},
): Promise<Record<WebApp['name'], { built: boolean; ms: number; error?: Error }>> {
  const results = {} as Record<WebApp['name'], { built: boolean; ms: number; error?: Error }>;
  for (const app of Object.values(WEB_APPS)) {
    const started = performance.now();
    if (webBuildIsCurrent(app)) {
      results[app.name] = { built: false, ms: performance.now() - started };
      continue;
    }
    options.onBuild?.(app);
    try {
      const { ms } = await buildWebApp(app, options);
      results[app.name] = { built: true, ms };
    } catch (error) {
      results[app.name] = { built: false, ms: performance.now() - started, error: error as Error };
    }
  }
  return results;
}

// npm run console:build [console|booking]: a build now of both apps (or the one named), whatever the stamps say.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const named = process.argv[2];
  const apps = Object.values(WEB_APPS).filter((app) => !named || app.name === named);
  if (apps.length === 0) throw new Error(`No front end is called ${named}: console or booking`);
  for (const app of apps) {
    const { ms } = await buildWebApp(app);
    console.log(
      `${app.title[0]!.toUpperCase()}${app.title.slice(1)} is built in ${relative(process.cwd(), app.dist) || '.'} (${(ms / 1000).toFixed(1)} s)`,
    );
  }
}
