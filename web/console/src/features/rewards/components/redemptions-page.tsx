import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  Badge,
  Typography,
} from 'antd';
import { formatCount, formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  REDEMPTION_STATUSES,
  useListAllRewardsQuery,
  useListRedemptionsQuery,
  type ListRedemptionsApiArg,
  type ListRedemptionsApiResponse,
} from '../api/rewards';
import { CancelRedemptionDialog } from './cancel-redemption-dialog';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';

type Redemption = ListRedemptionsApiResponse['items'][number];
const PAGE_SIZE = 20;
const STATUS_BADGES = { issued: 'processing', collected: 'success', cancelled: 'default' } as const;

interface FilterValues {
  rewardId?: string;
  status?: ListRedemptionsApiArg['status'] | '';
  period?: [Dayjs | null, Dayjs | null] | null;
  customerId?: string;
}

/** Redemptions by reward, state, date (Shanghai days) and member, newest first; filters live in the URL. */
export default function RedemptionsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  useDocumentTitle(t('rewards.nav.redemptions'));
  const [search, setSearch] = useSearchParams();
  const filter: ListRedemptionsApiArg = {
    rewardId: search.get('rewardId') ?? undefined,
    status: (search.get('status') ?? undefined) as ListRedemptionsApiArg['status'],
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    customerId: search.get('customerId') ?? undefined,
  };
  // Other filters start again at the first page.
  const pages = useCursorPages(search.toString());
  const { data, error, isFetching, isLoading, refetch } = useListRedemptionsQuery({
    ...filter,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  // The reward filter offers the catalogue's first hundred; a reward's id in the URL works for any.
  const catalogue = useListAllRewardsQuery({ limit: 100 });
  const [form] = Form.useForm<FilterValues>();
  const { permissions } = useShellProfile();
  const mayCancel = permissions.has('redemptions:cancel');
  // The member's id opens their page on the customers screen, for staff who may read members.
  const mayReadMembers = permissions.has('customers:read');
  const [cancelling, setCancelling] = useState<Redemption>();

  const apply = (values: FilterValues) => {
    const next = new URLSearchParams();
    if (values.rewardId) next.set('rewardId', values.rewardId);
    if (values.status) next.set('status', values.status);
    if (values.period?.[0]) next.set('from', values.period[0].format('YYYY-MM-DD'));
    if (values.period?.[1]) next.set('to', values.period[1].format('YYYY-MM-DD'));
    if (values.customerId?.trim()) next.set('customerId', values.customerId.trim());
    setSearch(next, { replace: true });
  };

  const columns = [
    {
      key: 'at',
      title: t('rewards.redemptions.at'),
      width: 190,
      render: (_: unknown, row: Redemption) => formatDateTime(row.createdAt, language),
    },
    {
      key: 'reward',
      title: t('rewards.redemptions.rewardColumn'),
      render: (_: unknown, row: Redemption) => (
        <Flex vertical>
          <Typography.Text strong>{row.rewardName}</Typography.Text>
          <Typography.Text type="secondary">
            {t(`rewards.type.${row.rewardType}`)}
            {row.campaignId ? ` · ${t('rewards.redemptions.gift')}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'quantity',
      title: t('rewards.redemptions.quantity'),
      align: 'right' as const,
      width: 80,
      render: (_: unknown, row: Redemption) => formatCount(row.quantity, language),
    },
    {
      key: 'points',
      title: t('rewards.redemptions.pointsSpent'),
      align: 'right' as const,
      width: 110,
      render: (_: unknown, row: Redemption) => formatCount(row.pointsSpent, language),
    },
    {
      key: 'member',
      title: t('rewards.redemptions.memberColumn'),
      width: 290,
      render: (_: unknown, row: Redemption) => (
        <Typography.Text copyable={{ text: row.customerId }} style={{ fontFamily: 'monospace' }}>
          {mayReadMembers ? (
            <Link to={`/customers/${row.customerId}`}>{row.customerId}</Link>
          ) : (
            row.customerId
          )}
        </Typography.Text>
      ),
    },
    {
      key: 'status',
      title: t('rewards.redemptions.statusColumn'),
      width: 130,
      render: (_: unknown, row: Redemption) => (
        <Badge
          status={STATUS_BADGES[row.status]}
          text={t(`rewards.redemptionStatus.${row.status}`)}
          style={{ whiteSpace: 'nowrap' }}
        />
      ),
    },
    ...(mayCancel
      ? [
          {
            key: 'actions',
            title: t('rewards.redemptions.actions'),
            width: 100,
            render: (_: unknown, row: Redemption) =>
              row.status === 'issued' && (
                <Button size="small" type="link" danger onClick={() => setCancelling(row)}>
                  {t('rewards.redemptions.cancel')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const filtered = Object.values(filter).some(Boolean);
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} className="page-title">
          {t('rewards.nav.redemptions')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('rewards.redemptions.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={16}>
          <Form<FilterValues>
            form={form}
            layout="inline"
            role="search"
            aria-label={t('rewards.redemptions.filters')}
            initialValues={{
              rewardId: filter.rewardId ?? '',
              status: filter.status ?? '',
              customerId: filter.customerId,
              period:
                filter.from || filter.to
                  ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]
                  : undefined,
            }}
            onFinish={apply}
          >
            <Form.Item name="rewardId" label={t('rewards.redemptions.reward')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 220 }}
                options={[
                  { value: '', label: t('rewards.redemptions.anyReward') },
                  ...(catalogue.data?.items ?? []).map((reward) => ({
                    value: reward.id,
                    label: reward.name,
                  })),
                ]}
              />
            </Form.Item>
            <Form.Item name="status" label={t('rewards.redemptions.status')}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: '', label: t('rewards.redemptions.anyStatus') },
                  ...REDEMPTION_STATUSES.map((status) => ({
                    value: status,
                    label: t(`rewards.redemptionStatus.${status}`),
                  })),
                ]}
              />
            </Form.Item>
            <Form.Item name="period" label={t('rewards.redemptions.period')}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                placeholder={[t('rewards.redemptions.from'), t('rewards.redemptions.to')]}
              />
            </Form.Item>
            <Form.Item name="customerId" label={t('rewards.redemptions.member')}>
              <Input
                allowClear
                placeholder={t('rewards.redemptions.memberPlaceholder')}
                style={{ width: 260 }}
              />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit">
                  {t('rewards.redemptions.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({
                      rewardId: '',
                      status: '',
                      period: null,
                      customerId: undefined,
                    });
                    setSearch(new URLSearchParams(), { replace: true });
                  }}
                >
                  {t('rewards.redemptions.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Form>
          {error && !data ? (
            <Alert
              type="error"
              showIcon
              title={t('rewards.redemptions.loadFailed')}
              description={problemText(error, t, language)}
              action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
            />
          ) : (
            <Table<Redemption>
              rowKey="redemptionId"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={isLoading || isFetching}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty
                    description={
                      <Flex vertical gap={4}>
                        <Typography.Text strong>
                          {filtered ? t('rewards.redemptions.emptyFiltered') : t('rewards.redemptions.empty')}
                        </Typography.Text>
                        {!filtered && (
                          <Typography.Text type="secondary">
                            {t('rewards.redemptions.emptyHint')}
                          </Typography.Text>
                        )}
                      </Flex>
                    }
                  />
                ),
              }}
            />
          )}
          <CursorPager pages={pages} nextCursor={data?.nextCursor} disabled={isFetching} />
        </Flex>
      </Card>
      {cancelling && (
        <CancelRedemptionDialog redemption={cancelling} onClose={() => setCancelling(undefined)} />
      )}
    </Flex>
  );
}
