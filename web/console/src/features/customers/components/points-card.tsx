import { Alert, Card, Col, Descriptions, Flex, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import type { PointsAccountSummary } from '../api/customers';

/** Balance, pending and lifetime points, the tier and how far the next one is, and what expires soon. */
export function PointsCard({ points }: { points: PointsAccountSummary | null }) {
  const { t, i18n } = useTranslation();
  const count = (value: number) => formatCount(value, i18n.language);
  const title = <h2 className="card-heading">{t('customers.member.points')}</h2>;
  if (!points)
    return (
      <Card title={title} className="figure-card">
        <Alert type="info" showIcon title={t('customers.member.pointsNotOpen')} />
      </Card>
    );
  const next = points.nextTier;
  const progress = next
    ? Math.min(100, Math.floor((points.qualifyingPoints / next.qualifyingPoints) * 100))
    : 100;
  return (
    <Card title={title} className="figure-card">
      <Row gutter={[24, 16]}>
        <Col span={8}>
          <Statistic title={t('customers.member.balance')} value={count(points.balance)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('customers.member.pending')} value={count(points.pending)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('customers.member.lifetime')} value={count(points.lifetimeEarned)} />
        </Col>
      </Row>
      <Flex vertical gap={4} style={{ marginTop: 16 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('customers.member.tier')}</Typography.Text>
          <Tag color="blue">{points.tier.name}</Tag>
          <Typography.Text type="secondary">
            {t('customers.member.qualifying', { points: count(points.qualifyingPoints) })}
          </Typography.Text>
        </Flex>
        <Progress
          percent={progress}
          showInfo={false}
          aria-label={t('customers.member.tier')}
          strokeColor="#1456c9"
        />
        <Typography.Text>
          {next && points.pointsToNextTier !== null
            ? t('customers.member.toNextTier', { tier: next.name, points: count(points.pointsToNextTier) })
            : t('customers.member.topTier')}
        </Typography.Text>
      </Flex>
      <Descriptions
        title={<h3 style={{ fontSize: 14, fontWeight: 600, margin: 0 }}>{t('customers.member.expiring')}</h3>}
        size="small"
        column={3}
        style={{ marginTop: 16 }}
        items={[
          { key: '30', label: t('customers.member.within30'), children: count(points.expiring.within30Days) },
          { key: '60', label: t('customers.member.within60'), children: count(points.expiring.within60Days) },
          { key: '90', label: t('customers.member.within90'), children: count(points.expiring.within90Days) },
        ]}
      />
    </Card>
  );
}
