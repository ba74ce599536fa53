import { formatCount, formatMoney } from '@sbm/web-shared/format';
import type { TFunction } from 'i18next';
import type { ReportCell, ReportRun } from './api/reports';

/** One row of a report as an object by column name (rows come as arrays in the order of the columns). */
export type ReportRow = Record<string, ReportCell>;

export const rowObjects = (run: Pick<ReportRun, 'columns' | 'rows'>): ReportRow[] =>
  run.rows.map((cells) =>
    Object.fromEntries(run.columns.map((column, i) => [column.name, cells[i] ?? null])),
  );

/** How a column reads: money (fen, named *_fen), a share (0..1), a count, or text. */
export type CellKind = 'money' | 'share' | 'count' | 'text';

const SHARES = new Set(['member_share', 'retention']);

export function kindOf(column: ReportRun['columns'][number]): CellKind {
  if (column.name.endsWith('_fen')) return 'money';
  if (SHARES.has(column.name)) return 'share';
  if (column.type === 'integer' || column.type === 'number') return 'count';
  return 'text';
}

/** A share as a percentage with one decimal: 0.4567 → 45.7%. */
export const formatShare = (share: number, language: string) =>
  Number.isFinite(share)
    ? `${new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100)}%`
    : '—';

export interface CellContext {
  t: TFunction;
  language: string;
  /** A store's name, when the store list is known. */
  storeName?: (storeId: string) => string | undefined;
}

/**
 * A cell as people read it: fen as ¥, shares as %, counts grouped; a sales row of no category is every
 * category of its store, a tiers row names its section; nothing reads as "—".
 */
export function cellText(
  column: ReportRun['columns'][number],
  value: ReportCell,
  { t, language, storeName }: CellContext,
): string {
  if (value === null) {
    if (column.name === 'category') return t('analytics.reports.allCategories');
    // A reconciliation row of no day is the period's total.
    if (column.name === 'day') return t('analytics.reports.periodTotal');
    return '—';
  }
  const kind = kindOf(column);
  if (typeof value === 'number') {
    if (kind === 'money') return formatMoney(value, language);
    if (kind === 'share') return formatShare(value, language);
    return Number.isInteger(value)
      ? formatCount(value, language)
      : new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  }
  if (column.name === 'section') return t(`analytics.reports.section.${value}`, { defaultValue: value });
  if (column.name === 'movement') return t(`analytics.reports.column.${value}`, { defaultValue: value });
  if (column.name === 'store_id') return storeName?.(value) ?? value;
  return value;
}

/** A number from a cell, 0 for nothing. */
export const numberOf = (value: ReportCell | undefined) => (typeof value === 'number' ? value : 0);
