import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { GROUP_BY, MAX_REPORT_DAYS, REPORT_NAMES, reportRequestSchema } from './reports/contract';

const REPORTS_DESCRIPTION =
  'Reports are SQL over the event archive: Athena in the cloud, DuckDB on a laptop, the same queries. ' +
  '`members`: new, active in 30 and 90 days and lapsed members by channel; `sales`: purchases, revenue, ' +
  "average basket and members' share of sales per store and category; `points`: issued, redeemed, expired, " +
  'reversed and adjusted points with the liability at each period end; `tiers`: members per tier at each ' +
  'period end and the migration matrix; `cohorts`: monthly registration cohorts retained by purchase; ' +
  '`stores`: the leaderboard by revenue, members and points; `campaigns`: participants, awards, cost, ' +
  'coupons, participant revenue and the lift against the holdout with a 95% confidence interval; ' +
  '`reconciliation`: points issued, redeemed, cancelled, expired, reversed and adjusted as the archive counts ' +
  "them against the ledger's own sums (a Scan of the whole table: run it at a quiet hour, over days that " +
  'ended more than 15 minutes ago), a total row per movement (`day` null) and a row per day and movement ' +
  'that differs; every `difference` zero means they balance. It is always by day and for every store: ' +
  '`groupBy` is ignored, `storeIds` refused (400), and staff whose analytics reach some stores only are ' +
  'refused it (403). Money is in fen. Staff whose analytics reach some stores only get reports of those stores.';

const reportRunSchema = lazySchema(() =>
  z.object({
    reportId: z.string().check(z.describe('The id the report is read by')),
    report: z.enum(REPORT_NAMES).check(z.describe('Which report')),
    from: z.iso.date().check(z.describe('The first business day covered')),
    to: z.iso.date().check(z.describe('The last business day covered')),
    groupBy: z.enum(GROUP_BY).check(z.describe('The length of its periods')),
    storeIds: z
      .nullable(z.array(z.string()))
      .check(z.describe('The stores covered; null for every store of the programme')),
    status: z
      .enum(['queued', 'running', 'succeeded', 'failed'])
      .check(z.describe('queued and running: ask again shortly; succeeded: columns and rows are there')),
    requestedAt: z.iso.datetime().check(z.describe('When the run was asked for')),
    generatedAt: z
      .nullable(z.iso.datetime())
      .check(z.describe('When the figures were computed (or the run failed); null while it runs')),
    columns: z
      .array(
        z.object({
          name: z.string(),
          type: z
            .enum(['string', 'integer', 'number'])
            .check(z.describe('integer for counts and fen, number for shares and rates')),
        }),
      )
      .check(z.describe('The columns, in the order of every row; empty until the report succeeded')),
    rows: z
      .array(
        z
          .array(z.nullable(z.union([z.string(), z.number()])))
          .check(z.describe('One row: its cells in the order of columns')),
      )
      .check(z.describe('The figures; empty until the report succeeded')),
    storeNames: z
      .record(z.string(), z.string())
      .check(z.describe('The names of the stores the rows name by id (store_id), as the mall knows them')),
    error: z
      .nullable(
        z.object({ code: z.string(), message: z.string().check(z.describe('What went wrong, for people')) }),
      )
      .check(z.describe('Why a failed report failed; null otherwise')),
  }),
);

export const requestReportRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/reports',
  auth: { kind: 'staff', permission: 'analytics:read' },
  tag: 'analytics',
  summary: 'Run a report over a period; answers at once with the id to read it by',
  description:
    `${REPORTS_DESCRIPTION} A report covers business days of the programme's time zone (Asia/Shanghai), ` +
    `at most ${MAX_REPORT_DAYS}. The same parameters within the cache time (15 minutes unless configured) ` +
    'answer the report already run or running, with `reused: true`. A store manager who names no store ' +
    'gets their stores; naming another store is refused.',
  body: reportRequestSchema,
  bodyExample: { report: 'points', from: '2026-11-01', to: '2026-11-30', groupBy: 'week' },
  responses: {
    202: {
      description: 'Running (or already run): read it at Location',
      schema: lazySchema(() =>
        z.object({
          reportId: z.string().check(z.describe('The id to read the report by')),
          status: z
            .enum(['queued', 'running', 'succeeded', 'failed'])
            .check(z.describe("The run's state as this answer leaves")),
          reused: z.boolean().check(z.describe('Whether an earlier run of the same parameters answers')),
        }),
      ),
      headers: { location: { description: 'Where to read the report', example: '/v1/admin/reports/01JE…' } },
      example: { reportId: '01JE0000000000000000000000', status: 'queued', reused: false },
    },
    400: problemResponse(
      'Malformed body: an unknown report, a bad day, to before from, a period too long, stores for the reconciliation',
    ),
    ...staffRouteProblems,
  },
});

export const getReportRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/reports/{reportId}',
  auth: { kind: 'staff', permission: 'analytics:read' },
  tag: 'analytics',
  summary: "A report's state and, once run, its columns and rows (or CSV with Accept: text/csv)",
  description:
    'Ask again while `status` is `queued` or `running` (a second or two locally, longer on Athena). With ' +
    '`Accept: text/csv` a finished report downloads as a UTF-8 CSV file (with a byte-order mark, for ' +
    'Excel), which the audit trail records as `analytics.export`; before it is finished that answers 409 ' +
    '`REPORT_NOT_READY` with Retry-After, and 409 `REPORT_FAILED` when it failed. Reports are kept seven days.',
  params: lazySchema(() =>
    z.strictObject({
      reportId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a report id')),
    }),
  ),
  headers: [
    {
      name: 'accept',
      required: false,
      description: 'text/csv to download the rows as a CSV file; JSON otherwise',
      schema: z.string(),
      example: 'text/csv',
    },
  ],
  responses: {
    200: {
      description: 'The report (JSON), or its CSV file with Accept: text/csv',
      schema: reportRunSchema,
      example: {
        reportId: '01JE0000000000000000000000',
        report: 'points',
        from: '2026-11-01',
        to: '2026-11-30',
        groupBy: 'month',
        storeIds: null,
        status: 'succeeded',
        requestedAt: '2026-12-01T01:00:00.000Z',
        generatedAt: '2026-12-01T01:00:02.000Z',
        columns: [
          { name: 'period', type: 'string' },
          { name: 'issued', type: 'integer' },
          { name: 'liability_end', type: 'integer' },
        ],
        rows: [['2026-11-01', 1_250_400, 8_412_000]],
        storeNames: {},
        error: null,
      },
    },
    404: problemResponse('No such report, or not one of your stores'),
    409: problemResponse('CSV asked of a report not finished (REPORT_NOT_READY) or failed (REPORT_FAILED)'),
    ...staffRouteProblems,
  },
});
