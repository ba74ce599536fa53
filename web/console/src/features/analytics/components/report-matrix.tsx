import { formatCount } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import type { ReportName } from '../api/reports';
import { formatShare, numberOf, type ReportRow } from '../report-cells';
import { HeatTable } from './heat-table';

const distinct = (values: string[]) => [...new Set(values)];

/** The matrices some reports are read by: tier-to-tier migration, cohorts' retention month by month. */
export function ReportMatrix({ report, rows }: { report: ReportName; rows: ReportRow[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  if (report === 'tiers') {
    const moves = rows.filter((row) => row.section === 'migration');
    if (moves.length === 0) return null;
    const from = distinct(moves.map((row) => String(row.from_tier ?? '—')));
    const to = distinct(moves.map((row) => String(row.to_tier ?? '—')));
    // Migrations of every period of the report, added up.
    const values = from.map((fromTier) =>
      to.map((toTier) => {
        const cells = moves.filter(
          (row) => String(row.from_tier ?? '—') === fromTier && String(row.to_tier ?? '—') === toTier,
        );
        return cells.length === 0 ? null : cells.reduce((sum, row) => sum + numberOf(row.members), 0);
      }),
    );
    return (
      <HeatTable
        caption={t('analytics.reports.migration')}
        corner={t('analytics.reports.fromTo')}
        rowLabels={from}
        columnLabels={to}
        values={values}
        format={(value) => formatCount(value, language)}
      />
    );
  }

  if (report === 'cohorts') {
    const cohorts = distinct(rows.map((row) => String(row.cohort_month))).sort();
    const months = [...new Set(rows.map((row) => numberOf(row.months_since)))].sort((a, b) => a - b);
    const retention = new Map(
      rows.map((row) => [`${String(row.cohort_month)}|${numberOf(row.months_since)}`, row.retention]),
    );
    return (
      <HeatTable
        caption={t('analytics.reports.retention')}
        corner={t('analytics.reports.column.cohort_month')}
        rowLabels={cohorts}
        columnLabels={months.map((month) => t('analytics.reports.monthsSince', { count: month }))}
        values={cohorts.map((cohort) =>
          months.map((month) => {
            const value = retention.get(`${cohort}|${month}`);
            return typeof value === 'number' ? value : null;
          }),
        )}
        format={(value) => formatShare(value, language)}
      />
    );
  }

  return null;
}
