import type { GetDailySalesApiResponse, GetPointsLiabilityApiResponse } from '@sbm/web-shared/api';
import type { TFunction } from 'i18next';
import { csvFile, yuan } from './csv';

/** One line of the daily sales: a store's business day, or a day's campaign bonuses no store triggered. */
export interface DailySalesRow {
  key: string;
  day: string;
  storeId?: string;
  storeName?: string;
  purchases: number;
  revenue: number;
  pointsIssued: number;
  purchasePoints: number;
  campaignBonuses: number;
  pointsReversed: number;
}

/** The days' stores, newest day first and stores by id, with a line for bonuses of no store when there were any. */
export function dailySalesRows(reports: readonly GetDailySalesApiResponse[]): DailySalesRow[] {
  return [...reports]
    .sort((a, b) => b.day.localeCompare(a.day))
    .flatMap((report) => [
      ...report.stores.map((store) => ({
        key: `${report.day}|${store.storeId}`,
        day: report.day,
        storeId: store.storeId,
        storeName: store.storeName,
        purchases: store.purchases,
        revenue: store.revenue,
        pointsIssued: store.pointsIssued,
        purchasePoints: store.pointsIssuedBreakdown.purchases,
        campaignBonuses: store.pointsIssuedBreakdown.campaignBonuses,
        pointsReversed: store.pointsReversed,
      })),
      ...(report.campaignBonusesWithoutStore > 0
        ? [
            {
              key: `${report.day}|`,
              day: report.day,
              purchases: 0,
              revenue: 0,
              pointsIssued: report.campaignBonusesWithoutStore,
              purchasePoints: 0,
              campaignBonuses: report.campaignBonusesWithoutStore,
              pointsReversed: 0,
            },
          ]
        : []),
    ]);
}

/** The daily sales as a spreadsheet, headers in the reader's language. */
export function dailySalesCsv(rows: readonly DailySalesRow[], t: TFunction) {
  return csvFile(
    [
      t('analytics.csv.day'),
      t('analytics.csv.storeId'),
      t('analytics.csv.storeName'),
      t('analytics.csv.purchases'),
      t('analytics.csv.revenueYuan'),
      t('analytics.csv.pointsIssued'),
      t('analytics.csv.purchasePoints'),
      t('analytics.csv.campaignBonuses'),
      t('analytics.csv.pointsReversed'),
    ],
    rows.map((row) => [
      row.day,
      row.storeId ?? '',
      row.storeId === undefined ? t('analytics.noStore') : (row.storeName ?? ''),
      row.purchases,
      yuan(row.revenue),
      row.pointsIssued,
      row.purchasePoints,
      row.campaignBonuses,
      row.pointsReversed,
    ]),
  );
}

/** The points liability by store of issue as a spreadsheet, valued at the answer's point value. */
export function liabilityCsv(liability: GetPointsLiabilityApiResponse, t: TFunction) {
  return csvFile(
    [
      t('analytics.csv.storeId'),
      t('analytics.csv.storeName'),
      t('analytics.csv.issued'),
      t('analytics.csv.reversed'),
      t('analytics.csv.netIssued'),
      t('analytics.csv.netIssuedYuan'),
    ],
    liability.byStoreOfIssue.map((store) => [
      store.storeId,
      store.storeName ?? '',
      store.issued,
      store.reversed,
      store.netIssued,
      yuan(store.netIssuedValueFen),
    ]),
  );
}
