import { ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Typography } from 'antd';
import { businessDayOf } from '@sbm/web-shared/format';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '@/app/hooks';
import { useDocumentTitle } from '@/lib/use-document-title';
import { refreshAnalytics } from '../api/analytics';
import { LiabilityCard } from './liability-card';
import { MembersByTierCard } from './members-by-tier-card';
import { SalesTrend } from './sales-trend';
import { TodayFigures } from './today-figures';

/** Today, the points liability, and a period's trend: what the analytics routes tell. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const today = useMemo(() => businessDayOf(new Date()), []);
  useDocumentTitle(t('dashboard.title'));

  return (
    <Flex vertical gap={24} className="page">
      <Flex justify="space-between" align="flex-end" wrap gap={16}>
        <div>
          <Typography.Title level={1} className="page-title">
            {t('dashboard.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dashboard.subtitle', { day: today })}</Typography.Text>
        </div>
        <Button icon={<ReloadOutlined />} onClick={() => dispatch(refreshAnalytics())}>
          {t('dashboard.refresh')}
        </Button>
      </Flex>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={15}>
          <TodayFigures today={today} />
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={24}>
            <LiabilityCard />
            <MembersByTierCard />
          </Flex>
        </Col>
      </Row>
      <SalesTrend today={today} />
    </Flex>
  );
}
