/**
 * What a report is asked for and what it answers, shared by the SQL that computes it
 * (`lib/analytics/reports/run.ts`), the routes that run it asynchronously, and the console.
 */
import * as z from '../../zod';
import { lazySchema } from '../../lazy-schema';
import { storeIdSchema } from '../../pos/schemas';

/** The reports written as SQL over the archive, one file each (`sql/<report>.sql`). */
export const SQL_REPORT_NAMES = [
  'members',
  'sales',
  'points',
  'tiers',
  'cohorts',
  'stores',
  'campaigns',
] as const;
export type SqlReportName = (typeof SQL_REPORT_NAMES)[number];

/** Every report: the SQL ones, and the reconciliation of the archive against the ledger (`reconcile/`). */
export const REPORT_NAMES = [...SQL_REPORT_NAMES, 'reconciliation'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const GROUP_BY = ['day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The longest period one report covers: a year and a day, so a year-on-year comparison fits. */
export const MAX_REPORT_DAYS = 367;
/** The most stores one report names; a store manager's stores are far fewer. */
export const MAX_REPORT_STORES = 100;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A report request: business days of the programme's time zone, both included. */
export const reportRequestSchema = lazySchema(() =>
  z
    .strictObject({
      report: z
        .enum(REPORT_NAMES)
        .check(
          z.describe(
            'Which report: members, sales, points, tiers, cohorts, stores, campaigns or reconciliation',
          ),
        ),
      from: z.iso.date().check(z.describe('The first business day, YYYY-MM-DD (Asia/Shanghai)')),
      to: z.iso.date().check(z.describe('The last business day, YYYY-MM-DD, included')),
      groupBy: z._default(
        z.enum(GROUP_BY).check(z.describe('Periods of a day, an ISO week (from Monday) or a calendar month')),
        'day',
      ),
      storeIds: z.optional(
        z
          .array(storeIdSchema)
          .check(z.minLength(1), z.maxLength(MAX_REPORT_STORES), z.describe('Only these stores')),
      ),
    })
    .check(
      z.refine((request) => request.from <= request.to, {
        message: 'must not end before it starts',
        path: ['to'],
      }),
      z.refine((request) => daysBetween(request.from, request.to) < MAX_REPORT_DAYS, {
        message: `must cover at most ${MAX_REPORT_DAYS} days`,
        path: ['to'],
      }),
      // The ledger has no store for redemptions, expiry or adjustments: it balances for the programme only.
      z.refine((request) => request.report !== 'reconciliation' || request.storeIds === undefined, {
        message: 'the reconciliation covers every store: name none',
        path: ['storeIds'],
      }),
    ),
);
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/** A column of a report's answer: rows are arrays in the order of the columns. */
export interface ReportColumn {
  name: string;
  type: 'string' | 'integer' | 'number';
}
export type ReportCell = string | number | null;

export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportCell[][];
}
