import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { businessDayOf, daysBetween, formatCount, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { periodFromSearch, type Period } from '@/features/dashboard';
import { useDailySalesOfDays } from '../api/analytics';
import { secondaryLine } from './styles';
import { csvFileName } from '../csv';
import { dailySalesCsv, dailySalesRows, type DailySalesRow } from '../rows';
import { PeriodPicker } from './period-picker';
import { useSaveReport } from './use-save-report';

const FIGURES = [
  'purchases',
  'revenue',
  'pointsIssued',
  'purchasePoints',
  'campaignBonuses',
  'pointsReversed',
] as const;

/** Each store's business days over a period the reader picks (kept in the URL), and the same as CSV. */
export function DailySalesReport() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const today = useMemo(() => businessDayOf(new Date()), []);
  const [search, setSearch] = useSearchParams();
  const period = periodFromSearch(search, today);
  const days = useMemo(() => daysBetween(period.from, period.to), [period.from, period.to]);
  const { reports, isLoading, error, refetch } = useDailySalesOfDays(days);
  const rows = useMemo(() => dailySalesRows(reports), [reports]);
  const saveReport = useSaveReport();
  const choose = (next: Period) => setSearch({ from: next.from, to: next.to }, { replace: true });

  const format = (key: (typeof FIGURES)[number], value: number) =>
    key === 'revenue' ? formatMoney(value, language) : formatCount(value, language);
  const columns: TableColumnsType<DailySalesRow> = [
    { key: 'day', title: t('analytics.day'), dataIndex: 'day', width: 120 },
    {
      key: 'store',
      title: t('analytics.store'),
      render: (_, row) =>
        row.storeId === undefined ? (
          <Typography.Text type="secondary">{t('analytics.noStore')}</Typography.Text>
        ) : (
          <Flex vertical>
            <span>{row.storeName ?? row.storeId}</span>
            {row.storeName && (
              <Typography.Text type="secondary" style={secondaryLine}>
                {row.storeId}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    ...FIGURES.map((key) => ({
      key,
      title: t(`analytics.${key}`),
      dataIndex: key,
      align: 'right' as const,
      render: (value: number) => format(key, value),
    })),
  ];
  const totals = Object.fromEntries(
    FIGURES.map((key) => [key, rows.reduce((sum, row) => sum + row[key], 0)]),
  ) as Record<(typeof FIGURES)[number], number>;

  return (
    <Card
      title={<h2 className="card-heading">{t('analytics.dailySales')}</h2>}
      extra={
        <Flex gap={12} wrap align="center" justify="flex-end">
          <PeriodPicker period={period} today={today} onChange={choose} />
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={isLoading || !!error || rows.length === 0}
            onClick={() =>
              void saveReport(
                { name: csvFileName('daily-sales', period.from, period.to), content: dailySalesCsv(rows, t) },
                { report: 'daily-sales', from: period.from, to: period.to, rows: rows.length },
              )
            }
          >
            {t('analytics.downloadCsv')}
          </Button>
        </Flex>
      }
    >
      <p className="card-hint" style={{ marginTop: 0 }}>
        {t('analytics.dailySalesHint')}
      </p>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('analytics.loadFailed')}
          description={problemText(error, t, language)}
          action={
            <Button icon={<ReloadOutlined />} onClick={refetch}>
              {t('app.retry')}
            </Button>
          }
        />
      ) : (
        <Table<DailySalesRow>
          rowKey="key"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <>
                    <strong>{t('analytics.noSales')}</strong>
                    <br />
                    {t('analytics.noSalesHint')}
                  </>
                }
              />
            ),
          }}
          summary={() =>
            rows.length > 0 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>{t('analytics.totals')}</strong>
                </Table.Summary.Cell>
                {FIGURES.map((key, i) => (
                  <Table.Summary.Cell key={key} index={i + 2} align="right">
                    <strong>{format(key, totals[key])}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )
          }
        />
      )}
    </Card>
  );
}
