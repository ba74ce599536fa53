// Report runs against DynamoDB Local, through their handlers: one run for the same parameters however
// many ask at once, results read whole however many chunks they take, CSV downloads audited, store
// managers kept to their stores, failures that fail and failures that retry. The query itself is a fake
// runner here: the reports' SQL is tested over a real archive in analytics-reports.test.ts.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chunkRows,
  executeRun,
  MAX_REPORT_ROWS,
  ReportFailure,
  reusable,
  type ReportRun,
} from '../../lib/analytics/report-runs';
import type { ReportTable } from '../../lib/analytics/reports/contract';
import { searchAuditEntries } from '../../lib/audit';
import { apiEvent, lambdaContext } from '../support/lambda';
import { staffCaller } from '../support/staff';

const sqs = mockClient(SQSClient);
const queueUrl = process.env.REPORTS_QUEUE_URL;
beforeAll(() => {
  process.env.REPORTS_QUEUE_URL = 'http://localhost/000000000000/report-runs';
});
afterAll(() => {
  process.env.REPORTS_QUEUE_URL = queueUrl;
  sqs.restore();
});
beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});

type Answer = { status: number; headers: Record<string, string>; body: unknown };

async function requestReport(authorizer: Record<string, unknown>, body: unknown): Promise<Answer> {
  const { handler } = await import('../../functions/analytics/request-report');
  const response = await handler(
    apiEvent({ method: 'POST', path: '/v1/admin/reports', authorizer, body: JSON.stringify(body) }) as never,
    lambdaContext() as never,
  );
  const text = response.body;
  return {
    status: response.statusCode,
    headers: response.headers as Record<string, string>,
    body: JSON.parse(text),
  };
}

async function getReport(
  authorizer: Record<string, unknown>,
  reportId: string,
  accept?: string,
): Promise<Answer> {
  const { handler } = await import('../../functions/analytics/get-report');
  const event = apiEvent({
    method: 'GET',
    path: `/v1/admin/reports/${reportId}`,
    authorizer,
    headers: accept ? { accept } : {},
  });
  event.pathParameters = { reportId };
  const response = await handler(event as never, lambdaContext() as never);
  const type = String((response.headers as Record<string, string>)['content-type']);
  return {
    status: response.statusCode,
    headers: response.headers as Record<string, string>,
    body: type.startsWith('text/csv') ? response.body : JSON.parse(response.body),
  };
}

const sentReportIds = () =>
  sqs
    .commandCalls(SendMessageCommand)
    .map((call) => JSON.parse(call.args[0].input.MessageBody!).reportId as string);

// Each test asks for its own period, so that runs of other tests (or files) are not reused.
let day = 0;
const period = () => {
  day++;
  const from = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return { from, to: from };
};

const table = (rows: number): ReportTable => ({
  columns: [
    { name: 'period', type: 'string' },
    { name: 'store_id', type: 'string' },
    { name: 'revenue_fen', type: 'integer' },
  ],
  rows: Array.from({ length: rows }, (_, index) => [
    `2025-01-${String((index % 28) + 1).padStart(2, '0')}`,
    `store-${index}`,
    index * 100,
  ]),
});

