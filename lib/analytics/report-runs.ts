/**
 * Reports run asynchronously, as Athena does: a request is answered at once with a report id, a worker
 * runs the query, and the result is kept for staff to read (or download as CSV) by that id.
 *
 * A result is reused for the same parameters (report, period, grouping, stores) for
 * `REPORT_CACHE_SECONDS` after it was generated, and while it is still being run: ten staff opening the
 * dashboard at nine start one query, not ten. The cache entry points at the report it reuses; the report
 * keeps its rows in chunks beside it, since a long report outgrows a DynamoDB item.
 *
 * | item         | pk                    | sk             | notes                                        |
 * |--------------|-----------------------|----------------|----------------------------------------------|
 * | report run   | REPORT#<id>           | RUN            | TTL; the request, its state, its columns     |
 * | report rows  | REPORT#<id>           | ROWS#<nnnn>    | TTL; up to ~300 KB of rows each              |
 * | report cache | REPORTCACHE#<sha256>  | CACHE          | TTL; the report run these parameters reuse   |
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from '../zod';
import { lazyEnv } from '../config';
import { conditionFailedReasons, documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import type { StaffPrincipal } from '../auth/principal';
import { assertAllStoresAccess, storeScopeOf } from '../auth/store-scope';
import type { ReportCell, ReportColumn, ReportRequest, ReportTable } from './reports/contract';

const env = lazyEnv({
  REPORT_CACHE_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(86_400)), 900),
});

/** How long a run and its rows are kept (DynamoDB's TTL removes them). */
export const REPORT_RETENTION_SECONDS = 7 * 86_400;
/** A run not finished after this long is taken to have died with its worker, and not reused. */
export const REPORT_STALE_AFTER_SECONDS = 15 * 60;
/** The most rows a report answers: more is a period too long for its grouping. */
export const MAX_REPORT_ROWS = 50_000;
/** The bytes of rows a chunk item holds, well under DynamoDB's 400 KB per item. */
const CHUNK_BYTES = 300_000;

export type ReportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** The parameters a report is run with: the request with its store scope settled and sorted. */
export type ScopedReportRequest = Omit<ReportRequest, 'storeIds'> & { storeIds?: string[] };

export interface ReportRun {
  reportId: string;
  request: ScopedReportRequest;
  status: ReportStatus;
  requestedAt: string;
  requestedBy: string;
  startedAt?: string;
  generatedAt?: string;
  columns?: ReportColumn[];
  chunks?: number;
  rowCount?: number;
  error?: { code: string; message: string };
}

const runKey = (reportId: string) => ({ pk: `REPORT#${reportId}`, sk: 'RUN' });
const chunkKey = (reportId: string, chunk: number) => ({
  pk: `REPORT#${reportId}`,
  sk: `ROWS#${String(chunk).padStart(4, '0')}`,
});
const cacheKey = (hash: string) => ({ pk: `REPORTCACHE#${hash}`, sk: 'CACHE' });
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * The stores a report covers for this staff member: theirs when their analytics permission is limited
 * to some (all of them unless they name fewer); any they name otherwise. Naming a store outside their
 * scope is refused rather than quietly dropped, so a figure never reads as a store's when it is not.
 * The reconciliation is programme-wide (the request schema refuses stores for it): only staff whose
 * analytics reach every store may run it, and it is always by day, whatever grouping is asked for.
 */
export function scopedReportRequest(staff: StaffPrincipal, request: ReportRequest): ScopedReportRequest {
  if (request.report === 'reconciliation') {
    assertAllStoresAccess(staff, 'analytics:read');
    return { report: request.report, from: request.from, to: request.to, groupBy: 'day' };
  }
  const scope = storeScopeOf(staff, 'analytics:read');
  const named = request.storeIds ? [...new Set(request.storeIds)].sort() : undefined;
  if (scope === 'all') return { ...request, storeIds: named };
  if (scope.size === 0) throw problems.forbidden('You manage no store, so no store report is yours.');
  const outside = named?.filter((storeId) => !scope.has(storeId)) ?? [];
  if (outside.length > 0) throw problems.forbidden(`You do not manage store ${outside.join(', ')}.`);
  return { ...request, storeIds: named ?? [...scope].sort() };
}

/** Whether this staff member may read a run: every store it covers is within their scope. */
export function mayReadReport(staff: StaffPrincipal, run: Pick<ReportRun, 'request'>): boolean {
  const scope = storeScopeOf(staff, 'analytics:read');
  if (scope === 'all') return true;
  const covered = run.request.storeIds;
  return covered !== undefined && covered.length > 0 && covered.every((storeId) => scope.has(storeId));
}

