import { periodFromSearch, type Period } from '@/features/dashboard';
import { GROUP_BY, MAX_REPORT_DAYS, type GroupBy } from './api/reports';

/** What a report screen runs, as its URL says (?from=&to=&groupBy=&stores=a,b): a URL can be shared. */
export interface ReportParams extends Period {
  groupBy: GroupBy;
  /** undefined: every store the reader's analytics reach. */
  storeIds?: string[];
}

const STORE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The URL's parameters where they are sensible; the last 30 days by day, every store, otherwise. */
export function reportParamsFromSearch(search: URLSearchParams, today: string): ReportParams {
  const groupBy = GROUP_BY.find((candidate) => candidate === search.get('groupBy')) ?? 'day';
  const storeIds = [
    ...new Set(
      (search.get('stores') ?? '')
        .split(',')
        .map((storeId) => storeId.trim())
        .filter((storeId) => STORE_ID.test(storeId)),
    ),
  ];
  return {
    ...periodFromSearch(search, today, MAX_REPORT_DAYS),
    groupBy,
    ...(storeIds.length > 0 && { storeIds }),
  };
}

/** The URL of parameters, in a stable order. */
export const searchOfReportParams = (params: ReportParams) =>
  new URLSearchParams({
    from: params.from,
    to: params.to,
    groupBy: params.groupBy,
    ...(params.storeIds && params.storeIds.length > 0 && { stores: params.storeIds.join(',') }),
  });

/** Staff whose analytics reach every store (roles not limited to assigned stores), as the API decides. */
const ALL_STORE_ROLES = new Set(['admin', 'marketer', 'analyst']);
export const seesAllStores = (roles: readonly string[]) => roles.some((role) => ALL_STORE_ROLES.has(role));
