/**
 * What each report's chart draws, as ECharts options built from its rows: plain data, so it is tested
 * without a canvas; the chart component (loaded on its own with ECharts) only draws it.
 */
import { formatCount, formatMoney } from '@sbm/web-shared/format';
import type { TFunction } from 'i18next';
import type { ReportName } from './api/reports';
import { formatShare, numberOf, type ReportRow } from './report-cells';

export interface ChartContext {
  t: TFunction;
  language: string;
  storeName?: (storeId: string) => string | undefined;
}

/** The stores a sales chart names one by one; the rest are added up as "other stores". */
export const TOP_STORES = 5;
/** The stores a leaderboard shows. */
export const LEADERBOARD = 15;
/** The cohorts whose retention curves are drawn: the latest. */
export const COHORT_CURVES = 12;

type Series = Record<string, unknown> & { name: string; type: string; data: unknown[] };
export interface ReportChartOption {
  /** Everything but the series, as ECharts reads it. */
  base: Record<string, unknown>;
  series: Series[];
}

const periodsOf = (rows: ReportRow[], column = 'period') =>
  [...new Set(rows.map((row) => String(row[column] ?? '')))].filter(Boolean).sort();

const sumBy = (rows: ReportRow[], keyOf: (row: ReportRow) => string, value: (row: ReportRow) => number) => {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? 0) + value(row));
  return sums;
};

const axes = (periods: string[], format: (value: number) => string) => ({
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  legend: { type: 'scroll', top: 0 },
  tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => format(Number(value)) },
  xAxis: { type: 'category', data: periods, axisLabel: { hideOverlap: true } },
  yAxis: { type: 'value', axisLabel: { formatter: (value: number) => format(value) } },
});

function pointsChart(rows: ReportRow[], { t, language }: ChartContext): ReportChartOption {
  const periods = periodsOf(rows);
  const byPeriod = new Map(rows.map((row) => [String(row.period), row]));
  const column = (name: string) => periods.map((period) => numberOf(byPeriod.get(period)?.[name]));
  const count = (value: number) => formatCount(value, language);
  const base = axes(periods, count);
  return {
    base: {
      ...base,
      yAxis: [base.yAxis, { type: 'value', axisLabel: { formatter: count }, splitLine: { show: false } }],
    },
    series: [
      ...(['issued', 'redeemed', 'expired'] as const).map((name) => ({
        name: t(`analytics.reports.column.${name}`),
        type: 'bar',
        data: column(name),
      })),
      {
        name: t('analytics.reports.column.liability_end'),
        type: 'line',
        yAxisIndex: 1,
        data: column('liability_end'),
      },
    ],
  };
}

function salesChart(rows: ReportRow[], { t, language, storeName }: ChartContext): ReportChartOption {
  // A row of no category is the whole store; rows of a category break it down and would count it twice.
  const stores = rows.filter((row) => row.category === null);
  const periods = periodsOf(stores);
  const totals = sumBy(
    stores,
    (row) => String(row.store_id),
    (row) => numberOf(row.revenue_fen),
  );
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([storeId]) => storeId);
  const top = ranked.slice(0, TOP_STORES);
  const revenueOf = (keep: (storeId: string) => boolean) => {
    const sums = sumBy(
      stores.filter((row) => keep(String(row.store_id))),
      (row) => String(row.period),
      (row) => numberOf(row.revenue_fen),
    );
    return periods.map((period) => sums.get(period) ?? 0);
  };
  const stack = (name: string, data: number[]) => ({ name, type: 'bar', stack: 'revenue', data });
  return {
    base: axes(periods, (value) => formatMoney(value, language)),
    series: [
      ...top.map((storeId) =>
        stack(
          storeName?.(storeId) ?? storeId,
          revenueOf((candidate) => candidate === storeId),
        ),
      ),
      ...(ranked.length > top.length
        ? [
            stack(
              t('analytics.reports.otherStores', { count: ranked.length - top.length }),
              revenueOf((storeId) => !top.includes(storeId)),
            ),
          ]
        : []),
    ],
  };
}

function membersChart(rows: ReportRow[], { t, language }: ChartContext): ReportChartOption {
  const periods = periodsOf(rows);
  const channels = [...new Set(rows.map((row) => String(row.channel ?? '')))].sort();
  const line = (channel: string, figure: 'new_members' | 'active_30d') => {
    const sums = sumBy(
      rows.filter((row) => String(row.channel ?? '') === channel),
      (row) => String(row.period),
      (row) => numberOf(row[figure]),
    );
    return {
      name: `${channel || t('analytics.reports.noChannel')} · ${t(`analytics.reports.column.${figure}`)}`,
      type: 'line',
      ...(figure === 'active_30d' && { lineStyle: { type: 'dashed' } }),
      data: periods.map((period) => sums.get(period) ?? 0),
    };
  };
  return {
    base: axes(periods, (value) => formatCount(value, language)),
    series: channels.flatMap((channel) => [line(channel, 'new_members'), line(channel, 'active_30d')]),
  };
}

