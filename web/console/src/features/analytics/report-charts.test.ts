// What each report's chart draws from its rows: which figures, stacked how, with nothing counted twice.
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { BAR_MAX_WIDTH, reportChart, TOP_STORES } from './report-charts';
import { cellText, formatShare, rowObjects } from './report-cells';
import { REPORT_TABLES, succeededRun } from './testing/report-fixtures';

const context = () => ({ t: i18n.getFixedT('zh-CN'), language: 'zh-CN' });
const rowsOf = (report: keyof typeof REPORT_TABLES) => rowObjects(REPORT_TABLES[report]);

describe('the charts of the reports', () => {
  it('draws points issued, redeemed and expired as bars and the liability as a line on its own axis', () => {
    const { series, base } = reportChart('points', rowsOf('points'), context());
    expect(series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['发放', 'bar', [1_250_400, 1_000]],
      ['兑换', 'bar', [300_000, 0]],
      ['过期', 'bar', [1_000, 0]],
      ['期末积分负债', 'line', [8_412_000, 8_412_950]],
    ]);
    expect(series[3]).toMatchObject({ yAxisIndex: 1 });
    expect((base.xAxis as { data: string[] }).data).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('draws no bar wider than the dashboard does, however few the periods', () => {
    const reports = ['points', 'sales', 'tiers', 'stores'] as const;
    for (const report of reports) {
      const bars = reportChart(report, rowsOf(report), context()).series.filter((s) => s.type === 'bar');
      expect(bars.length, report).toBeGreaterThan(0);
      expect(bars.map((s) => s.barMaxWidth)).toEqual(bars.map(() => BAR_MAX_WIDTH));
    }
  });

  it("stacks each store's revenue without its categories, the busiest stores named and the rest added up", () => {
    const stores = Array.from({ length: TOP_STORES + 2 }, (_, i) => [
      '2026-11-02',
      `s${i}`,
      null,
      1,
      (i + 1) * 100,
      (i + 1) * 100,
      1,
    ]);
    const rows = rowObjects({
      columns: REPORT_TABLES.sales.columns,
      rows: [...REPORT_TABLES.sales.rows, ...stores],
    });
    const { series } = reportChart('sales', rows, {
      ...context(),
      storeName: (id) => (id === 'b1-017' ? '星巴克' : undefined),
    });
    expect(series.map((s) => s.name)).toEqual(['l2-003', '星巴克', 's6', 's5', 's4', '其他 4 家门店']);
    expect(series.every((s) => s.stack === 'revenue')).toBe(true);
    // 2026-11-01: 星巴克's total is 51 200, its coffee row (38 400) is not added again.
    expect(series[1]!.data).toEqual([51_200, 0]);
    expect(series.at(-1)!.data).toEqual([0, 100 + 200 + 300 + 400]);
  });

  it('draws new and 30-day active members as lines per channel', () => {
    const { series } = reportChart('members', rowsOf('members'), context());
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['miniprogram · 新会员', [12, 9]],
      ['miniprogram · 30 天活跃', [300, 305]],
      ['oa_web · 新会员', [3, 0]],
      ['oa_web · 30 天活跃', [40, 0]],
    ]);
  });

  it('stacks the tier distribution only; migrations are for the matrix', () => {
    const { series } = reportChart('tiers', rowsOf('tiers'), context());
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['bronze', 'members', [150]],
      ['silver', 'members', [40]],
    ]);
  });

  it('draws a retention curve per cohort, leaving out months a cohort has not reached', () => {
    const { series } = reportChart('cohorts', rowsOf('cohorts'), context());
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['2026-09', [1, 0.42]],
      ['2026-10', [1, null]],
    ]);
  });

  it('ranks stores by revenue, the first at the top', () => {
    const { series, base } = reportChart('stores', rowsOf('stores'), context());
    expect((base.yAxis as { data: string[] }).data).toEqual(['b1-017', 'l2-003']);
    expect(series[0]!.data).toEqual([512_000, 999_000]);
  });

  it("draws each measured campaign's lift with its interval, and leaves out campaigns without a holdout", () => {
    const { series, base } = reportChart('campaigns', rowsOf('campaigns'), context());
    expect((base.xAxis as { data: string[] }).data).toEqual(['double-points']);
    // ECharts' candlestick reads [open, close, lowest, highest].
    expect(series[0]).toMatchObject({ type: 'candlestick', data: [[1_200, 1_200, -300, 2_700]] });
    expect(series[1]).toMatchObject({ type: 'scatter', data: [1_200] });
  });
});

describe('the cells of a report', () => {
  const t = i18n.getFixedT('zh-CN');
  const column = (name: string, type: 'string' | 'integer' | 'number') => ({ name, type });

  it('reads fen as yuan, shares as percentages, counts grouped and nothing as a dash', () => {
    const ctx = { t, language: 'zh-CN' };
    expect(cellText(column('revenue_fen', 'integer'), 123_456_789, ctx)).toBe('¥1,234,567.89');
    expect(cellText(column('lift_ci_low_fen', 'integer'), -300, ctx)).toBe('-¥3.00');
    expect(cellText(column('retention', 'number'), 0.4249, ctx)).toBe('42.5%');
    expect(cellText(column('issued', 'integer'), 1_250_400, ctx)).toBe('1,250,400');
    expect(cellText(column('lift_fen', 'integer'), null, ctx)).toBe('—');
    expect(cellText(column('category', 'string'), null, ctx)).toBe('全部品类');
    expect(cellText(column('section', 'string'), 'migration', ctx)).toBe('等级变动');
    expect(cellText(column('store_id', 'string'), 'b1-017', { ...ctx, storeName: () => '星巴克' })).toBe(
      '星巴克',
    );
    expect(formatShare(1, 'en-US')).toBe('100.0%');
  });

  it('makes objects of rows by their columns', () => {
    expect(rowObjects(succeededRun('stores'))[0]).toEqual({
      store_id: 'l2-003',
      purchases: 10,
      revenue_fen: 999_000,
      members: 9,
      points_issued: 9_990,
      revenue_rank: 1,
    });
  });
});
