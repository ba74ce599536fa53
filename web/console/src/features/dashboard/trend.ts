import { numberOf, rowObjects, type ReportRow } from '@/features/analytics';
import type { GetReportApiResponse } from '@sbm/web-shared/api';

/** The figures the dashboard's period shows, each from one of the archive's reports. */
export const METRICS = ['revenue', 'purchases', 'pointsIssued', 'pointsRedeemed', 'newMembers'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_REPORT = {
  revenue: 'sales',
  purchases: 'sales',
  pointsIssued: 'points',
  pointsRedeemed: 'points',
  newMembers: 'members',
} as const satisfies Record<Metric, 'sales' | 'points' | 'members'>;
export type TrendReport = (typeof METRIC_REPORT)[Metric];

const COLUMN: Record<Metric, string> = {
  revenue: 'revenue_fen',
  purchases: 'purchases',
  pointsIssued: 'issued',
  pointsRedeemed: 'redeemed',
  newMembers: 'new_members',
};

/**
 * One metric per day of the period (0 for a day of no row): the sales report's rows of no category (the
 * store totals; rows of a category break them down and would count twice) and every row of the others.
 */
export function dailyValues(
  metric: Metric,
  days: readonly string[],
  run: Pick<GetReportApiResponse, 'columns' | 'rows'> | undefined,
): number[] {
  const rows: ReportRow[] = run ? rowObjects(run) : [];
  const counted = METRIC_REPORT[metric] === 'sales' ? rows.filter((row) => row.category === null) : rows;
  const byDay = new Map<string, number>();
  for (const row of counted) {
    const day = String(row.period);
    byDay.set(day, (byDay.get(day) ?? 0) + numberOf(row[COLUMN[metric]]));
  }
  return days.map((day) => byDay.get(day) ?? 0);
}
