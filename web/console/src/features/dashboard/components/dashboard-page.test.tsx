// The dashboard as an analyst reads it: today's figures by store, the liability, a period's totals or its empty state.
import { businessDayOf } from '@sbm/web-shared/format';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { DashboardPage } from './dashboard-page';

// ECharts draws nothing in happy-dom; the chart's own behaviour is the browser tests' business.
vi.mock('./sales-chart', () => ({
  default: ({ label, values }: { label: string; values: number[] }) => (
    <div role="img" aria-label={label} data-values={values.join(',')} />
  ),
}));

const figures = (purchases: number, revenue: number, pointsIssued: number) => ({
  purchases,
  revenue,
  pointsIssued,
  pointsIssuedBreakdown: { purchases: pointsIssued, campaignBonuses: 0 },
  pointsReversed: 0,
});

const liability = {
  pointValueFen: 1,
  outstandingPoints: 123_456,
  outstandingValueFen: 123_456,
  movements: { issued: 130_000, reversed: 544, redeemed: 6_000, expired: 0, adjusted: 0 },
  byStoreOfIssue: [],
};

const membersByTier = {
  tiers: [
    { code: 'bronze', name: '铜卡', inLadder: true, members: 150 },
    { code: 'silver', name: '银卡', inLadder: true, members: 40 },
    { code: 'gold', name: '金卡', inLadder: true, members: 10 },
    { code: 'vip', name: 'vip', inLadder: false, members: 0 },
  ],
  totalMembers: 200,
};

/** The archive's reports of the period: their rows by report, a run that has succeeded at once. */
type ArchiveRows = Partial<Record<'sales' | 'points' | 'members', (string | number | null)[][]>>;

const COLUMNS = {
  sales: ['period', 'store_id', 'category', 'purchases', 'revenue_fen', 'average_basket_fen', 'member_share'],
  points: [
    'period',
    'issued',
    'redeemed',
    'redemptions_cancelled',
    'expired',
    'reversed',
    'adjusted',
    'liability_end',
  ],
  members: ['period', 'channel', 'new_members', 'active_30d', 'active_90d', 'lapsed'],
};
const STRINGS = new Set(['period', 'store_id', 'category', 'channel']);

const succeededRun = (report: keyof typeof COLUMNS, rows: ArchiveRows[keyof ArchiveRows] = []) => ({
  reportId: report,
  report,
  from: '2026-11-01',
  to: '2026-11-30',
  groupBy: 'day',
  storeIds: null,
  status: 'succeeded',
  requestedAt: '2026-12-01T01:00:00.000Z',
  generatedAt: '2026-12-01T01:00:02.000Z',
  error: null,
  columns: COLUMNS[report].map((name) => ({
    name,
    type: STRINGS.has(name) ? 'string' : name === 'member_share' ? 'number' : 'integer',
  })),
  rows,
});

function fakeAnalytics(
  salesOf: (day: string) => ReturnType<typeof figures>[],
  tiers: Response | (() => Response) = () => jsonAnswer(membersByTier),
  archive: ArchiveRows = {},
) {
  const requested: { report: string; from: string; to: string; groupBy: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { path, method, body } = await requestOf(input, init);
      if (method === 'POST' && path === '/v1/admin/reports') {
        const request = JSON.parse(body!) as (typeof requested)[number];
        requested.push(request);
        return jsonAnswer({ reportId: request.report, status: 'succeeded', reused: false }, 202);
      }
      if (path.startsWith('/v1/admin/reports/')) {
        const report = path.split('/').at(-1) as keyof typeof COLUMNS;
        return jsonAnswer(succeededRun(report, archive[report]));
      }
      if (path === '/v1/admin/analytics/points-liability') return jsonAnswer(liability);
      if (path === '/v1/admin/analytics/members-by-tier')
        return typeof tiers === 'function' ? tiers() : tiers;
      const day = new URL(input instanceof Request ? input.url : String(input)).searchParams.get('day')!;
      // The second store has a name; the first is named by its id, as a store no longer listed is.
      const stores = salesOf(day).map((store, i) => ({
        day,
        storeId: `store-${i + 1}`,
        ...(i === 1 && { storeName: '星巴克 B1' }),
        ...store,
      }));
      const sum = (key: 'purchases' | 'revenue' | 'pointsIssued') =>
        stores.reduce((total, s) => total + s[key], 0);
      return jsonAnswer({
        day,
        stores,
        campaignBonusesWithoutStore: 0,
        totals: figures(sum('purchases'), sum('revenue'), sum('pointsIssued')),
      });
    }),
  );
  return requested;
}

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };
const card = (name: string) =>
  screen.getByRole('heading', { name, level: 2 }).closest('.ant-card') as HTMLElement;

