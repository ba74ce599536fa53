import { ArrowLeftOutlined, PlusCircleOutlined, ShoppingOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, message, Result, Row, Skeleton, Tabs, Typography } from 'antd';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useGetCustomerForStaffQuery } from '../api/customers';
import { AdjustPointsDialog } from './adjust-points-dialog';
import { AssignSaleDialog } from './assign-sale-dialog';
import { CampaignsTable } from './campaigns-table';
import { LedgerTable } from './ledger-table';
import { MemberBookingsTable } from './member-bookings-table';
import { PointsCard } from './points-card';
import { PrivacyTable } from './privacy-table';
import { ProfileCard } from './profile-card';
import { VouchersTable } from './vouchers-table';

/**
 * Member 360: the profile as the API masks it for the reader's role, the points account, and what the
 * member did (points, redemptions, campaigns, bookings, privacy requests), with the desk's actions on
 * them, each shown only to staff whose permissions allow it.
 */
export default function MemberPage() {
  const { t, i18n } = useTranslation();
  const { customerId = '' } = useParams();
  const { permissions } = useShellProfile();
  const { data, error, isLoading, refetch } = useGetCustomerForStaffQuery({ customerId });
  const [dialog, setDialog] = useState<'adjust' | 'assign' | undefined>();
  const [notice, noticeHolder] = message.useMessage();
  const name = data?.customer.name ?? t('customers.noName');
  useDocumentTitle(data ? name : t('customers.title'));

  const back = (
    <Link to="/customers">
      <ArrowLeftOutlined /> {t('customers.member.back')}
    </Link>
  );
  if (isLoading) return <Skeleton active className="page" />;
  if (!data) {
    const missing = asApiError(error).status === 404;
    return (
      <Flex vertical gap={16} className="page">
        {back}
        <Result
          status={missing ? '404' : 'error'}
          title={
            <h1 className="result-heading">
              {missing ? t('customers.member.notFound') : t('customers.member.loadFailed')}
            </h1>
          }
          subTitle={missing ? t('customers.member.notFoundBody') : problemText(error, t, i18n.language)}
          extra={!missing && <Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      </Flex>
    );
  }

  // One notice at a time: a replayed request (a double click) answers the same, and says it once.
  const done = (text: string, kind: 'success' | 'info' = 'success') =>
    void notice.open({ key: 'member-action', type: kind, content: text });
  const tabs = [
    permissions.has('loyalty:read') && {
      key: 'ledger',
      label: t('customers.tabs.ledger'),
      children: <LedgerTable customerId={customerId} />,
    },
    {
      key: 'vouchers',
      label: t('customers.tabs.vouchers'),
      children: (
        <VouchersTable
          customerId={customerId}
          canCancel={permissions.has('redemptions:cancel')}
          onCancelled={done}
        />
      ),
    },
    {
      key: 'campaigns',
      label: t('customers.tabs.campaigns'),
      children: <CampaignsTable customerId={customerId} />,
    },
    permissions.has('bookings:read') && {
      key: 'bookings',
      label: t('customers.tabs.bookings'),
      children: <MemberBookingsTable customerId={customerId} />,
    },
    permissions.has('customers:pii') && {
      key: 'privacy',
      label: t('customers.tabs.privacy'),
      children: <PrivacyTable customerId={customerId} />,
    },
  ].filter((tab) => !!tab);

  return (
    <Flex vertical gap={24} className="page">
      {noticeHolder}
      <Flex vertical gap={8}>
        {back}
        <Flex justify="space-between" align="flex-end" wrap gap={16}>
          <div>
            <Typography.Title level={1} className="page-title">
              {name}
            </Typography.Title>
            <Typography.Text type="secondary" copyable={{ text: customerId }}>
              {t('customers.member.id')}: {customerId}
            </Typography.Text>
          </div>
          <Flex gap={12}>
            {permissions.has('pos:operate') && (
              <Button icon={<ShoppingOutlined />} onClick={() => setDialog('assign')}>
                {t('customers.assign.open')}
              </Button>
            )}
            {permissions.has('loyalty:adjust') && data.points && (
              <Button type="primary" icon={<PlusCircleOutlined />} onClick={() => setDialog('adjust')}>
                {t('customers.adjust.open')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Flex>
      {!permissions.has('customers:pii') && (
        <Alert type="info" showIcon title={t('customers.member.maskedNote')} />
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={10}>
          <ProfileCard customer={data.customer} />
        </Col>
        <Col xs={24} xl={14}>
          <PointsCard points={data.points} />
        </Col>
      </Row>
      <Tabs items={tabs} />
      {data.points && dialog === 'adjust' && (
        <AdjustPointsDialog
          open
          customerId={customerId}
          balance={data.points.balance}
          onClose={() => setDialog(undefined)}
          onAdjusted={done}
        />
      )}
      {dialog === 'assign' && (
        <AssignSaleDialog customerId={customerId} onClose={() => setDialog(undefined)} onAssigned={done} />
      )}
    </Flex>
  );
}
