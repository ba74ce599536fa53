import { ensureWebAppsBuilt } from '../../lib/local/console-build';

/**
 * The browser tests need the built console and booking PWA: each is built when its sources changed since
 * its last build (a hash check of a few milliseconds, so a run without changes pays nothing). Each test
 * file starts its own local cloud in its worker: two clouds cannot share one process's environment.
 */
export default async function setup() {
  const builds = await ensureWebAppsBuilt({ output: 'silent' });
  for (const [name, build] of Object.entries(builds)) {
    if (build.error) throw build.error;
    if (build.built) console.log(`browser tests: ${name} was built (${(build.ms / 1000).toFixed(1)} s)`);
  }
}
