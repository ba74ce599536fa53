import { Alert, Button, Card, Col, Descriptions, Row, Statistic } from 'antd';
import { formatCount, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useGetPointsLiabilityQuery } from '../api/analytics';

/** Points members hold and what they are worth, with what moved them. */
export function LiabilityCard() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isLoading, refetch } = useGetPointsLiabilityQuery({});

  return (
    <Card
      title={<h2 className="card-heading">{t('dashboard.liability')}</h2>}
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
        data && (
          <>
            <Row gutter={[24, 16]}>
              <Col span={12}>
                <Statistic
                  title={t('dashboard.outstandingPoints')}
                  value={formatCount(data.outstandingPoints, language)}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('dashboard.outstandingValue')}
                  value={formatMoney(data.outstandingValueFen, language)}
                />
              </Col>
            </Row>
            <Descriptions
              size="small"
              column={2}
              style={{ marginTop: 16 }}
              items={[
                {
                  key: 'issued',
                  label: t('dashboard.pointsIssued'),
                  children: formatCount(data.movements.issued, language),
                },
                {
                  key: 'reversed',
                  label: t('dashboard.pointsReversed'),
                  children: formatCount(data.movements.reversed, language),
                },
                {
                  key: 'redeemed',
                  label: t('dashboard.redeemed'),
                  children: formatCount(data.movements.redeemed, language),
                },
                {
                  key: 'expired',
                  label: t('dashboard.expired'),
                  children: formatCount(data.movements.expired, language),
                },
              ]}
            />
            <div className="card-hint" style={{ marginTop: 12 }}>
              {t('dashboard.liabilityHint', { value: formatMoney(data.pointValueFen, language) })}
            </div>
          </>
        )
      )}
    </Card>
  );
}
