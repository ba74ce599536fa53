import { Alert, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Skeleton, Statistic } from 'antd';
import { daysBetween, formatCount, formatDay, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDailySalesOfPeriod } from '../api/analytics';
import { lastDays, MAX_PERIOD_DAYS, periodFromSearch, presetOf, PRESETS, type Period } from '../period';

const SalesChart = lazy(() => import('./sales-chart'));

const METRICS = ['revenue', 'purchases', 'pointsIssued', 'pointsReversed'] as const;
type Metric = (typeof METRICS)[number];

/** The figures of a period the staff member picks (kept in the URL), added up and drawn day by day. */
export function SalesTrend({ today }: { today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // The date picker names months and weekdays in dayjs' language.
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  const [search, setSearch] = useSearchParams();
  const period = periodFromSearch(search, today);
  const preset = presetOf(period, today);
  const [metric, setMetric] = useState<Metric>('revenue');

  const days = useMemo(() => daysBetween(period.from, period.to), [period.from, period.to]);
  const { figures, isLoading, error } = useDailySalesOfPeriod(days);

  const choose = (next: Period) => setSearch({ from: next.from, to: next.to }, { replace: true });
  const sum = (key: Metric) => figures.reduce((total, day) => total + (day.totals?.[key] ?? 0), 0);
  const totals = Object.fromEntries(METRICS.map((key) => [key, sum(key)])) as Record<Metric, number>;
  const empty = !isLoading && !error && METRICS.every((key) => totals[key] === 0);
  const format = useCallback(
    (key: Metric, value: number) =>
      key === 'revenue' ? formatMoney(value, language) : formatCount(value, language),
    [language],
  );
  const labels = useMemo(() => days.map((day) => formatDay(day, language)), [days, language]);
  const values = useMemo(() => figures.map((day) => day.totals?.[metric] ?? 0), [figures, metric]);
  const formatValue = useCallback((value: number) => format(metric, value), [format, metric]);
  const metricName = t(`dashboard.${metric}`);

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
        {METRICS.map((key) => (
          <Col key={key} xs={12} md={6}>
            <Statistic title={t(`dashboard.${key}`)} value={isLoading ? '—' : format(key, totals[key])} />
          </Col>
        ))}
      </Row>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 8 }}>
        <span className="card-hint">
          {t('dashboard.totalsOf', {
            from: formatDay(period.from, language),
            to: formatDay(period.to, language),
          })}
        </span>
        <Segmented<Metric>
          aria-label={t('dashboard.metric')}
          size="small"
          value={metric}
          options={METRICS.map((key) => ({ value: key, label: t(`dashboard.${key}`) }))}
          onChange={setMetric}
        />
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('dashboard.loadFailed')}
          description={problemText(error, t, language)}
        />
      ) : isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : empty ? (
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
