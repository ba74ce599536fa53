import { Card, Empty, Flex, Skeleton, Statistic } from 'antd';
import { businessDayOf, daysBetween, formatCount, formatDay, formatMoney } from '@sbm/web-shared/format';
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
/** The control group's figures, shown for a campaign that holds members out (or did). */
const HOLDOUT_FIGURES = ['heldOut', 'heldOutRevenue'] as const;
const MONEY = new Set<string>(['participantRevenue', 'heldOutRevenue']);

/** How the campaign did: its totals, and its awards day by day (the chart loads only when there are some). */
export function ResultsPanel({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const results = campaign.results;
  const daily = useMemo(() => campaign.daily ?? [], [campaign.daily]);
  // Every day of the campaign so far (from its start, or its first award, to today or its end), days
  // without an award at zero; a campaign of more than a year shows its days from the first award.
  const days = useMemo(() => {
    if (!daily.length) return [];
    const { startsAt, endsAt } = campaign.definition;
    const today = businessDayOf(new Date());
    const start = businessDayOf(new Date(startsAt));
    const end = businessDayOf(new Date(Math.min(Date.now(), Date.parse(endsAt) - 1)));
    const first = [start, daily[0]!.day].sort()[0]!;
    const last = [end < today ? end : today, daily.at(-1)!.day].sort().at(-1)!;
    const all = daysBetween(first, last);
    return all.length > 366 ? daysBetween(daily[0]!.day, last) : all;
  }, [daily, campaign.definition]);
  const byDay = useMemo(() => new Map(daily.map((day) => [day.day, day])), [daily]);
  const labels = useMemo(() => days.map((day) => formatDay(day, language)), [days, language]);
  const awards = useMemo(() => days.map((day) => byDay.get(day)?.awards ?? 0), [days, byDay]);
  const points = useMemo(() => days.map((day) => byDay.get(day)?.pointsAwarded ?? 0), [days, byDay]);
  const format = useCallback((value: number) => formatCount(value, language), [language]);

  return (
    <Flex vertical gap={24}>
      <Card>
        <Flex wrap gap={24} justify="space-between">
          {[
            ...FIGURES,
            ...(campaign.definition.holdoutPercent !== undefined || results?.heldOut ? HOLDOUT_FIGURES : []),
          ].map((key) => (
            <Statistic
              key={key}
              style={{ minWidth: 120 }}
              title={t(`campaigns.results.${key}`)}
              value={
                MONEY.has(key)
                  ? formatMoney(results?.[key] ?? 0, language)
                  : formatCount(results?.[key] ?? 0, language)
              }
            />
          ))}
        </Flex>
      </Card>
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