describe('report runs', () => {
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  beforeAll(async () => {
    admin = await staffCaller(['admin']);
    manager = await staffCaller(['store_manager'], ['store-b', 'store-a']);
  });

  it('answers 202 with the run to read, and the same run for the same parameters', async () => {
    const request = { report: 'points', ...period(), groupBy: 'week' };
    const first = await requestReport(admin, request);
    expect(first.status).toBe(202);
    const { reportId } = first.body as { reportId: string };
    expect(first.body).toEqual({ reportId, status: 'queued', reused: false });
    expect(first.headers.location).toBe(`/v1/admin/reports/${reportId}`);
    const again = await requestReport(admin, request);
    expect(again.body).toEqual({ reportId, status: 'queued', reused: true });
    expect(sentReportIds()).toEqual([reportId]);

    const queued = await getReport(admin, reportId);
    expect(queued.body).toMatchObject({
      reportId,
      status: 'queued',
      rows: [],
      columns: [],
      generatedAt: null,
    });
  });

  it('starts one run when many ask for the same parameters at once', async () => {
    const request = { report: 'sales', ...period(), groupBy: 'day' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => requestReport(admin, request)));
    const ids = new Set(answers.map((answer) => (answer.body as { reportId: string }).reportId));
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    expect(ids.size).toBe(1);
    expect(sentReportIds()).toEqual([...ids]);
  });

  it('keeps a long result in chunks and reads it back whole and in order', async () => {
    const { body } = await requestReport(admin, { report: 'stores', ...period() });
    const { reportId } = body as { reportId: string };
    const long = table(12_000);
    expect(chunkRows(long.rows).length).toBeGreaterThan(1);
    await executeRun(reportId, async (request) => {
      expect(request).toMatchObject({ report: 'stores', groupBy: 'day' });
      return long;
    });
    const read = await getReport(admin, reportId);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'succeeded', columns: long.columns, error: null });
    expect((read.body as { rows: unknown[] }).rows).toEqual(long.rows);
    expect((read.body as { generatedAt: string }).generatedAt).toMatch(/^\d{4}-/);
    // A redelivered message finds the run finished and leaves it as it is.
    await executeRun(reportId, () => Promise.reject(new Error('must not run again')));
  });

  it('downloads a finished report as CSV, recorded in the audit trail, and refuses one still running', async () => {
    const { body } = await requestReport(admin, { report: 'members', ...period() });
    const { reportId } = body as { reportId: string };
    const early = await getReport(admin, reportId, 'text/csv');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'REPORT_NOT_READY' });
    expect(early.headers['retry-after']).toBe('2');

    await executeRun(reportId, async () => ({
      columns: [
        { name: 'channel', type: 'string' },
        { name: 'new_members', type: 'integer' },
      ],
      rows: [
        ['wechat-mini-program', 12],
        ['=HYPERLINK("http://evil")', -3],
        ['a "quoted", name', null],
      ],
    }));
    const file = await getReport(admin, reportId, 'text/csv, application/json;q=0.5');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="members-\d{4}-\d{2}-\d{2}-/);
    expect(file.body).toBe(
      '\uFEFFchannel,new_members\r\nwechat-mini-program,12\r\n"\'=HYPERLINK(""http://evil"")",-3\r\n"a ""quoted"", name",\r\n',
    );
    const { items } = await searchAuditEntries({
      actor: admin.staffId!,
      action: 'analytics.export',
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
      limit: 10,
    });
    expect(items.filter((entry) => JSON.stringify(entry.after).includes(reportId))).toHaveLength(1);
    expect(items[0]).toMatchObject({ target: 'report:members' });
  });

  it("keeps a store manager to their stores, and other staff's wider reports from them", async () => {
    const scoped = await requestReport(manager, { report: 'sales', ...period() });
    expect(scoped.status).toBe(202);
    const { reportId } = scoped.body as { reportId: string };
    expect((await getReport(manager, reportId)).body).toMatchObject({ storeIds: ['store-a', 'store-b'] });

    const refused = await requestReport(manager, {
      report: 'sales',
      ...period(),
      storeIds: ['store-a', 'store-z'],
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });

    const wide = await requestReport(admin, { report: 'sales', ...period() });
    const hidden = await getReport(manager, (wide.body as { reportId: string }).reportId);
    expect(hidden.status).toBe(404);
    // The admin reads the manager's.
    expect((await getReport(admin, reportId)).status).toBe(200);
  });

  it('runs the reconciliation by day for every store, for staff whose analytics reach every store only', async () => {
    const asked = await requestReport(admin, { report: 'reconciliation', ...period(), groupBy: 'month' });
    expect(asked.status).toBe(202);
    const { reportId } = asked.body as { reportId: string };
    expect((await getReport(admin, reportId)).body).toMatchObject({
      report: 'reconciliation',
      groupBy: 'day',
      storeIds: null,
    });
    const refused = await requestReport(manager, { report: 'reconciliation', ...period() });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    const withStores = await requestReport(admin, {
      report: 'reconciliation',
      ...period(),
      storeIds: ['store-a'],
    });
    expect(withStores.status).toBe(400);
    expect(withStores.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(sentReportIds()).toEqual([reportId]);
  });

  it('fails a run whose query is refused, and runs the parameters afresh when asked again', async () => {
    const request = { report: 'cohorts', ...period(), groupBy: 'month' };
    const { body } = await requestReport(admin, request);
    const { reportId } = body as { reportId: string };
    await executeRun(reportId, () =>
      Promise.reject(new ReportFailure('QUERY_FAILED', 'The archive could not be read.')),
    );
    expect((await getReport(admin, reportId)).body).toMatchObject({
      status: 'failed',
      error: { code: 'QUERY_FAILED', message: 'The archive could not be read.' },
    });
    expect((await getReport(admin, reportId, 'text/csv')).body).toMatchObject({ code: 'REPORT_FAILED' });
    const again = await requestReport(admin, request);
    expect(again.body).toMatchObject({ status: 'queued', reused: false });
    expect((again.body as { reportId: string }).reportId).not.toBe(reportId);
  });

  it('leaves a run to its retry when the query breaks for a while', async () => {
    const { body } = await requestReport(admin, { report: 'tiers', ...period() });
    const { reportId } = body as { reportId: string };
    await expect(executeRun(reportId, () => Promise.reject(new Error('Throttled')))).rejects.toThrow(
      'Throttled',
    );
    expect((await getReport(admin, reportId)).body).toMatchObject({ status: 'running' });
    await executeRun(reportId, async () => table(3));
    expect((await getReport(admin, reportId)).body).toMatchObject({ status: 'succeeded' });
  });

  it('fails a report with more rows than it may answer, saying how to narrow it', async () => {
    const { body } = await requestReport(admin, { report: 'sales', ...period(), groupBy: 'day' });
    const { reportId } = body as { reportId: string };
    await executeRun(reportId, async () => table(MAX_REPORT_ROWS + 1));
    expect((await getReport(admin, reportId)).body).toMatchObject({
      status: 'failed',
      error: { code: 'REPORT_TOO_LARGE' },
    });
  });

  it('refuses a malformed request with the fields named, and starts nothing', async () => {
    for (const request of [
      { report: 'profits', from: '2025-01-01', to: '2025-01-02' },
      { report: 'points', from: '2025-02-01', to: '2025-01-01' },
      { report: 'points', from: '2024-01-01', to: '2025-06-01' },
      { report: 'points', from: '2025-01-01', to: '2025-01-02', groupBy: 'hour' },
      { report: 'points', from: '2025-01-01', to: '2025-01-02', storeIds: ["x'; DROP"] },
    ]) {
      const answer = await requestReport(admin, request);
      expect(answer.status, JSON.stringify(request)).toBe(400);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(sentReportIds()).toEqual([]);
    expect((await getReport(admin, 'not-a-report-id')).status).toBe(400);
    expect((await getReport(admin, '01JE0000000000000000000000')).status).toBe(404);
  });
});

