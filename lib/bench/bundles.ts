import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../cdk/bundling';
import { tables } from '../db/tables';
import { declarations } from '../manifest';
import { queues } from '../queues/definitions';
import { secretVariables } from '../secrets';
import { median, round } from './stats';

export interface BundleFigure {
  name: string;
  kb: number;
  coldInitMs: number;
  coldInitRatio: number;
}

export interface BundleFigures {
  helloWorldInitMs: number;
  functions: BundleFigure[];
}

/** Builds one entry the way CdkFunction does (NodejsFunction runs esbuild with these options). */
async function bundle(entry: string, outfile: string) {
  await build({
    ...esbuildOptions(),
    entryPoints: [entry],
    outfile,
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

/** A function's environment as CDK sets it: names and addresses only, nothing is called at import. */
function lambdaEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'cn-north-1',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    POWERTOOLS_SERVICE_NAME: 'bench',
    POWERTOOLS_METRICS_NAMESPACE: 'SbmCrm',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    EVENT_BUS_NAME: 'sbm-crm-bench',
    STAGE: 'bench',
  };
  for (const table of Object.values(tables)) environment[table.envVar] = `sbm-crm-bench-${table.id}`;
  for (const queue of Object.values(queues)) {
    environment[queue.envVar] = `https://sqs.cn-north-1.amazonaws.com.cn/000000000000/${queue.id}`;
    environment[queue.deadLetterEnvVars.url] =
      `https://sqs.cn-north-1.amazonaws.com.cn/000000000000/${queue.id}-dlq`;
    environment[queue.deadLetterEnvVars.arn] = `arn:aws-cn:sqs:cn-north-1:000000000000:${queue.id}-dlq`;
  }
  for (const secret of Object.values(secretVariables))
    environment[secret.arn] = `arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:${secret.arn}`;
  return environment;
}

/**
 * The init of a cold start as Node sees it: a fresh process that imports the bundle and exits. The
 * process's own start-up is in every figure, the hello world's too.
 */
function importOnce(file: string): number {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(file)})`],
    {
      env: lambdaEnvironment(),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const took = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`Importing ${file} failed: ${result.stderr.toString().slice(0, 500)}`);
  return took;
}

/**
 * Medians of `runs` cold imports of a bundle and of the hello world, taken in turn, so that whatever
 * else the machine does at that moment weighs on both alike.
 */
function coldInitMs(file: string, hello: string, runs: number): { bundle: number; hello: number } {
  const bundle: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs; run++) {
    baseline.push(importOnce(hello));
    bundle.push(importOnce(file));
  }
  return { bundle: median(bundle), hello: median(baseline) };
}

export async function measureBundles(
  root: string,
  outDir: string,
  options: { coldRuns: number; only?: RegExp },
): Promise<BundleFigures> {
  mkdirSync(outDir, { recursive: true });
  const hello = join(outDir, 'hello-world.mjs');
  const helloSource = join(outDir, 'hello-world.src.mjs');
  writeFileSync(helloSource, "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n");
  await bundle(helloSource, hello);
  const functions: BundleFigure[] = [];
  const helloTimes: number[] = [];
  for (const [name, declaration] of declarations()) {
    if (options.only && !options.only.test(name)) continue;
    const outfile = join(outDir, `${name}.mjs`);
    const bytes = await bundle(join(root, declaration.handler), outfile);
    const init = coldInitMs(outfile, hello, options.coldRuns);
    helloTimes.push(init.hello);
    functions.push({
      name,
      kb: round(bytes / 1024, 1),
      coldInitMs: round(init.bundle, 1),
      coldInitRatio: round(init.bundle / init.hello),
    });
  }
  // The worst of 86 noisy medians is biased upwards by whichever function met a slow spell of the
  // machine: the five slowest are timed again with three times the runs, and those figures stand.
  const slowest = [...functions].sort((a, b) => b.coldInitRatio - a.coldInitRatio).slice(0, CONFIRMED);
  for (const figure of slowest) {
    const init = coldInitMs(join(outDir, `${figure.name}.mjs`), hello, options.coldRuns * 3);
    helloTimes.push(init.hello);
    figure.coldInitMs = round(init.bundle, 1);
    figure.coldInitRatio = round(init.bundle / init.hello);
  }
  return { helloWorldInitMs: round(median(helloTimes), 1), functions };
}

/** How many of the slowest functions are timed a second time, at length. */
const CONFIRMED = 5;
