import { Alert, Button, Empty, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useListPrivacyRequestsQuery } from '../api/customers';

/** The member's data-subject requests (exports, erasures), all of them: a member makes few. */
export function PrivacyTable({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isFetching, refetch } = useListPrivacyRequestsQuery({ customerId, limit: 200 });
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
      rowKey="correlationId"
      dataSource={data?.items}
      loading={isFetching}
      pagination={false}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.privacy.empty')} />,
      }}
      columns={[
        {
          key: 'kind',
          title: t('customers.privacy.kind'),
          render: (_, r) => t(`customers.privacy.kinds.${r.kind}`),
        },
        {
          key: 'at',
          title: t('customers.privacy.at'),
          width: 200,
          render: (_, r) => formatDateTime(r.at, language),
        },
        {
          key: 'status',
          title: t('customers.privacy.status'),
          width: 110,
          render: () => <Tag>{t('customers.privacy.completed')}</Tag>,
        },
        {
          key: 'reference',
          title: t('customers.privacy.reference'),
          render: (_, r) => <Typography.Text copyable>{r.correlationId}</Typography.Text>,
        },
      ]}
    />
  );
}
