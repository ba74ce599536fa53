import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportRun } from '../api/reports';
import { cellText, kindOf, rowObjects, type ReportRow } from '../report-cells';

type KeyedRow = ReportRow & { __key: number };

/** Every row of a report, its columns under their names in the reader's language, figures formatted. */
export function ReportTable({
  run,
  storeName,
}: {
  run: Pick<ReportRun, 'report' | 'columns' | 'rows'>;
  storeName?: (storeId: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = useMemo<KeyedRow[]>(() => rowObjects(run).map((row, i) => ({ ...row, __key: i })), [run]);
  const columns: TableColumnsType<KeyedRow> = run.columns.map((column) => ({
    key: column.name,
    dataIndex: column.name,
    title: t(`analytics.reports.column.${column.name}`),
    align: kindOf(column) === 'text' ? ('left' as const) : ('right' as const),
    render: (value: ReportRow[string]) => cellText(column, value, { t, language, storeName }),
  }));
  return (
    <Table<KeyedRow>
      rowKey="__key"
      size="middle"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
    />
  );
}