describe('the cache of report runs', () => {
  const at = (iso: string) => new Date(iso);
  const run = (overrides: Partial<ReportRun>): ReportRun => ({
    reportId: '01JE0000000000000000000000',
    request: { report: 'points', from: '2025-01-01', to: '2025-01-31', groupBy: 'day' },
    status: 'succeeded',
    requestedAt: '2025-02-01T00:00:00.000Z',
    requestedBy: 'staff-1',
    generatedAt: '2025-02-01T00:00:05.000Z',
    ...overrides,
  });

  it('reuses a result for the cache time after it was generated, then runs again', () => {
    expect(reusable(run({}), at('2025-02-01T00:15:04.000Z'), 900)).toBe(true);
    expect(reusable(run({}), at('2025-02-01T00:15:05.000Z'), 900)).toBe(false);
    expect(reusable(run({}), at('2025-02-01T00:00:06.000Z'), 0)).toBe(false);
  });

  it('reuses a run still under way, unless its worker has been silent too long', () => {
    const running = run({ status: 'running', generatedAt: undefined });
    expect(reusable(running, at('2025-02-01T00:14:59.000Z'), 900)).toBe(true);
    expect(reusable(running, at('2025-02-01T00:15:00.000Z'), 900)).toBe(false);
  });

  it('never reuses a failed run', () => {
    expect(reusable(run({ status: 'failed' }), at('2025-02-01T00:00:06.000Z'), 900)).toBe(false);
  });
});