/** One hash per set of parameters: the cache's key. */
export const parametersHashOf = (request: ScopedReportRequest) =>
  createHash('sha256')
    .update(
      JSON.stringify([request.report, request.from, request.to, request.groupBy, request.storeIds ?? null]),
    )
    .digest('hex');

/** Whether a run may answer a new request for its parameters. */
export function reusable(run: ReportRun, now: Date, cacheSeconds = env().REPORT_CACHE_SECONDS): boolean {
  if (run.status === 'failed') return false;
  if (run.status === 'succeeded') return Date.parse(run.generatedAt!) + cacheSeconds * 1000 > now.getTime();
  return Date.parse(run.requestedAt) + REPORT_STALE_AFTER_SECONDS * 1000 > now.getTime();
}

const runItemSchema = z.looseObject({
  reportId: z.string(),
  request: z.looseObject({}),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  requestedAt: z.string(),
  requestedBy: z.string(),
});

export async function readReportRun(reportId: string): Promise<ReportRun | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: runKey(reportId),
    ConsistentRead: true,
  });
  if (!Item) return undefined;
  runItemSchema.parse(Item);
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...run } = Item;
  return run as unknown as ReportRun;
}

/**
 * Starts a run for these parameters, or answers the run that already serves them. `start` hands the new
 * run to the worker (a queue message); it is called once the run is recorded, and a failure to hand it
 * over fails the run, so the cache never points at a run nobody will make.
 */
export async function requestReportRun(
  staff: StaffPrincipal,
  request: ScopedReportRequest,
  start: (reportId: string) => Promise<void>,
  now = new Date(),
): Promise<{ run: ReportRun; reused: boolean }> {
  const hash = parametersHashOf(request);
  const table = tableNameFromEnv('main');
  for (let attempt = 0; attempt < 6; attempt++) {
    const { Item: cached } = await documents.get({
      TableName: table,
      Key: cacheKey(hash),
      ConsistentRead: true,
    });
    const previous = cached ? await readReportRun(String(cached.reportId)) : undefined;
    if (previous && reusable(previous, now)) return { run: previous, reused: true };

    const run: ReportRun = {
      reportId: ulid(now.getTime()),
      request,
      status: 'queued',
      requestedAt: now.toISOString(),
      requestedBy: staff.staffId,
    };
    const expiresAt = epochSeconds(now) + REPORT_RETENTION_SECONDS;
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { ...runKey(run.reportId), ...run, expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            // Two requests for the same parameters at once start one run: the second finds the first's.
            Put: {
              TableName: table,
              Item: { ...cacheKey(hash), reportId: run.reportId, expiresAt },
              ConditionExpression: cached ? 'reportId = :previous' : 'attribute_not_exists(pk)',
              ...(cached ? { ExpressionAttributeValues: { ':previous': cached.reportId } } : {}),
            },
          },
        ],
      });
    } catch (error) {
      // Another request for these parameters got there first, or at the same moment: read what it left.
      const reasons = conditionFailedReasons(error);
      if (!reasons?.some((reason) => reason === 'ConditionalCheckFailed' || reason === 'TransactionConflict'))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40 * (attempt + 1)));
      continue;
    }
    try {
      await start(run.reportId);
    } catch (error) {
      await finishRun(
        run.reportId,
        {
          status: 'failed',
          error: { code: 'REPORT_NOT_STARTED', message: 'The report could not be handed to its worker.' },
        },
        now,
      );
      throw error;
    }
    return { run, reused: false };
  }
  throw problems.conflict('REPORT_BUSY', 'Other requests for this report kept changing it; try again.');
}

/** Marks a run as taken by a worker, unless it is finished already (a redelivered message). */
export async function claimRun(reportId: string, now = new Date()): Promise<ReportRun | undefined> {
  try {
    const { Attributes } = await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: runKey(reportId),
      UpdateExpression: 'SET #status = :running, startedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND #status IN (:queued, :running)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':now': now.toISOString() },
      ReturnValues: 'ALL_NEW',
    });
    const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...run } = Attributes!;
    return run as unknown as ReportRun;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Rows as chunks of at most CHUNK_BYTES of JSON each. */
export function chunkRows(rows: ReportCell[][], maxBytes = CHUNK_BYTES): ReportCell[][][] {
  const chunks: ReportCell[][][] = [];
  let current: ReportCell[][] = [];
  let size = 2;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A query's refusal that running it again cannot cure (its SQL, its size): the run fails with it. */
export class ReportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReportFailure';
  }
}

