/**
 * The event archive on a laptop: what Firehose does in the cloud, the local cloud does here. Every
 * catalogue event EventBridge accepts is kept as an archive record, filed by event and business day as
 * `<root>/event=<Name>/day=<YYYY-MM-DD>/events.ndjson` (one JSON line a record, appended), or kept in
 * memory when the local cloud runs without a data folder. DuckDB reads either (`duckdb-engine.ts`).
 *
 * Publishing never waits for the disk: records are queued and appended in order a moment later, and
 * `flush()` (before every query, and on shutdown) waits until all accepted so far are written.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogue } from '../../../events/catalogue';
import { PROGRAMME_TIME_ZONE } from '../../calendar';
import { archivePartitionOf, archiveRecordOf, type ArchiveRecord } from './schema';

export const ARCHIVE_FILE_NAME = 'events.ndjson';

/** A record with the partition it is filed under, as the engines see it (`event`, `day` columns). */
export type PartitionedRecord = ArchiveRecord & { event: string; day: string };

export interface ArchivedEvent {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  detail: unknown;
}

/** Whether an event is the catalogue's: its detail-type is there and its source is that event's own. */
export function isCatalogueEvent(event: Pick<ArchivedEvent, 'detail-type' | 'source'>): boolean {
  const definition = (catalogue as Record<string, { source: string } | undefined>)[event['detail-type']];
  return (
    definition !== undefined &&
    Object.hasOwn(catalogue, event['detail-type']) &&
    definition.source === event.source
  );
}

export class LocalArchive {
  /** Records kept in memory (memory mode), in the order accepted. */
  readonly memory: PartitionedRecord[] = [];
  private pending = new Map<string, string[]>();
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private failure: Error | undefined;
  private counts = new Map<string, number>();
  archived = 0;

  /** `root`: the folder the partitions go under; none keeps the records in memory. */
  constructor(
    readonly root: string | undefined,
    private readonly timeZone = PROGRAMME_TIME_ZONE,
  ) {}

  /**
   * Archives a catalogue event (others are not archived); answers whether it did. An event that cannot be
   * filed (no valid `occurredAt` to take its business day from) goes to the errors, as Firehose puts a
   * record its partitioning query fails on under its error prefix: publishing never fails for it.
   */
  accept(event: ArchivedEvent): boolean {
    if (!isCatalogueEvent(event)) return false;
    const record = archiveRecordOf(event);
    const occurredAt = (record.detail as { metadata?: { occurredAt?: unknown } } | null)?.metadata
      ?.occurredAt;
    if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) {
      this.reject(record, 'PARTITION_FAILED');
      return false;
    }
    this.add(record);
    return true;
  }

  /** Records that could not be filed, with why (in memory mode; on disk under `errors/`). */
  readonly errors: { record: ArchiveRecord; errorCode: string }[] = [];

  private reject(record: ArchiveRecord, errorCode: string) {
    this.counts.set('errors', (this.counts.get('errors') ?? 0) + 1);
    if (this.root === undefined) {
      this.errors.push({ record, errorCode });
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    this.queue(
      join(this.root, 'errors', errorCode, day, 'errors.ndjson'),
      JSON.stringify({ errorCode, rawData: record }),
    );
  }

  /** Archives a record as it is (a replay of one archived before is archived again, as Firehose may). */
  add(record: ArchiveRecord): void {
    const { event, day } = archivePartitionOf(record, this.timeZone);
    this.archived++;
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
    if (this.root === undefined) {
      this.memory.push({ ...record, event, day });
      return;
    }
    this.queue(join(this.root, `event=${event}`, `day=${day}`, ARCHIVE_FILE_NAME), JSON.stringify(record));
  }

  private queue(file: string, line: string) {
    const lines = this.pending.get(file);
    if (lines) lines.push(line);
    else this.pending.set(file, [line]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.writing = this.writing.then(() => this.writePending());
      });
    }
  }

  /** Appends what is queued: one append a partition file, records in the order they came. */
  private async writePending() {
    const batch = this.pending;
    this.pending = new Map();
    for (const [file, lines] of batch) {
      try {
        await mkdir(join(file, '..'), { recursive: true });
        await appendFile(file, `${lines.join('\n')}\n`);
      } catch (error) {
        this.failure = error as Error;
        console.error(`[archive] ${lines.length} records could not be appended to ${file}:`, error);
      }
    }
  }

  /** What `/_local/archive` shows: where the records are and how many of each event. */
  summary() {
    const byEvent: Record<string, number> = {};
    for (const [event, count] of this.counts) byEvent[event] = count;
    return {
      mode: this.root === undefined ? 'memory' : 'files',
      root: this.root,
      archived: this.archived,
      byEvent,
    };
  }

  /** Resolves once every record accepted so far is written; rejects if one could not be. */
  async flush(): Promise<void> {
    while (this.scheduled || this.pending.size > 0) {
      if (!this.scheduled) this.writing = this.writing.then(() => this.writePending());
      else await new Promise((resolve) => setImmediate(resolve));
      await this.writing;
    }
    await this.writing;
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw new Error('The local archive failed to write records', { cause: failure });
    }
  }
}

let processArchive: LocalArchive | undefined;

/** Makes an archive the process's (the local cloud's), where the local report runner finds it. */
export function useProcessArchive(archive: LocalArchive): LocalArchive {
  processArchive = archive;
  return archive;
}

/** The local cloud's archive, when this process runs one. */
export const localArchiveOfProcess = (): LocalArchive | undefined => processArchive;
