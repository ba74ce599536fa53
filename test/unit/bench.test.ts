import { describe, expect, it } from 'vitest';
import {
  indexKeysSetBy,
  itemBytes,
  transactionItemUnits,
  transactionWriteUnits,
} from '../../lib/bench/item-size';
import { cpuClock, cpuFigures, cpuPerUnit, processCpuMs } from '../../lib/bench/cpu';
import { budgetVerdicts } from '../../lib/bench/report';
import { percentile, runPool, seededRandom } from '../../lib/bench/stats';

describe('benchmark arithmetic', () => {
  it('repeats its random draws for a seed, and differs between seeds', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    expect(draws(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('takes nearest-rank percentiles', () => {
    const sample = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(sample, 50)).toBe(50);
    expect(percentile(sample, 99)).toBe(99);
    expect(percentile(sample, 100)).toBe(100);
    expect(percentile([3], 99)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });

  it('keeps at most the given number of tasks in flight and runs each once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPool(4, 30, async (index) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      done.push(index);
      running--;
    });
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('sizes items as DynamoDB does, in wire form and plain form alike', () => {
    expect(itemBytes({ pk: 'abc' })).toBe(5);
    expect(itemBytes({ pk: { S: 'abc' } })).toBe(5);
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ m: { a: true } })).toBe(1 + 3 + 2);
    expect(itemBytes({ l: ['x', 'y'] })).toBe(1 + 3 + 2 + 2);
  });

  it('reckons two write units a KB for each transaction item, and its index writes by projection', () => {
    const indexes = [
      { name: 'gsi1', partitionKey: 'gsi1pk', projection: 'ALL' as const },
      { name: 'gsi2', partitionKey: 'gsi2pk', projection: 'KEYS_ONLY' as const },
    ];
    const none = new Set<string>();
    const small = { pk: 'a', sk: 'b' };
    const big = { pk: 'a', sk: 'b', blob: 'x'.repeat(1500) };
    expect(transactionItemUnits(small, indexes, none)).toBe(2);
    expect(transactionItemUnits(big, indexes, none)).toBe(4);
    // An ALL index is rewritten on every change, a KB at a time.
    expect(transactionItemUnits({ ...small, gsi1pk: 'g' }, indexes, none)).toBe(3);
    expect(transactionItemUnits({ ...big, gsi1pk: 'g' }, indexes, none)).toBe(6);
    // A keys-only index only when the write set the keys anew.
    expect(transactionItemUnits({ ...small, gsi2pk: 'g' }, indexes, none)).toBe(2);
    expect(transactionItemUnits({ ...small, gsi2pk: 'g' }, indexes, new Set(['gsi2']))).toBe(3);
    // An INCLUDE index when the write set its keys or the attributes it copies, a KB of those at a time.
    const include = [
      { name: 'gsi3', partitionKey: 'gsi3pk', projection: 'INCLUDE' as const, nonKeyAttributes: ['entry'] },
    ];
    const listed = { ...big, gsi3pk: 'g', entry: { points: 5 } };
    expect(transactionItemUnits(listed, include, none)).toBe(4);
    expect(transactionItemUnits(listed, include, new Set(['gsi3']))).toBe(5);
    expect(indexKeysSetBy('SET refunded = :r, version = :v', include)).toEqual([]);
    expect(indexKeysSetBy('SET entry = :e', include)).toEqual(['gsi3']);
    // Gone (deleted) or never read: up to a KB.
    expect(transactionItemUnits(undefined, indexes, new Set(['gsi2']))).toBe(2);
    // The raw baseline's transaction: puts sized with the indexes they carry, updates a KB each.
    const put = { Put: { Item: { ...small, gsi1pk: 'g' } } };
    const update = { Update: { UpdateExpression: 'ADD balance :p' } };
    expect(transactionWriteUnits([put, update], indexes)).toBe(3 + 2);
  });

  it('tells which index keys an update sets, whatever the clause order', () => {
    const indexes = [
      { name: 'gsi1', partitionKey: 'gsi1pk', projection: 'ALL' as const },
      { name: 'gsi2', partitionKey: 'gsi2pk', projection: 'KEYS_ONLY' as const },
    ];
    expect(indexKeysSetBy('ADD remaining :p SET expiresAt = :e, gsi2pk = :g, gsi2sk = :s', indexes)).toEqual([
      'gsi2',
    ]);
    expect(indexKeysSetBy('SET gsi1pk = :g REMOVE gsi2pk, gsi2sk', indexes)).toEqual(['gsi1']);
    expect(indexKeysSetBy('ADD balance :p REMOVE gsi2pk', indexes)).toEqual([]);
  });

  it('passes or fails each budget, and says when a figure was not measured', () => {
    const verdicts = budgetVerdicts({ pipeline_ratio: 0.7, p99_ratio: 3.5, wcu_per_purchase: 8 });
    const byKey = Object.fromEntries(verdicts.map((v) => [v.key, v.verdict]));
    expect(byKey).toEqual({
      pipeline_ratio: 'pass',
      p99_ratio: 'FAIL',
      wcu_per_purchase: 'pass',
      max_bundle_kb: 'not measured',
      cold_init_ratio: 'not measured',
      console_initial_js_kb_gz: 'not measured',
    });
  });

  it.runIf(process.platform === 'linux')('reads a process CPU time from /proc as Node counts its own', () => {
    const busyUntil = performance.now() + 60;
    while (performance.now() < busyUntil); // spin: CPU time the clock must see
    const fromProc = processCpuMs(process.pid)!;
    const own = process.cpuUsage();
    // /proc counts in clock ticks (10 ms): the two agree to a few ticks.
    expect(Math.abs(fromProc - (own.user + own.system) / 1000)).toBeLessThan(50);
    expect(processCpuMs(2 ** 30)).toBeUndefined();
  });

  it('times a phase on both sides and divides it per unit of work', () => {
    const clock = cpuClock(process.platform === 'linux' ? process.pid : undefined);
    // Busy until this process has spent 60 ms of CPU, however long a loaded machine makes that take;
    // /proc counts in ticks of 10 ms, so the clock may read a tick less.
    const startedCpu = process.cpuUsage();
    const giveUpAt = performance.now() + 10_000;
    const cpuMs = () => {
      const used = process.cpuUsage(startedCpu);
      return (used.user + used.system) / 1000;
    };
    while (cpuMs() < 60 && performance.now() < giveUpAt);
    const spent = clock.stop();
    expect(spent.nodeMs).toBeGreaterThanOrEqual(40);
    expect(spent.wallMs).toBeGreaterThan(0);

    const perUnit = cpuPerUnit({ nodeMs: 600, dynamoMs: 900, wallMs: 1000 }, 100);
    expect(perUnit).toEqual({ nodeMs: 6, dynamoMs: 9, totalMs: 15, coresBusy: 1.5 });
    expect(cpuPerUnit({ nodeMs: 600, dynamoMs: undefined, wallMs: 1000 }, 100)).toMatchObject({
      totalMs: 6,
      dynamoMs: undefined,
    });
    const figures = cpuFigures(cpuPerUnit({ nodeMs: 100, dynamoMs: 300, wallMs: 1000 }, 100), perUnit);
    expect(figures).toMatchObject({
      raw_cpu_ms_per_tx: 4,
      raw_cpu_ms_node_dynamodb: '1 / 3',
      raw_cores_busy: 0.4,
      pipeline_cpu_ms_per_purchase: 15,
      pipeline_cores_busy: 1.5,
      pipeline_cpu_ratio: 0.267,
    });
  });
});
