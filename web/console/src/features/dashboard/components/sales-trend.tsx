import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Skeleton,
  Spin,
  Statistic,
} from 'antd';
import { daysBetween, formatCount, formatDateTime, formatDay, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useReportRun, type ReportRunState } from '@/features/analytics';
import { lastDays, MAX_PERIOD_DAYS, periodFromSearch, presetOf, PRESETS, type Period } from '../period';
import { dailyValues, METRIC_REPORT, METRICS, type Metric, type TrendReport } from '../trend';

const SalesChart = lazy(() => import('./sales-chart'));

/**
 * The figures of a period the staff member picks (kept in the URL), added up and drawn day by day, from
 * the event archive's sales, points and members reports.
 */
export function SalesTrend({ today }: { today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // The date picker names months and weekdays in dayjs' language.
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  const [search, setSearch] = useSearchParams();
  const period = periodFromSearch(search, today);
  const preset = presetOf(period, today);
  const [metric, setMetric] = useState<Metric>('revenue');
  const [attempt, setAttempt] = useState(0);

  const days = useMemo(() => daysBetween(period.from, period.to), [period.from, period.to]);
  const request = useCallback(
    (report: TrendReport) => ({ report, from: period.from, to: period.to, groupBy: 'day' as const }),
    [period.from, period.to],
  );
  const salesRequest = useMemo(() => request('sales'), [request]);
  const pointsRequest = useMemo(() => request('points'), [request]);
  const membersRequest = useMemo(() => request('members'), [request]);
  const runs: Record<TrendReport, ReportRunState> = {
    sales: useReportRun(salesRequest, attempt),
    points: useReportRun(pointsRequest, attempt),
    members: useReportRun(membersRequest, attempt),
  };
  const runOf = (key: Metric) => runs[METRIC_REPORT[key]];
  const succeeded = (state: ReportRunState) => (state.status === 'succeeded' ? state.run : undefined);
  const totalOf = (key: Metric) => {
    const run = succeeded(runOf(key));
    return run ? dailyValues(key, days, run).reduce((sum, value) => sum + value, 0) : undefined;
  };

  const chosen = runOf(metric);
  const chosenRun = succeeded(chosen);
  const values = useMemo(() => dailyValues(metric, days, chosenRun), [metric, days, chosenRun]);
  const format = useCallback(
    (key: Metric, value: number) =>
      key === 'revenue' ? formatMoney(value, language) : formatCount(value, language),
    [language],
  );
  const labels = useMemo(() => days.map((day) => formatDay(day, language)), [days, language]);
  const formatValue = useCallback((value: number) => format(metric, value), [format, metric]);
  const metricName = t(`dashboard.${metric}`);
  const computedAt = chosenRun?.generatedAt;

  const choose = (next: Period) => setSearch({ from: next.from, to: next.to }, { replace: true });

  return (
    <Card
      title={<h2 className="card-heading">{t('dashboard.range')}</h2>}
      className="figure-card"
      extra={
        <Flex gap={12} wrap align="center" justify="flex-end">
          <Segmented<number | 'custom'>
            aria-label={t('dashboard.rangeLabel')}
            value={preset ?? 'custom'}
            options={[
              ...PRESETS.map((days) => ({ value: days, label: t(`dashboard.last${days}`) })),
              { value: 'custom' as const, label: t('dashboard.custom'), disabled: true },
            ]}
            onChange={(value) => typeof value === 'number' && choose(lastDays(today, value))}
          />
          <DatePicker.RangePicker
            aria-label={t('dashboard.rangeLabel')}
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            placeholder={[t('dashboard.rangeStart'), t('dashboard.rangeEnd')]}
            disabledDate={(current: Dayjs, { from }) =>
              current.format('YYYY-MM-DD') > today ||
              (from !== undefined && Math.abs(current.diff(from, 'day')) >= MAX_PERIOD_DAYS)
            }
            onChange={(range) => {
              const [start, end] = range ?? [];
              if (start && end) choose({ from: start.format('YYYY-MM-DD'), to: end.format('YYYY-MM-DD') });
            }}
          />
        </Flex>
      }
    >
      <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
        {METRICS.map((key) => {
          const total = totalOf(key);
          return (
            <Col key={key} xs={12} md={8} xl={{ flex: '20%' }}>
              <Statistic
                title={t(`dashboard.${key}`)}
                value={total === undefined ? '—' : format(key, total)}
              />
            </Col>
          );
        })}
      </Row>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 8 }}>
        <span className="card-hint">
          {t('dashboard.totalsOf', {
            from: formatDay(period.from, language),
            to: formatDay(period.to, language),
          })}
          {computedAt && ` · ${t('dashboard.computedAt', { at: formatDateTime(computedAt, language) })}`}
        </span>
        <Segmented<Metric>
          aria-label={t('dashboard.metric')}
          size="small"
          value={metric}
          options={METRICS.map((key) => ({ value: key, label: t(`dashboard.${key}`) }))}
          onChange={setMetric}
        />
      </Flex>
      {chosen.status === 'error' || chosen.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          title={t('dashboard.loadFailed')}
          description={
            chosen.status === 'error'
              ? problemText(chosen.error, t, language)
              : t([
                  `problems.code.${chosen.run.error?.code ?? 'REPORT_FAILED'}`,
                  'problems.code.REPORT_FAILED',
                ])
          }
          action={<Button onClick={() => setAttempt((count) => count + 1)}>{t('app.retry')}</Button>}
        />
      ) : !chosenRun ? (
        <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }} role="status">
          <Spin />
          <span className="card-hint">{t('dashboard.computing')}</span>
        </Flex>
      ) : values.every((value) => value === 0) ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <strong>{t('dashboard.emptyRange')}</strong>
              <br />
              {t('dashboard.emptyRangeHint')}
            </>
          }
          style={{ padding: '48px 0' }}
        />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <SalesChart
            labels={labels}
            values={values}
            formatValue={formatValue}
            seriesName={metricName}
            label={t('dashboard.chartLabel', {
              metric: metricName,
              from: formatDay(period.from, language),
              to: formatDay(period.to, language),
            })}
          />
        </Suspense>
      )}
    </Card>
  );
}
