import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { dailyFiguresShape, dailyStoreSalesSchema, POINTS_ISSUED, storeNameSchema } from './views';
import { lazySchema } from '../lazy-schema';
import { REPORTS } from './exports';

export const getDailySalesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/analytics/daily-sales',
  auth: { kind: 'staff', permission: 'analytics:read' },
  tag: 'analytics',
  summary: 'Purchases, revenue (fen) and points issued and reversed per store for one business day',
  description:
    `${POINTS_ISSUED} A purchase's points count on the day of the sale, a campaign bonus on the day it ` +
    "was credited, in its store's figures when a sale triggered it and otherwise in " +
    '`campaignBonusesWithoutStore`; the totals include both. Staff limited to some stores see theirs alone.',
  query: lazySchema(() =>
    z.strictObject({
      day: z.iso
        .date()
        .check(z.describe('A business day of the programme time zone (Asia/Shanghai), YYYY-MM-DD')),
    }),
  ),
  responses: {
    200: {
      description: 'The day',
      schema: lazySchema(() =>
        z.object({
          day: z.iso.date(),
          stores: z.array(dailyStoreSalesSchema),
          campaignBonusesWithoutStore: z
            .int()
            .check(
              z.describe(
                "Campaign bonuses of the day that no store's sale triggered (registration, birthday, blasts)",
              ),
            ),
          totals: z
            .object(dailyFiguresShape())
            .check(z.describe("The stores' figures added up, with campaignBonusesWithoutStore")),
        }),
      ),
      example: {
        day: '2026-11-11',
        stores: [
          {
            day: '2026-11-11',
            storeId: 'plaza-b1-017',
            storeName: '星巴克 B1-017',
            purchases: 1618,
            revenue: 25417600,
            pointsIssued: 568504,
            pointsIssuedBreakdown: { purchases: 381300, campaignBonuses: 187204 },
            pointsReversed: 2310,
          },
          {
            day: '2026-11-11',
            storeId: 'plaza-l2-031',
            storeName: '优衣库 L2-031',
            purchases: 902,
            revenue: 40388100,
            pointsIssued: 403881,
            pointsIssuedBreakdown: { purchases: 403881, campaignBonuses: 0 },
            pointsReversed: 5120,
          },
        ],
        campaignBonusesWithoutStore: 12400,
        totals: {
          purchases: 2520,
          revenue: 65805700,
          pointsIssued: 984785,
          pointsIssuedBreakdown: { purchases: 785181, campaignBonuses: 199604 },
          pointsReversed: 7430,
        },
      },
    },
    400: problemResponse('Bad day'),
    ...staffRouteProblems,
  },
});

export const getPointsLiabilityRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/analytics/points-liability',
  auth: { kind: 'staff', permission: 'analytics:read' },
  tag: 'analytics',
  summary: 'Points outstanding (available plus pending) and their value, overall and per store of issue',
  description:
    `${POINTS_ISSUED} \`movements.issued\` is every point issued since counting began (the daily ` +
    "sales count the same points day by day); `byStoreOfIssue` counts those a sale triggered in that sale's store. " +
    'Outstanding points are those issued less reversed, redeemed (net of cancellations) and expired, ' +
    'plus adjusted.',
  query: lazySchema(() =>
    z.strictObject({
      pointValueFen: z._default(
        z.coerce.number().check(z.gte(0), z.lte(10_000), z.describe('What one point is worth, in fen')),
        1,
      ),
    }),
  ),
  responses: {
    200: {
      description: 'Liability',
      schema: lazySchema(() =>
        z.object({
          pointValueFen: z.number().check(z.describe('The value of one point the answer used, in fen')),
          outstandingPoints: z.int().check(z.describe('Points members hold, available plus pending')),
          outstandingValueFen: z.number().check(z.describe('outstandingPoints times pointValueFen')),
          movements: z
            .object({
              issued: z.number(),
              reversed: z.number().check(z.describe('Taken back by refunds')),
              redeemed: z.number().check(z.describe('Spent on rewards, net of cancelled redemptions')),
              expired: z.number(),
              adjusted: z.number().check(z.describe('Net staff adjustments: negative when more was removed')),
            })
            .check(z.describe('Every point since counting began, by what moved it')),
          byStoreOfIssue: z
            .array(
              z.object({
                storeId: z.string(),
                storeName: z.optional(storeNameSchema()),
                issued: z
                  .number()
                  .check(z.describe('Points a sale at the store triggered, bonuses included')),
                reversed: z.number().check(z.describe('Of those, points refunds took back')),
                netIssued: z.number().check(z.describe('issued less reversed')),
                netIssuedValueFen: z.number().check(z.describe('netIssued times pointValueFen')),
              }),
            )
            .check(z.describe('The stores whose sales issued points')),
        }),
      ),
      example: {
        pointValueFen: 1,
        outstandingPoints: 8341590,
        outstandingValueFen: 8341590,
        movements: { issued: 12840500, reversed: 84210, redeemed: 4120300, expired: 310000, adjusted: 15600 },
        byStoreOfIssue: [
          {
            storeId: 'plaza-b1-017',
            storeName: '星巴克 B1-017',
            issued: 2104330,
            reversed: 9870,
            netIssued: 2094460,
            netIssuedValueFen: 2094460,
          },
          {
            storeId: 'plaza-l2-031',
            storeName: '优衣库 L2-031',
            issued: 5833120,
            reversed: 61200,
            netIssued: 5771920,
            netIssuedValueFen: 5771920,
          },
        ],
      },
    },
    ...staffRouteProblems,
  },
});