describe('the dashboard', () => {
  it("shows today's figures in yuan and counts, and the busiest stores first", async () => {
    const today = businessDayOf(new Date());
    const requested = fakeAnalytics(
      (day) => (day === today ? [figures(2, 5_000, 50), figures(1, 12_800, 128)] : []),
      undefined,
      {
        // The archive's figures of today: the store totals count, a category's breakdown does not.
        sales: [
          [today, 'store-1', null, 2, 5_000, 2_500, 1],
          [today, 'store-1', 'coffee', 1, 4_000, 4_000, 1],
          [today, 'store-2', null, 1, 12_800, 12_800, 1],
        ],
        points: [[today, 178, 30, 0, 0, 0, 0, 123_456]],
        members: [
          [today, 'miniprogram', 4, 10, 12, 0],
          [today, 'oa_web', 1, 2, 2, 0],
        ],
      },
    );
    renderWithProviders(<DashboardPage />, { session: signedIn });

    const todayCard = await screen.findByRole('heading', { name: '今日', level: 2 });
    await within(todayCard.closest('.ant-card')!).findByText('¥178.00');
    const rows = within(within(card('今日')).getByRole('table', { name: '按门店' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      '门店消费笔数销售额发放积分',
      '星巴克 B1store-21¥128.00128',
      'store-12¥50.0050',
    ]);
    expect(within(card('积分负债')).getByText('123,456')).toBeTruthy();
    expect(within(card('积分负债')).getByText('¥1,234.56')).toBeTruthy();
    const chart = await screen.findByRole('img', { name: /^销售额，.+ 至 .+，每日$/ });
    expect(chart.getAttribute('data-values')!.split(',')).toHaveLength(30);
    expect(chart.getAttribute('data-values')!.endsWith(',17800')).toBe(true);
    // The period's totals come from the archive's reports, one day a period.
    const trend = within(card('趋势'));
    expect(trend.getByText('¥178.00')).toBeTruthy();
    expect(trend.getByText('30')).toBeTruthy();
    expect(trend.getByText('5')).toBeTruthy();
    expect(requested.map((request) => request.report).sort()).toEqual(['members', 'points', 'sales']);
    expect(requested.every((request) => request.groupBy === 'day' && request.to === today)).toBe(true);
  });

  it('says so when the period holds no sales, instead of drawing nothing', async () => {
    fakeAnalytics(() => []);
    renderWithProviders(<DashboardPage />, { session: signedIn });

    expect(await screen.findByText('所选时间内没有消费或积分记录')).toBeTruthy();
    expect(screen.getByText('今天还没有消费记录')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /销售额/ })).toBeNull();
  });

  it('counts members per tier, lowest first, with their share of all members', async () => {
    fakeAnalytics(() => []);
    renderWithProviders(<DashboardPage />, { session: signedIn });

    const tiers = await within(
      await screen
        .findByRole('heading', { name: '各等级会员数', level: 2 })
        .then((heading) => heading.closest('.ant-card') as HTMLElement),
    ).findByRole('list', { name: '各等级会员数' });
    expect(
      within(tiers)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['铜卡150', '银卡40', '金卡10', 'vip · 已不在等级体系中0']);
    expect(within(tiers).getByRole('progressbar', { name: '银卡 占 20.0%' })).toBeTruthy();
    expect(within(card('各等级会员数')).getByText('共 200 名会员')).toBeTruthy();
  });

  it('leaves the tiers out for staff whose analytics reach only their stores', async () => {
    fakeAnalytics(
      () => [],
      () => problemAnswer(403, 'FORBIDDEN'),
    );
    renderWithProviders(<DashboardPage />, { session: signedIn });

    expect(await screen.findByText('所选时间内没有消费或积分记录')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '各等级会员数' })).toBeNull();
  });
});
