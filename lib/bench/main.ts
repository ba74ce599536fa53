import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from '../zod';
import { tables } from '../db/tables';
import { REPO_ROOT, startLocalCloud } from '../local/cloud';
import { localTableName } from '../local/dynamodb';
import { pointsPageLatencies, signInMembers } from './api-latency';
import { buildConsole, CONSOLE_DIST } from '../local/console-build';
import { measureBundles } from './bundles';
import { measureConsole } from './console-size';
import { meterCapacity } from './capacity';
import { measureArchive } from './archive';
import { DynamoBaseline } from './dynamo-baseline';
import { httpClient } from './http';
import { sendPurchases } from './pipeline';
import { cpuClock, cpuFigures, cpuPerUnit, type CpuSpent } from './cpu';
import { budgetVerdicts, formatReport, ratio, type BenchFigures } from './report';
import { elapsedMs, percentile, round, seededRandom } from './stats';

/** One member's purchases posted at once in the burst phase. */
const BURST_PURCHASES = 40;
const tableName = localTableName(tables.main);

const optionsSchema = z.object({
  purchases: z._default(z.coerce.number().check(z.int(), z.gte(100)), 5000),
  concurrency: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(256)), 32),
  'raw-transactions': z._default(z.coerce.number().check(z.int(), z.gte(100)), 3000),
  members: z._default(z.coerce.number().check(z.int(), z.gte(1)), 500),
  stores: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 32),
  'api-requests': z._default(z.coerce.number().check(z.int(), z.gte(10)), 100),
  'cold-runs': z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 5),
  seed: z._default(z.coerce.number().check(z.int()), 42),
  functions: z.optional(z.string()),
  'skip-bundles': z._default(z.boolean(), false),
  'skip-cloud': z._default(z.boolean(), false),
  'skip-console': z._default(z.boolean(), false),
});