export const getMembersByTierRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/analytics/members-by-tier',
  auth: { kind: 'staff', permission: 'analytics:read' },
  tag: 'analytics',
  summary: 'How many members hold each tier, in the order of the ladder',
  description:
    'Counted as members register (into the entry tier) and change tier, never by reading every account. ' +
    'Codes a newer ladder dropped but members still hold follow the ladder, named by their code.',
  responses: {
    200: {
      description: 'Members per tier',
      schema: lazySchema(() =>
        z.object({
          tiers: z
            .array(
              z.object({
                code: z.string().check(z.describe("The tier's code")),
                name: z.string().check(z.describe("The tier's name in the ladder; its code when dropped")),
                inLadder: z
                  .boolean()
                  .check(z.describe('False for a code the saved ladder no longer has but members hold')),
                members: z.int().check(z.describe('Members holding the tier now')),
              }),
            )
            .check(z.describe('Each tier of the ladder, lowest first, then dropped codes members hold')),
          totalMembers: z.int().check(z.describe('Every member counted, whatever their tier')),
        }),
      ),
      example: {
        tiers: [
          { code: 'bronze', name: '铜卡', inLadder: true, members: 182340 },
          { code: 'silver', name: '银卡', inLadder: true, members: 40512 },
          { code: 'gold', name: '金卡', inLadder: true, members: 9120 },
          { code: 'platinum', name: '白金卡', inLadder: true, members: 1104 },
        ],
        totalMembers: 233076,
      },
    },
    ...staffRouteProblems,
  },
});

export const recordAnalyticsExportRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/analytics/exports',
  auth: { kind: 'staff', permission: 'analytics:read' },
  tag: 'analytics',
  summary: 'Record that a report was downloaded as a file, for the audit trail (analytics.export)',
  description:
    'The console writes its CSV files from the same reports it shows (`daily-sales`, `points-liability`) ' +
    'and calls this as it saves one, so the audit trail keeps who took which report out, for which days ' +
    'and how many rows; the figures themselves are not kept. Recording twice keeps two entries: each is a ' +
    'download.',
  body: lazySchema(() =>
    z
      .strictObject({
        report: z.enum(REPORTS).check(z.describe('The report saved: daily sales or the points liability')),
        from: z.iso
          .date()
          .check(
            z.describe(
              'The first business day (Asia/Shanghai, YYYY-MM-DD) the file covers; for the liability, the day it was read',
            ),
          ),
        to: z.iso
          .date()
          .check(
            z.describe('The last business day the file covers, not before from; from again for one day'),
          ),
        rows: z.int().check(z.gte(0), z.lte(1_000_000), z.describe('How many data rows the file holds')),
      })
      .check(
        z.refine((period) => period.from <= period.to, { message: 'must not be before from', path: ['to'] }),
      ),
  ),
  bodyExample: { report: 'daily-sales', from: '2026-11-01', to: '2026-11-30', rows: 412 },
  responses: {
    204: { description: 'Recorded in the audit trail' },
    400: problemResponse('Malformed body: an unknown report, a bad day, to before from'),
    ...staffRouteProblems,
  },
});
