import { ensureConsoleBuilt } from '../../lib/local/console-build';

/**
 * The browser tests need the built console: it is built when its sources changed since the last build
 * (a hash check of a few milliseconds, so a run without changes pays nothing). Each test file starts its
 * own local cloud in its worker: two clouds cannot share one process's environment.
 */
export default async function setup() {
  const build = await ensureConsoleBuilt({ output: 'silent' });
  if (build.built) console.log(`browser tests: the console was built (${(build.ms / 1000).toFixed(1)} s)`);
}