const { values } = parseArgs({
  options: {
    purchases: { type: 'string' },
    concurrency: { type: 'string' },
    'raw-transactions': { type: 'string' },
    members: { type: 'string' },
    stores: { type: 'string' },
    'api-requests': { type: 'string' },
    'cold-runs': { type: 'string' },
    seed: { type: 'string' },
    functions: { type: 'string' },
    'skip-bundles': { type: 'boolean' },
    'skip-cloud': { type: 'boolean' },
    'skip-console': { type: 'boolean' },
  },
});
const parsed = optionsSchema.safeParse(values);
if (!parsed.success) {
  console.error(
    `Bad options: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
  process.exit(2);
}
const options = parsed.data;
const random = seededRandom(options.seed);
const run = `bench${options.seed}-${Date.now().toString(36)}`;
const outDir = join(REPO_ROOT, '.bench');
mkdirSync(outDir, { recursive: true });
const figures: Partial<BenchFigures> = {};
const startedAt = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[bench ${(elapsedMs(startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

if (!options['skip-cloud']) {
  progress('starting the local cloud in memory');
  const cloud = await startLocalCloud({
    port: 0,
    data: 'memory',
    logLevel: (process.env.BENCH_LOG_LEVEL as 'ERROR' | undefined) ?? 'ERROR',
  });
  const http = httpClient(cloud.url, options.concurrency * 2);
  const baseline = new DynamoBaseline(cloud.dynamoEndpoint, localTableName(tables.main));
  try {
    // Imported once the local cloud has set the environment, as the handlers are: the same module instances.
    const { awsClients } = await import('../aws-clients');
    const { pointsAccountKey } = await import('../loyalty/accounts');
    const meter = meterCapacity(await awsClients.dynamo());
    const { documents } = await import('../db/client');

    /**
     * A till uploading its offline queue, or a family sharing one member code: one member's purchases
     * all at once. Returns the time until the last is credited; the meter keeps the burst's calls.
     */
    const creditBurst = async () => {
      const [member] = await signInMembers(http, `${run}-burst`, 1, 1);
      const accountKey = pointsAccountKey(member!.customerId);
      for (let tries = 0; !(await documents.get({ TableName: tableName, Key: accountKey })).Item; tries++) {
        if (tries > 100) throw new Error('The burst member has no points account');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      meter.reset();
      const started = performance.now();
      await sendPurchases(http, [tills[0]!], {
        run: `${run}-burst`,
        purchases: BURST_PURCHASES,
        concurrency: BURST_PURCHASES,
        customers: [member!.customerId],
        random,
      });
      for (;;) {
        const { Item } = await documents.get({ TableName: tableName, Key: accountKey, ConsistentRead: true });
        if (Item?.purchaseCount === BURST_PURCHASES) return elapsedMs(started);
        if (elapsedMs(started) > 120_000)
          throw new Error(`Only ${String(Item?.purchaseCount)} burst purchases were credited`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    progress(
      `raw baseline: ${options['raw-transactions']} purchase transactions at concurrency ${options.concurrency}`,
    );
    await baseline.openAccounts(options.members);
    const pickMember = () => Math.floor(random() * options.members);
    await baseline.purchaseTransactions({
      transactions: 200,
      concurrency: options.concurrency,
      pick: pickMember,
      run: `${run}-warm`,
    });
    const rawTransactions = async (label: string) => {
      const clock = cpuClock(cloud.dynamoPid);
      const result = await baseline.purchaseTransactions({
        transactions: options['raw-transactions'],
        concurrency: options.concurrency,
        pick: pickMember,
        run: `${run}-${label}`,
      });
      return { ...result, cpu: cpuPerUnit(clock.stop(), options['raw-transactions']) };
    };
    const raw = await rawTransactions('before');
    figures.raw_wcu_per_purchase = round(raw.writeUnits);

    progress(`members: ${options.members} signing up through the WeChat simulator`);
    const members = await signInMembers(http, run, Math.max(options.members, options.concurrency), 8);
    const customers = members.map((member) => member.customerId);
    const signedIn = members.slice(0, options.concurrency);
    await cloud.eventBridge.idle();

    // A mall group's stores, a till each in turn: members buy wherever they are, so they visit several
    // stores, as on 11.11. One key per till: the POS usage plan limits each key to 50 requests a second.
    const { createStore, issuePosKey } = await import('../pos/stores');
    const stores = Array.from(
      { length: options.stores },
      (_, i) => `bench-store-${String(i).padStart(2, '0')}`,
    );
    for (const storeId of stores) await createStore({ storeId, name: storeId });
    const tills = await Promise.all(
      Array.from({ length: options.concurrency }, (_, till) => issuePosKey(stores[till % stores.length]!)),
    );
    progress(
      `pipeline: ${options.purchases} signed POS webhooks at concurrency ${options.concurrency} from ${tills.length} tills in ${stores.length} stores`,
    );
    meter.reset();
    const pipelineStarted = performance.now();
    const pipelineClock = cpuClock(cloud.dynamoPid);
    let pipelineCpu: CpuSpent | undefined;
    await sendPurchases(http, tills, {
      run,
      purchases: options.purchases,
      concurrency: options.concurrency,
      customers,
      random,
    });
    let credited = 0;
    let pipelineMs = 0;
    while (credited < options.purchases) {
      // The run ends when the purchases are credited; the reactions' buffers may still hold events then.
      if (!(await cloud.sqs.drained(600_000, 'creditPosTransactions')))
        throw new Error('The POS queue did not drain');
      const deadLetters = cloud.sqs.snapshot().flatMap((queue) => queue.deadLetters);
      if (deadLetters.length > 0)
        throw new Error(
          `${deadLetters.length} messages were dead-lettered, as ${deadLetters[0]!.body.slice(0, 300)}`,
        );
      pipelineMs = elapsedMs(pipelineStarted);
      pipelineCpu = pipelineClock.stop();
      credited = await baseline.countCreditedPurchases(`${run}-`);
      if (credited < options.purchases) await new Promise((resolve) => setTimeout(resolve, 200));
      if (elapsedMs(pipelineStarted) > 600_000) throw new Error(`Only ${credited} purchases were credited`);
    }
    figures.pipeline_per_s = round(options.purchases / (pipelineMs / 1000), 1);
    const pipelineCpuPerPurchase = cpuPerUnit(pipelineCpu!, options.purchases);
    // The reactions finish too (analytics batches wait in their buffers), so that their writes are counted.
    await cloud.eventBridge.idle();
    if (!(await cloud.sqs.drained(600_000))) throw new Error('The event buffers did not drain');
    // How far the reactions trailed the credits (the count's scan included): they keep pace if this is short.
    figures.reactions_done_after_s = round((elapsedMs(pipelineStarted) - pipelineMs) / 1000, 2);
    await meter.settle((keys) => baseline.getItems(keys));
    const creditPath = meter.use(['recordPosTransaction', 'creditPosTransactions']);
    const everything = meter.use();
    figures.wcu_per_purchase = round(creditPath.write / options.purchases);
    figures.wcu_per_purchase_with_reactions = round(everything.write / options.purchases);
    const callsOf = (use: typeof everything) => Object.values(use.calls).reduce((sum, n) => sum + n, 0);
    figures.dynamodb_calls_per_purchase = round(callsOf(creditPath) / options.purchases);
    figures.dynamodb_calls_per_purchase_with_reactions = round(callsOf(everything) / options.purchases);
    // Refused calls did work in DynamoDB too: a cancelled credit (its account changed meanwhile) is retried.
    const refusedOf = (use: typeof everything) => Object.values(use.refused).reduce((sum, n) => sum + n, 0);
    figures.dynamodb_refused_calls_per_purchase = round(refusedOf(creditPath) / options.purchases, 3);
    writeFileSync(
      join(outDir, 'capacity-by-function.json'),
      JSON.stringify(Object.fromEntries(meter.byFunction()), null, 2),
    );

    progress("archive: the points report on DuckDB over the run's events, against a raw COUNT(*)");
    await cloud.archive.flush();
    Object.assign(figures, await measureArchive(cloud.archive, options.purchases));

    progress(`burst: ${BURST_PURCHASES} purchases of one new member at once, from one till`);
    figures.burst_credited_s = round((await creditBurst()) / 1000, 2);
    const burstPath = meter.use(['recordPosTransaction', 'creditPosTransactions']);
    figures.burst_refused_calls_per_purchase = round(refusedOf(burstPath) / BURST_PURCHASES, 3);
    await cloud.eventBridge.idle();
    if (!(await cloud.sqs.drained(600_000))) throw new Error('The event buffers did not drain');
    // Every delivery of the run should have succeeded: events to their consumers and queued messages alike.
    figures.dead_lettered_deliveries =
      cloud.eventBridge.deadLetters.length +
      cloud.sqs.snapshot().reduce((sum, queue) => sum + queue.deadLetters.length, 0);

    progress(
      `API: GET /v1/loyalty/me from ${signedIn.length} clients, ${options['api-requests']} requests each`,
    );
    let readUnits = 0;
    const accountKeys = signedIn.map((member) => pointsAccountKey(member.customerId));
    await pointsPageLatencies(http, signedIn, { requestsPerClient: 5 });
    await baseline.getLatencies(accountKeys, { clients: signedIn.length, requestsPerClient: 5 });
    // API and raw reads take turns, a quarter of the requests at a time, so that a slow spell of the
    // machine (GC, JIT, a neighbour) weighs on both samples alike; the percentiles pool the rounds.
    const api: number[] = [];
    const rawGets: number[] = [];
    const ROUNDS = 4;
    const perRound = Math.ceil(options['api-requests'] / ROUNDS);
    for (let turn = 0; turn < ROUNDS; turn++) {
      meter.reset();
      const answered = await pointsPageLatencies(http, signedIn, { requestsPerClient: perRound });
      api.push(...answered);
      readUnits += meter.use().read;
      rawGets.push(
        ...(await baseline.getLatencies(accountKeys, {
          clients: signedIn.length,
          requestsPerClient: perRound,
        })),
      );
    }
    figures.rcu_per_balance_read = round(readUnits / api.length, 3);
    Object.assign(figures, {
      api_p50_ms: round(percentile(api, 50)),
      api_p99_ms: round(percentile(api, 99)),
      raw_get_p50_ms: round(percentile(rawGets, 50)),
      raw_get_p99_ms: round(percentile(rawGets, 99)),
    });
    figures.p99_ratio = ratio(figures.api_p99_ms!, figures.raw_get_p99_ms!);

    progress(
      `bookings: availability from ${signedIn.length} clients, then ${members.length} members booking one slot`,
    );
    const { measureBookings } = await import('./bookings');
    Object.assign(
      figures,
      await measureBookings(http, tableName, members, {
        run,
        availabilityRequests: options['api-requests'],
        concurrency: options.concurrency,
      }),
    );

    // The baseline again, at the end (where it disturbs no other figure): this machine's speed drifts over
    // minutes, and the faster of the two is the one the pipeline is held to, so a slow moment of DynamoDB
    // Local never flatters the pipeline.
    progress('raw baseline again, at the end');
    const rawAfter = await rawTransactions('after');
    figures.raw_tx_per_s_before_after = `${round(raw.perSecond, 1)} / ${round(rawAfter.perSecond, 1)}`;
    figures.raw_tx_per_s = round(Math.max(raw.perSecond, rawAfter.perSecond), 1);
    figures.pipeline_ratio = ratio(figures.pipeline_per_s!, figures.raw_tx_per_s);
    // Where the time goes: CPU per purchase against CPU per raw transaction (the faster run's, as above).
    const rawCpu = (rawAfter.perSecond > raw.perSecond ? rawAfter : raw).cpu;
    Object.assign(figures, cpuFigures(rawCpu, pipelineCpuPerPurchase));
  } finally {
    http.close();
    baseline.close();
    await cloud.stop();
  }
}

if (!options['skip-console']) {
  progress('building the staff console and weighing its chunks');
  const { ms } = await buildConsole({ output: 'silent' });
  const size = measureConsole(CONSOLE_DIST);
  Object.assign(figures, {
    console_initial_js_kb_gz: size.initialKbGz,
    console_largest_chunk_kb_gz: size.largest.kbGz,
    console_largest_chunk: size.largest.file,
    console_build_s: round(ms / 1000, 1),
  });
  writeFileSync(join(outDir, 'console.json'), JSON.stringify(size, null, 2));
}

// Bundles last: the cold imports spawn hundreds of processes and esbuild stays resident after them, and a
// pipeline measured after them ran a third slower (about 100 against 135 purchases/s on this machine).
if (!options['skip-bundles']) {
  progress('bundling every function as CDK does, and timing cold imports');
  const bundles = await measureBundles(REPO_ROOT, join(outDir, 'bundles'), {
    coldRuns: options['cold-runs'],
    only: options.functions ? new RegExp(options.functions) : undefined,
  });
  const biggest = bundles.functions.reduce((a, b) => (b.kb > a.kb ? b : a));
  const slowest = bundles.functions.reduce((a, b) => (b.coldInitRatio > a.coldInitRatio ? b : a));
  Object.assign(figures, {
    max_bundle_kb: biggest.kb,
    max_bundle_function: biggest.name,
    cold_init_ratio: slowest.coldInitRatio,
    cold_init_function: slowest.name,
    hello_world_init_ms: bundles.helloWorldInitMs,
  });
  writeFileSync(join(outDir, 'bundles.json'), JSON.stringify(bundles, null, 2));
}

const ordered = Object.fromEntries(
  (
    [
      'raw_tx_per_s',
      'raw_tx_per_s_before_after',
      'pipeline_per_s',
      'pipeline_ratio',
      'reactions_done_after_s',
      'dead_lettered_deliveries',
      'api_p50_ms',
      'api_p99_ms',
      'raw_get_p50_ms',
      'raw_get_p99_ms',
      'p99_ratio',
      'availability_p50_ms',
      'availability_p99_ms',
      'raw_day_query_p99_ms',
      'availability_p99_ratio',
      'hot_slot_bookings_per_s',
      'raw_hot_slot_updates_per_s',
      'hot_slot_ratio',
      'raw_cpu_ms_per_tx',
      'raw_cpu_ms_node_dynamodb',
      'raw_cores_busy',
      'pipeline_cpu_ms_per_purchase',
      'pipeline_cpu_ms_node_dynamodb',
      'pipeline_cores_busy',
      'pipeline_cpu_ratio',
      'wcu_per_purchase',
      'wcu_per_purchase_with_reactions',
      'dynamodb_calls_per_purchase',
      'dynamodb_calls_per_purchase_with_reactions',
      'dynamodb_refused_calls_per_purchase',
      'archive_records',
      'report_ms',
      'archive_count_ms',
      'report_ratio',
      'archive_write_us_per_purchase',
      'burst_credited_s',
      'burst_refused_calls_per_purchase',
      'raw_wcu_per_purchase',
      'rcu_per_balance_read',
      'max_bundle_kb',
      'max_bundle_function',
      'cold_init_ratio',
      'cold_init_function',
      'hello_world_init_ms',
      'console_initial_js_kb_gz',
      'console_largest_chunk_kb_gz',
      'console_largest_chunk',
      'console_build_s',
    ] as const
  )
    .filter((key) => figures[key] !== undefined)
    .map((key) => [key, figures[key]]),
);
const context = {
  note: 'ratios compare with DynamoDB Local measured in the same run',
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  'purchases / concurrency / seed': `${options.purchases} / ${options.concurrency} / ${options.seed}`,
  'members / stores': `${options.members} / ${options.stores}`,
  'took (s)': round(elapsedMs(startedAt) / 1000, 1),
};
console.log(formatReport(ordered, context));
const verdicts = budgetVerdicts(ordered);
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ context, options, figures: ordered, budgets: verdicts }, null, 2),
);
console.log(JSON.stringify(ordered));
process.exit(0);
