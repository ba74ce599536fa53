import { describe, expect, it } from 'vitest';
import { itemBytes, transactionWriteUnits } from '../../lib/bench/item-size';
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

  it('reckons two write units a KB for each transaction item and one for its index write', () => {
    const small = { Put: { Item: { pk: 'a', sk: 'b' } } };
    const indexed = { Put: { Item: { pk: 'a', sk: 'b', gsi1pk: 'g', gsi1sk: 'h' } } };
    const big = { Put: { Item: { pk: 'a', sk: 'b', blob: 'x'.repeat(1500) } } };
    const update = { Update: { UpdateExpression: 'ADD balance :p' } };
    const indexUpdate = { Update: { UpdateExpression: 'SET gsi1pk = :g' } };
    expect(transactionWriteUnits([small])).toBe(2);
    expect(transactionWriteUnits([indexed])).toBe(3);
    expect(transactionWriteUnits([big])).toBe(4);
    expect(transactionWriteUnits([small, update, indexUpdate])).toBe(2 + 2 + 3);
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
    });
  });
});