function tiersChart(rows: ReportRow[], { language }: ChartContext): ReportChartOption {
  const distribution = rows.filter((row) => row.section === 'distribution');
  const periods = periodsOf(distribution);
  const tierOf = (row: ReportRow) => String(row.to_tier ?? row.from_tier ?? '');
  const tiers = [...new Set(distribution.map(tierOf))];
  return {
    base: axes(periods, (value) => formatCount(value, language)),
    series: tiers.map((tier) => {
      const members = sumBy(
        distribution.filter((row) => tierOf(row) === tier),
        (row) => String(row.period),
        (row) => numberOf(row.members),
      );
      return {
        name: tier,
        type: 'bar',
        stack: 'members',
        data: periods.map((period) => members.get(period) ?? 0),
      };
    }),
  };
}

function cohortsChart(rows: ReportRow[], { t, language }: ChartContext): ReportChartOption {
  const cohorts = periodsOf(rows, 'cohort_month').slice(-COHORT_CURVES);
  const months = [...new Set(rows.map((row) => numberOf(row.months_since)))].sort((a, b) => a - b);
  const share = (value: number) => formatShare(value, language);
  return {
    base: {
      ...axes(
        months.map((month) => t('analytics.reports.monthsSince', { count: month })),
        share,
      ),
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: share } },
    },
    series: cohorts.map((cohort) => {
      const retention = new Map(
        rows
          .filter((row) => row.cohort_month === cohort)
          .map((row) => [numberOf(row.months_since), numberOf(row.retention)]),
      );
      return { name: cohort, type: 'line', data: months.map((month) => retention.get(month) ?? null) };
    }),
  };
}

function storesChart(rows: ReportRow[], { t, language, storeName }: ChartContext): ReportChartOption {
  const leaders = [...rows]
    .sort((a, b) => numberOf(a.revenue_rank) - numberOf(b.revenue_rank))
    .slice(0, LEADERBOARD)
    .reverse();
  const money = (value: number) => formatMoney(value, language);
  return {
    base: {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => money(Number(v)),
      },
      xAxis: { type: 'value', axisLabel: { formatter: money, hideOverlap: true } },
      yAxis: {
        type: 'category',
        data: leaders.map((row) => storeName?.(String(row.store_id)) ?? String(row.store_id)),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
    },
    series: [
      {
        name: t('analytics.reports.column.revenue_fen'),
        type: 'bar',
        data: leaders.map((row) => numberOf(row.revenue_fen)),
      },
    ],
  };
}

function campaignsChart(rows: ReportRow[], { t, language }: ChartContext): ReportChartOption {
  // Campaigns without a holdout have no lift to draw; the table still lists them.
  const measured = rows.filter((row) => typeof row.lift_fen === 'number');
  const money = (value: number) => formatMoney(value, language);
  return {
    base: {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'item' },
      xAxis: {
        type: 'category',
        data: measured.map((row) => String(row.campaign_id)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { formatter: money } },
    },
    series: [
      {
        // A candlestick of no body is an error bar: open = close = the lift, its wicks the interval.
        name: t('analytics.reports.liftInterval'),
        type: 'candlestick',
        barMaxWidth: 16,
        data: measured.map((row) => [
          numberOf(row.lift_fen),
          numberOf(row.lift_fen),
          numberOf(row.lift_ci_low_fen),
          numberOf(row.lift_ci_high_fen),
        ]),
        tooltip: {
          formatter: ({ dataIndex }: { dataIndex: number }) => {
            const row = measured[dataIndex]!;
            return `${String(row.campaign_id)}<br/>${t('analytics.reports.liftWithInterval', {
              lift: money(numberOf(row.lift_fen)),
              low: money(numberOf(row.lift_ci_low_fen)),
              high: money(numberOf(row.lift_ci_high_fen)),
            })}`;
          },
        },
      },
      {
        name: t('analytics.reports.column.lift_fen'),
        type: 'scatter',
        symbolSize: 10,
        data: measured.map((row) => numberOf(row.lift_fen)),
        tooltip: { valueFormatter: (value: unknown) => money(Number(value)) },
      },
    ],
  };
}

/** The period's total of each movement as the archive and the ledger count it, side by side. */
function reconciliationChart(rows: ReportRow[], { t, language }: ChartContext): ReportChartOption {
  const totals = rows.filter((row) => row.day === null);
  const count = (value: number) => formatCount(value, language);
  return {
    base: {
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => count(Number(v)),
      },
      xAxis: {
        type: 'category',
        data: totals.map((row) => t(`analytics.reports.column.${String(row.movement)}`)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { formatter: count } },
    },
    series: (['archive_points', 'ledger_points'] as const).map((column) => ({
      name: t(`analytics.reports.column.${column}`),
      type: 'bar' as const,
      data: totals.map((row) => numberOf(row[column])),
    })),
  };
}

const CHARTS: Record<ReportName, (rows: ReportRow[], context: ChartContext) => ReportChartOption> = {
  points: pointsChart,
  sales: salesChart,
  members: membersChart,
  tiers: tiersChart,
  cohorts: cohortsChart,
  stores: storesChart,
  campaigns: campaignsChart,
  reconciliation: reconciliationChart,
};

/** The widest a bar is drawn, as on the dashboard: a period or two would otherwise fill the chart. */
export const BAR_MAX_WIDTH = 28;

/** The chart of a report's rows. */
export function reportChart(report: ReportName, rows: ReportRow[], context: ChartContext): ReportChartOption {
  const { base, series } = CHARTS[report](rows, context);
  return {
    base,
    series: series.map((line) => (line.type === 'bar' ? { barMaxWidth: BAR_MAX_WIDTH, ...line } : line)),
  };
}
