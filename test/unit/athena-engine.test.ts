// The Athena engine against a mocked Athena: how it starts, waits for, stops and reads a query.
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecutionState,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaArchiveEngine, athenaEngineFromEnv } from '../../lib/analytics/archive/athena-engine';
import { athenaLiteral } from '../../lib/analytics/archive/dialect';

const athena = mockClient(AthenaClient);
let clock = 0;
const pauses: number[] = [];
const engine = (timeoutMs = 10_000) =>
  new AthenaArchiveEngine(async () => new AthenaClient({ region: 'cn-north-1' }), {
    workGroup: 'sbm-crm-archive',
    database: 'sbm_crm_archive',
    timeoutMs,
    firstPollMs: 100,
    maxPollMs: 800,
    now: () => clock,
    sleep: async (ms) => {
      pauses.push(ms);
      clock += ms;
    },
  });
const state = (State: QueryExecutionState, StateChangeReason?: string) => ({
  QueryExecution: { Status: { State, StateChangeReason } },
});
const header = {
  Data: [{ VarCharValue: 'store_id' }, { VarCharValue: 'revenue_fen' }, { VarCharValue: 'share' }],
};
const metadata = {
  ColumnInfo: [
    { Name: 'store_id', Type: 'varchar' },
    { Name: 'revenue_fen', Type: 'bigint' },
    { Name: 'share', Type: 'double' },
  ],
};

beforeEach(() => {
  athena.reset();
  clock = 0;
  pauses.length = 0;
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
});

describe('the Athena archive engine', () => {
  it('starts the query in the workgroup with its values as quoted literals, never spliced into the SQL', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena
      .on(GetQueryResultsCommand)
      .resolves({ ResultSet: { ResultSetMetadata: metadata, Rows: [header] } });
    await engine().query('SELECT ? AS a, ? AS b', ['2026-01-01', "o'brien"]);
    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start).toMatchObject({
      QueryString: 'SELECT ? AS a, ? AS b',
      WorkGroup: 'sbm-crm-archive',
      QueryExecutionContext: { Database: 'sbm_crm_archive' },
      ExecutionParameters: ["'2026-01-01'", "'o''brien'"],
    });
  });

  it('polls with growing pauses until the query succeeds, then reads every page and types the cells', async () => {
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(state('QUEUED'))
      .resolvesOnce(state('RUNNING'))
      .resolvesOnce(state('RUNNING'))
      .resolves(state('SUCCEEDED'));
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: undefined })
      .resolves({
        ResultSet: {
          ResultSetMetadata: metadata,
          Rows: [
            header,
            { Data: [{ VarCharValue: 's1' }, { VarCharValue: '12800' }, { VarCharValue: '0.5' }] },
          ],
        },
        NextToken: 'page-2',
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: 'page-2' })
      .resolves({
        ResultSet: {
          ResultSetMetadata: metadata,
          Rows: [{ Data: [{ VarCharValue: 's2' }, { VarCharValue: '300' }, {}] }],
        },
      });
    const table = await engine().query('SELECT 1', []);
    expect(pauses).toEqual([100, 200, 400]);
    expect(table).toEqual({
      columns: [
        { name: 'store_id', type: 'string' },
        { name: 'revenue_fen', type: 'integer' },
        { name: 'share', type: 'number' },
      ],
      rows: [
        ['s1', 12800, 0.5],
        ['s2', 300, null],
      ],
    });
    expect(
      athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.ExecutionParameters,
    ).toBeUndefined();
  });

  it('fails the report with the reason Athena gives for a failed query', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('FAILED', 'COLUMN_NOT_FOUND: line 1:8'));
    await expect(engine().query('SELECT nope', [])).rejects.toMatchObject({
      code: 'FAILED',
      message: expect.stringContaining('COLUMN_NOT_FOUND'),
    });
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('reports a query someone cancelled as cancelled', async () => {
    athena.on(GetQueryExecutionCommand).resolvesOnce(state('RUNNING')).resolves(state('CANCELLED'));
    await expect(engine().query('SELECT 1', [])).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('stops a query that outlives its time, and says so', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    await expect(engine(1_000).query('SELECT 1', [])).rejects.toMatchObject({ code: 'TIMED_OUT' });
    expect(athena.commandCalls(StopQueryExecutionCommand)[0]!.args[0].input).toEqual({
      QueryExecutionId: 'q-1',
    });
    expect(pauses).toEqual([100, 200, 400, 800]);
  });

  it('needs its workgroup and database named', () => {
    expect(() => athenaEngineFromEnv({ ARCHIVE_ATHENA_WORKGROUP: 'wg' })).toThrow(/ARCHIVE_DATABASE/);
    expect(athenaEngineFromEnv({ ARCHIVE_ATHENA_WORKGROUP: 'wg', ARCHIVE_DATABASE: 'db' })).toBeInstanceOf(
      AthenaArchiveEngine,
    );
  });
});

describe('Athena literals', () => {
  it('double quotes and refuse control characters', () => {
    expect(athenaLiteral("a'; DROP TABLE events; --")).toBe("'a''; DROP TABLE events; --'");
    expect(() => athenaLiteral('a\nb')).toThrow();
  });
});
