import type { GetPointsLiabilityApiResponse } from '@sbm/web-shared/api';
import type { TFunction } from 'i18next';
import { csvFile, yuan } from './csv';

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
