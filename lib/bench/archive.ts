import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbArchiveEngine } from '../analytics/archive/duckdb-engine';
import { LocalArchive } from '../analytics/archive/local-archive';
import { runReport } from '../analytics/reports/run';
import { programmeToday } from '../calendar';
import { elapsedMs, median, round } from './stats';

/**
 * The archive's cost for the bench's purchases: the points report on DuckDB against a raw `COUNT(*)` over
 * the same NDJSON files (the best a report over them could do), and the write time a purchase adds
 * (every event it caused, appended as the local cloud appends them, flushed).
 */
export async function measureArchive(source: LocalArchive, purchases: number, runs = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'sbm-bench-archive-'));
  try {
    const archive = new LocalArchive(dir);
    const started = performance.now();
    for (const record of source.memory) {
      const { event: _event, day: _day, ...plain } = record;
      archive.add(plain);
    }
    await archive.flush();
    const writeMs = elapsedMs(started);
    const engine = await DuckDbArchiveEngine.open(archive);
    const days = source.memory.map((record) => record.day).sort();
    const from = days[0] ?? programmeToday();
    const to = days[days.length - 1] ?? from;
    const time = async (query: () => Promise<unknown>) => {
      await query();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await query();
        samples.push(elapsedMs(start));
      }
      return median(samples);
    };
    const reportMs = await time(() => runReport({ report: 'points', from, to, groupBy: 'day' }, engine));
    const countMs = await time(() => engine.query('SELECT count(*) FROM events', []));
    return {
      archive_records: source.memory.length,
      report_ms: round(reportMs),
      archive_count_ms: round(countMs),
      report_ratio: round(reportMs / countMs, 2),
      archive_write_us_per_purchase: round((writeMs * 1000) / purchases),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
