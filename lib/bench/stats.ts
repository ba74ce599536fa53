/** A small seeded generator (mulberry32): the same seed gives the same members, amounts and order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (sample: readonly number[]) => percentile(sample, 50);

/** Runs `total` tasks with at most `concurrency` in flight; each task gets its index. */
export async function runPool(
  concurrency: number,
  total: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** Milliseconds since `start` (from performance.now()), to 0.01 ms. */
export const elapsedMs = (start: number) => Math.round((performance.now() - start) * 100) / 100;

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
