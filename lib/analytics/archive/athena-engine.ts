/**
 * The archive engine in the cloud: Athena over the Glue table `events` (Firehose's Parquet on S3). A query
 * starts in the archive's workgroup with its parameters as ExecutionParameters, is polled with growing
 * pauses until it ends, is stopped once it outlives its time, and its results are read page by page.
 */
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type ColumnInfo,
} from '@aws-sdk/client-athena';
import { awsClients } from '../../aws-clients';
import type { ReportCell, ReportColumn, ReportTable } from '../reports/contract';
import { athenaLiteral } from './dialect';
import { ArchiveQueryError, type ArchiveEngine, type QueryParameters } from './engine';

export interface AthenaEngineOptions {
  workGroup: string;
  database: string;
  /** The Glue Data Catalog unless given. */
  catalog?: string;
  /** How long a query may take before it is stopped (a report runs asynchronously; 5 minutes). */
  timeoutMs?: number;
  /** The first pause between polls, doubled each time up to `maxPollMs`. */
  firstPollMs?: number;
  maxPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer', 'int', 'bigint']);
const NUMBER_TYPES = new Set(['double', 'float', 'real', 'decimal']);

const columnTypeOf = (column: ColumnInfo): ReportColumn['type'] => {
  const type = (column.Type ?? 'varchar').toLowerCase().replace(/\(.*$/, '');
  return INTEGER_TYPES.has(type) ? 'integer' : NUMBER_TYPES.has(type) ? 'number' : 'string';
};

const cellOf = (value: string | undefined, type: ReportColumn['type']): ReportCell =>
  value === undefined ? null : type === 'string' ? value : Number(value);

export class AthenaArchiveEngine implements ArchiveEngine {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly client: () => Promise<AthenaClient>,
    private readonly options: AthenaEngineOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  async query(sql: string, params: QueryParameters): Promise<ReportTable> {
    const athena = await this.client();
    const { QueryExecutionId: id } = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: this.options.workGroup,
        QueryExecutionContext: {
          Database: this.options.database,
          Catalog: this.options.catalog ?? 'AwsDataCatalog',
        },
        ...(params.length > 0 && { ExecutionParameters: params.map(athenaLiteral) }),
      }),
    );
    if (!id) throw new ArchiveQueryError('Athena started no query', 'FAILED');
    await this.finished(athena, id);
    return this.results(athena, id);
  }

  private async finished(athena: AthenaClient, id: string) {
    const started = this.now();
    const timeoutMs = this.options.timeoutMs ?? 300_000;
    let pause = this.options.firstPollMs ?? 200;
    for (;;) {
      const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = QueryExecution?.Status?.State;
      const reason = QueryExecution?.Status?.StateChangeReason ?? 'no reason given';
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED') throw new ArchiveQueryError(`Athena query ${id} failed: ${reason}`, 'FAILED');
      if (state === 'CANCELLED')
        throw new ArchiveQueryError(`Athena query ${id} was cancelled: ${reason}`, 'CANCELLED');
      if (this.now() - started >= timeoutMs) {
        await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
        throw new ArchiveQueryError(`Athena query ${id} took longer than ${timeoutMs} ms`, 'TIMED_OUT');
      }
      await this.sleep(pause);
      pause = Math.min(pause * 2, this.options.maxPollMs ?? 5000);
    }
  }

  private async results(athena: AthenaClient, id: string): Promise<ReportTable> {
    let columns: ReportColumn[] | undefined;
    const rows: ReportCell[][] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await athena.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }),
      );
      columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => ({
        name: column.Name ?? column.Label ?? '',
        type: columnTypeOf(column),
      }));
      // The first row of a SELECT's first page is its header.
      const data = (page.ResultSet?.Rows ?? []).slice(first ? 1 : 0);
      first = false;
      for (const row of data)
        rows.push(columns.map((column, i) => cellOf(row.Data?.[i]?.VarCharValue, column.type)));
      token = page.NextToken;
    } while (token);
    return { columns: columns ?? [], rows };
  }
}

/** The engine of the deployed stage: ARCHIVE_ATHENA_WORKGROUP and ARCHIVE_DATABASE name its workgroup and Glue database. */
export function athenaEngineFromEnv(env: NodeJS.ProcessEnv = process.env): AthenaArchiveEngine {
  const workGroup = env.ARCHIVE_ATHENA_WORKGROUP;
  const database = env.ARCHIVE_DATABASE;
  if (!workGroup || !database)
    throw new Error(
      'ARCHIVE_ATHENA_WORKGROUP and ARCHIVE_DATABASE must name the archive’s Athena workgroup and Glue database',
    );
  return new AthenaArchiveEngine(awsClients.athena, { workGroup, database });
}
