import { Card, Col, Empty, Flex, Row, Skeleton, Statistic } from 'antd';
import { daysBetween, formatCount, formatDay, formatMoney } from '@sbm/web-shared/format';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../api/campaigns';

const ResultsChart = lazy(() => import('./results-chart'));

const FIGURES = [
  'participants',
  'awards',
  'pointsAwarded',
  'pointsReversed',
  'couponsIssued',
  'couponsRedeemed',
  'participantRevenue',
] as const;

/** How the campaign did: its totals, and its awards day by day (the chart loads only when there are some). */
export function ResultsPanel({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const results = campaign.results;
  const daily = useMemo(() => campaign.daily ?? [], [campaign.daily]);
  // Every day from the first award to the last, days without one at zero.
  const days = useMemo(() => (daily.length ? daysBetween(daily[0]!.day, daily.at(-1)!.day) : []), [daily]);
  const byDay = useMemo(() => new Map(daily.map((day) => [day.day, day])), [daily]);
  const labels = useMemo(() => days.map((day) => formatDay(day, language)), [days, language]);
  const awards = useMemo(() => days.map((day) => byDay.get(day)?.awards ?? 0), [days, byDay]);
  const points = useMemo(() => days.map((day) => byDay.get(day)?.pointsAwarded ?? 0), [days, byDay]);
  const format = useCallback((value: number) => formatCount(value, language), [language]);

  return (
    <Flex vertical gap={24}>
      <Row gutter={[24, 16]}>
        {FIGURES.map((key) => (
          <Col key={key} xs={12} md={6} xl={key === 'participantRevenue' ? 6 : 3}>
            <Statistic
              title={t(`campaigns.results.${key}`)}
              value={
                key === 'participantRevenue'
                  ? formatMoney(results?.[key] ?? 0, language)
                  : formatCount(results?.[key] ?? 0, language)
              }
            />
          </Col>
        ))}
      </Row>
      <Card
        title={<h2 className="card-heading">{t('campaigns.results.chartTitle')}</h2>}
        className="figure-card"
      >
        {days.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            style={{ padding: '32px 0' }}
            description={
              <>
                <strong>{t('campaigns.results.emptyTitle')}</strong>
                <br />
                {t('campaigns.results.emptyHint')}
              </>
            }
          />
        ) : (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <ResultsChart
              labels={labels}
              awards={awards}
              points={points}
              awardsName={t('campaigns.results.awards')}
              pointsName={t('campaigns.results.pointsAwarded')}
              formatCount={format}
              label={t('campaigns.results.chartLabel', { name: campaign.definition.name })}
            />
          </Suspense>
        )}
      </Card>
    </Flex>
  );
}
