import type { GetReportApiResponse } from '@sbm/web-shared/api';
import type { ReportName } from '../api/reports';

type Columns = GetReportApiResponse['columns'];
type Rows = GetReportApiResponse['rows'];

const s = (name: string) => ({ name, type: 'string' as const });
const i = (name: string) => ({ name, type: 'integer' as const });
const n = (name: string) => ({ name, type: 'number' as const });

/** Each report's columns as the API gives them, and a few rows of figures. */
export const REPORT_TABLES: Record<ReportName, { columns: Columns; rows: Rows }> = {
  members: {
    columns: [s('period'), s('channel'), i('new_members'), i('active_30d'), i('active_90d'), i('lapsed')],
    rows: [
      ['2026-11-01', 'miniprogram', 12, 300, 420, 8],
      ['2026-11-01', 'oa_web', 3, 40, 55, 1],
      ['2026-11-02', 'miniprogram', 9, 305, 421, 9],
    ],
  },
  sales: {
    columns: [
      s('period'),
      s('store_id'),
      s('category'),
      i('purchases'),
      i('revenue_fen'),
      i('average_basket_fen'),
      n('member_share'),
    ],
    rows: [
      ['2026-11-01', 'b1-017', null, 4, 51_200, 12_800, 0.5],
      ['2026-11-01', 'b1-017', 'coffee', 3, 38_400, 12_800, 0.6667],
      ['2026-11-01', 'l2-003', null, 1, 99_900, 99_900, 1],
    ],
  },
  points: {
    columns: [
      s('period'),
      i('issued'),
      i('redeemed'),
      i('redemptions_cancelled'),
      i('expired'),
      i('reversed'),
      i('adjusted'),
      i('liability_end'),
    ],
    rows: [
      ['2026-11-01', 1_250_400, 300_000, 0, 1_000, 544, 0, 8_412_000],
      ['2026-11-02', 1_000, 0, 0, 0, 0, -50, 8_412_950],
    ],
  },
  tiers: {
    columns: [s('section'), s('period'), s('from_tier'), s('to_tier'), i('members')],
    rows: [
      ['distribution', '2026-11-01', null, 'bronze', 150],
      ['distribution', '2026-11-01', null, 'silver', 40],
      ['migration', '2026-11-01', 'bronze', 'silver', 6],
      ['migration', '2026-11-01', 'silver', 'bronze', 2],
    ],
  },
  cohorts: {
    columns: [s('cohort_month'), i('months_since'), i('cohort_size'), i('retained'), n('retention')],
    rows: [
      ['2026-09', 0, 100, 100, 1],
      ['2026-09', 1, 100, 42, 0.42],
      ['2026-10', 0, 80, 80, 1],
    ],
  },
  stores: {
    columns: [
      s('store_id'),
      i('purchases'),
      i('revenue_fen'),
      i('members'),
      i('points_issued'),
      i('revenue_rank'),
    ],
    rows: [
      ['l2-003', 10, 999_000, 9, 9_990, 1],
      ['b1-017', 40, 512_000, 30, 5_120, 2],
    ],
  },
  campaigns: {
    columns: [
      s('campaign_id'),
      i('participants'),
      i('awards'),
      i('points_cost'),
      i('coupons_issued'),
      i('coupons_redeemed'),
      i('participant_revenue_fen'),
      i('treated_members'),
      i('held_out_members'),
      i('treated_revenue_per_member_fen'),
      i('held_out_revenue_per_member_fen'),
      i('lift_fen'),
      i('lift_ci_low_fen'),
      i('lift_ci_high_fen'),
    ],
    rows: [
      ['double-points', 500, 480, 48_000, 0, 0, 6_400_000, 900, 100, 7_100, 5_900, 1_200, -300, 2_700],
      ['welcome-coupon', 80, 80, 0, 80, 31, 320_000, 80, 0, 4_000, null, null, null, null],
    ],
  },
  reconciliation: {
    columns: [s('day'), s('movement'), i('archive_points'), i('ledger_points'), i('difference')],
    rows: [
      [null, 'issued', 15_095, 15_095, 0],
      [null, 'redeemed', 720, 727, -7],
      ['2026-11-03', 'redeemed', 300, 307, -7],
    ],
  },
};

export const REPORT_ID = '01JE0000000000000000000001';

/** A finished run of a report, as GET /v1/admin/reports/{id} answers. */
export const succeededRun = (
  report: ReportName,
  table: { columns: Columns; rows: Rows } = REPORT_TABLES[report],
  overrides: Partial<GetReportApiResponse> = {},
): GetReportApiResponse => ({
  reportId: REPORT_ID,
  report,
  from: '2026-11-01',
  to: '2026-11-30',
  groupBy: 'day',
  storeIds: null,
  status: 'succeeded',
  requestedAt: '2026-12-01T01:00:00.000Z',
  generatedAt: '2026-12-01T01:00:02.000Z',
  storeNames: {},
  error: null,
  ...table,
  ...overrides,
});
