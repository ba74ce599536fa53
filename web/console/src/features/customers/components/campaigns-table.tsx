import { Alert, Button, Empty, Table, Tag } from 'antd';
import { formatCount, formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useListMemberParticipationQuery } from '../api/customers';

const STATUS_COLORS = {
  draft: 'default',
  scheduled: 'cyan',
  active: 'green',
  paused: 'orange',
  ended: 'default',
};

/** The campaigns the member takes part in (the API answers them all at once: one per campaign at most). */
export function CampaignsTable({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isFetching, refetch } = useListMemberParticipationQuery({ customerId });
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('customers.loadFailed')}
        description={problemText(error, t, language)}
        action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
      />
    );
  return (
    <Table
      rowKey="campaignId"
      dataSource={data?.items}
      loading={isFetching}
      pagination={false}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.campaigns.empty')} />
        ),
      }}
      columns={[
        { key: 'name', title: t('customers.campaigns.name'), dataIndex: 'name' },
        {
          key: 'status',
          title: t('customers.campaigns.status'),
          width: 110,
          render: (_, c) => (
            <Tag color={STATUS_COLORS[c.status]}>{t(`customers.campaigns.statuses.${c.status}`)}</Tag>
          ),
        },
        {
          key: 'period',
          title: t('customers.campaigns.period'),
          render: (_, c) => `${formatDateTime(c.startsAt, language)} – ${formatDateTime(c.endsAt, language)}`,
        },
        {
          key: 'joinedAt',
          title: t('customers.campaigns.joinedAt'),
          width: 190,
          render: (_, c) => formatDateTime(c.joinedAt, language),
        },
        {
          key: 'pointsAwarded',
          title: t('customers.campaigns.pointsAwarded'),
          width: 140,
          align: 'right',
          render: (_, c) => formatCount(c.pointsAwarded, language),
        },
      ]}
    />
  );
}
