/**
 * The archive engine on a laptop: DuckDB in this process, a view `events` over the local archive (the
 * NDJSON files, or the records kept in memory) with the same columns as the Glue table Athena reads, and
 * macros giving DuckDB the Trino functions the reports use. One instance a process (`duckDbEngineFor`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReportCell, ReportColumn, ReportTable } from '../reports/contract';
import { DUCKDB_MACROS } from './dialect';
import { ArchiveQueryError, type ArchiveEngine, type QueryParameters } from './engine';
import { ARCHIVE_FILE_NAME, type LocalArchive } from './local-archive';
import { archiveColumns, duckdbType, type ColumnType, type Field } from './schema';

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The partitions' files, not the records that could not be filed (under `errors/`). */
const partitionFiles = (root: string) => join(root, 'event=*', 'day=*', ARCHIVE_FILE_NAME);

/** The record's columns for `read_json(columns = …)`: names as the catalogue spells them. */
function readJsonColumns(fields: Field[]): string {
  return `{${fields.map((field) => `${sqlString(field.name)}: ${sqlString(duckdbType(field.type))}`).join(', ')}}`;
}

/** A column type as `from_json`'s structure: `{"customerId":"VARCHAR"}`, `["VARCHAR"]`. */
function jsonStructure(type: ColumnType): unknown {
  switch (type.kind) {
    case 'array':
      return [jsonStructure(type.of)];
    case 'struct':
      return Object.fromEntries(type.fields.map((field) => [field.name, jsonStructure(field.type)]));
    default:
      return duckdbType(type);
  }
}

const columnTypeOf = (typeName: string): ReportColumn['type'] =>
  /^(BIGINT|INTEGER|HUGEINT|SMALLINT|TINYINT|UBIGINT|UINTEGER)$/.test(typeName)
    ? 'integer'
    : /^(DOUBLE|FLOAT|DECIMAL)/.test(typeName)
      ? 'number'
      : 'string';

const cellOf = (value: unknown, type: ReportColumn['type']): ReportCell =>
  value === null || value === undefined ? null : type === 'string' ? String(value) : Number(value);

export class DuckDbArchiveEngine implements ArchiveEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private synced = 0;
  private filesSeen = false;

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly archive: LocalArchive,
  ) {}

  static async open(archive: LocalArchive): Promise<DuckDbArchiveEngine> {
    // Imported here, not at the top: a function's bundle carries this module (the report engine picks it
    // when the local cloud runs in the process) and would otherwise import DuckDB, which it lacks, at its
    // cold start.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const macro of DUCKDB_MACROS) await connection.run(macro);
    const engine = new DuckDbArchiveEngine(connection, archive);
    const columns = archiveColumns();
    const rowType = `STRUCT(${[
      ...columns,
      { name: 'event', type: { kind: 'string' } },
      { name: 'day', type: { kind: 'string' } },
    ]
      .map((field) => `"${field.name}" ${duckdbType(field.type as ColumnType)}`)
      .join(', ')})`;
    await connection.run(
      `CREATE TABLE archive_memory AS SELECT r.* FROM (SELECT CAST(NULL AS ${rowType}) AS r) WHERE false`,
    );
    await engine.defineView();
    return engine;
  }

  /** The records as DuckDB reads them: the archive's files once there are any, else the memory table. */
  private async defineView() {
    const root = this.archive.root;
    this.filesSeen = root !== undefined && (await this.hasFiles(root));
    const source = this.filesSeen
      ? `SELECT * FROM read_json(${sqlString(partitionFiles(root!))}, format = 'newline_delimited', hive_partitioning = true, hive_types = {'event': 'VARCHAR', 'day': 'VARCHAR'}, columns = ${readJsonColumns(archiveColumns())})`
      : 'SELECT * FROM archive_memory';
    await this.connection.run(`CREATE OR REPLACE VIEW events AS ${source}`);
  }

  private async hasFiles(root: string) {
    if (!existsSync(root)) return false;
    const reader = await this.connection.runAndReadAll(
      `SELECT count(*) FROM glob(${sqlString(partitionFiles(root))})`,
    );
    return Number(reader.getRows()[0]![0]) > 0;
  }

  /** Brings DuckDB up to date with every record the archive accepted before the query. */
  private async sync() {
    await this.archive.flush();
    if (this.archive.root !== undefined) {
      if (!this.filesSeen) await this.defineView();
      return;
    }
    const records = this.archive.memory.slice(this.synced);
    if (records.length === 0) return;
    const structure = JSON.stringify([
      jsonStructure({
        kind: 'struct',
        fields: [
          ...archiveColumns(),
          { name: 'event', type: { kind: 'string' } },
          { name: 'day', type: { kind: 'string' } },
        ],
      }),
    ]);
    await this.connection.run(
      `INSERT INTO archive_memory SELECT r.* FROM (SELECT unnest(from_json(CAST($1 AS VARCHAR), ${sqlString(structure)}), recursive := false) AS r)`,
      [JSON.stringify(records)],
    );
    this.synced += records.length;
  }

  query(sql: string, params: QueryParameters): Promise<ReportTable> {
    const run = this.queue.then(async () => {
      await this.sync();
      try {
        const reader = await this.connection.runAndReadAll(sql, [...params]);
        const columns: ReportColumn[] = reader
          .columnNames()
          .map((name, i) => ({ name, type: columnTypeOf(reader.columnTypes()[i]!.toString()) }));
        const rows = reader
          .getRowsJson()
          .map((row) => row.map((value, i) => cellOf(value, columns[i]!.type)));
        return { columns, rows };
      } catch (error) {
        throw new ArchiveQueryError(
          `DuckDB refused the query: ${(error as Error).message.split('\n')[0]}`,
          'FAILED',
          { cause: error },
        );
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const engines = new WeakMap<LocalArchive, Promise<DuckDbArchiveEngine>>();

/** The process's DuckDB engine over a local archive: made when first asked for. */
export function duckDbEngineFor(archive: LocalArchive): Promise<DuckDbArchiveEngine> {
  let engine = engines.get(archive);
  if (!engine) engines.set(archive, (engine = DuckDbArchiveEngine.open(archive)));
  return engine;
}
