import { Alert, Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { formatCount, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useGetDailySalesQuery } from '../api/analytics';
import { StoreBreakdown } from './store-breakdown';

/**
 * Today's purchases, revenue and points, read again every minute while shown. Today stays on the live
 * counters: the event archive the period's reports read lags by Firehose's buffer in the cloud.
 */
export function TodayFigures({ today }: { today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isLoading, refetch } = useGetDailySalesQuery(
    { day: today },
    { pollingInterval: 60_000 },
  );
  const totals = data?.totals;
  const quiet = totals && totals.purchases === 0 && totals.pointsIssued === 0 && totals.pointsReversed === 0;
  const figures = [
    { key: 'purchases', value: totals && formatCount(totals.purchases, language) },
    { key: 'revenue', value: totals && formatMoney(totals.revenue, language) },
    { key: 'pointsIssued', value: totals && formatCount(totals.pointsIssued, language) },
    { key: 'pointsReversed', value: totals && formatCount(totals.pointsReversed, language) },
  ] as const;

  return (
    <Card
      title={<h2 className="card-heading">{t('dashboard.today')}</h2>}
      extra={<Typography.Text type="secondary">{today}</Typography.Text>}
      loading={isLoading}
      className="figure-card"
    >
      {error && !data ? (
        <Alert
          type="error"
          showIcon
          title={t('dashboard.loadFailed')}
          description={problemText(error, t, language)}
          action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      ) : (
        <>
          <Row gutter={[24, 16]}>
            {figures.map((figure) => (
              <Col key={figure.key} xs={12} md={6}>
                <Statistic title={t(`dashboard.${figure.key}`)} value={figure.value ?? '—'} />
              </Col>
            ))}
          </Row>
          {quiet ? (
            <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0' }}>
              {t('dashboard.noSalesToday')}
            </Typography.Paragraph>
          ) : (
            data && data.stores.length > 0 && <StoreBreakdown stores={data.stores} />
          )}
        </>
      )}
    </Card>
  );
}