/** Keeps a finished run's rows and answer. Rows are written first: a run reads as succeeded only whole. */
export async function finishRun(
  reportId: string,
  outcome:
    | { status: 'succeeded'; table: ReportTable }
    | { status: 'failed'; error: { code: string; message: string } },
  now = new Date(),
) {
  const table = tableNameFromEnv('main');
  const expiresAt = epochSeconds(now) + REPORT_RETENTION_SECONDS;
  if (outcome.status === 'failed') {
    await documents.update({
      TableName: table,
      Key: runKey(reportId),
      UpdateExpression: 'SET #status = :failed, #error = :error, generatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
      ExpressionAttributeValues: { ':failed': 'failed', ':error': outcome.error, ':now': now.toISOString() },
    });
    return;
  }
  const chunks = chunkRows(outcome.table.rows);
  for (const [index, rows] of chunks.entries()) {
    await documents.put({ TableName: table, Item: { ...chunkKey(reportId, index), rows, expiresAt } });
  }
  await documents.update({
    TableName: table,
    Key: runKey(reportId),
    UpdateExpression:
      'SET #status = :succeeded, #columns = :columns, chunks = :chunks, rowCount = :rowCount, generatedAt = :now',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status', '#columns': 'columns' },
    ExpressionAttributeValues: {
      ':succeeded': 'succeeded',
      ':columns': outcome.table.columns,
      ':chunks': chunks.length,
      ':rowCount': outcome.table.rows.length,
      ':now': now.toISOString(),
    },
  });
}

/** Runs a claimed run with the runner and keeps its outcome; errors other than a ReportFailure are retried. */
export async function executeRun(
  reportId: string,
  runner: (request: ScopedReportRequest) => Promise<ReportTable>,
  now: () => Date = () => new Date(),
) {
  const run = await claimRun(reportId, now());
  if (!run) return;
  let table: ReportTable;
  try {
    table = await runner(run.request);
  } catch (error) {
    if (!(error instanceof ReportFailure)) throw error;
    await finishRun(
      reportId,
      { status: 'failed', error: { code: error.code, message: error.message } },
      now(),
    );
    return;
  }
  if (table.rows.length > MAX_REPORT_ROWS) {
    await finishRun(
      reportId,
      {
        status: 'failed',
        error: {
          code: 'REPORT_TOO_LARGE',
          message: `The report has ${table.rows.length} rows, more than ${MAX_REPORT_ROWS}: choose a shorter period, a coarser grouping or fewer stores.`,
        },
      },
      now(),
    );
    return;
  }
  await finishRun(reportId, { status: 'succeeded', table }, now());
}

/** A finished run's rows, in order. */
export async function readReportRows(run: ReportRun): Promise<ReportCell[][]> {
  if (run.status !== 'succeeded' || !run.chunks) return [];
  const rows: ReportCell[][] = [];
  for (let chunk = 0; chunk < run.chunks; chunk++) {
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: chunkKey(run.reportId, chunk),
      ConsistentRead: true,
    });
    if (!Item) throw new Error(`Report ${run.reportId} lacks its rows chunk ${chunk}`);
    rows.push(...(Item.rows as ReportCell[][]));
  }
  return rows;
}

/** A run as a staff member may read it, or a 404 (whether it exists is not theirs to learn either). */
export async function reportRunFor(staff: StaffPrincipal, reportId: string): Promise<ReportRun> {
  const run = await readReportRun(reportId);
  if (!run || !mayReadReport(staff, run)) throw problems.notFound(`Report ${reportId}`);
  return run;
}

export const reportNotReady = (run: ReportRun) =>
  new Problem(
    409,
    run.status === 'failed' ? 'REPORT_FAILED' : 'REPORT_NOT_READY',
    'Conflict',
    run.status === 'failed'
      ? `The report failed (${run.error?.code ?? 'unknown'}): there is nothing to download.`
      : 'The report is still being run: ask again in a few seconds.',
    run.status === 'failed' ? {} : { headers: { 'retry-after': '2' } },
  );

/** A cell as CSV writes it: quoted when needed, and a text that a spreadsheet would run as a formula made inert. */
export function csvCell(value: ReportCell, column: ReportColumn): string {
  if (value === null) return '';
  let text = String(value);
  if (column.type === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row; UTF-8 with a byte-order mark, which Excel needs to read Chinese. */
export function reportCsv(columns: ReportColumn[], rows: ReportCell[][]): string {
  const lines = [
    columns.map((column) => csvCell(column.name, { name: column.name, type: 'string' })).join(','),
    ...rows.map((row) => row.map((cell, index) => csvCell(cell, columns[index]!)).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
