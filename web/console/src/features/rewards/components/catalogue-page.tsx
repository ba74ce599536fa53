import { PictureOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Image,
  Select,
  Space,
  Table,
  Badge,
  Typography,
  type TableColumnsType,
} from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  REWARD_CATEGORIES,
  REWARD_TYPES,
  useListAllRewardsQuery,
  useRetireRewardMutation,
  type ListAllRewardsApiArg,
  type Reward,
} from '../api/rewards';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { ImportCodesDialog } from './import-codes-dialog';
import { RestockDialog } from './restock-dialog';

const PAGE_SIZE = 20;

/** The catalogue: filters in the URL, a page at a time, and what staff do with each reward. */
export default function CataloguePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  useDocumentTitle(t('rewards.nav.catalogue'));
  const [search, setSearch] = useSearchParams();
  const filter = {
    status: (search.get('status') ?? undefined) as ListAllRewardsApiArg['status'],
    type: (search.get('type') ?? undefined) as ListAllRewardsApiArg['type'],
    category: (search.get('category') ?? undefined) as ListAllRewardsApiArg['category'],
  };
  // Other filters start again at the first page.
  const pages = useCursorPages(search.toString());
  const { data, error, isFetching, isLoading, refetch } = useListAllRewardsQuery({
    ...filter,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  const [retire] = useRetireRewardMutation();
  const [restocking, setRestocking] = useState<Reward>();
  const [importing, setImporting] = useState<Reward>();

  const setFilter = (name: string, value: string | undefined) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const confirmRetire = (reward: Reward) =>
    modal.confirm({
      title: t('rewards.catalogue.retireTitle', { name: reward.name }),
      content: t('rewards.catalogue.retireBody'),
      okText: t('rewards.catalogue.retireConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('rewards.catalogue.cancel'),
      onOk: async () => {
        try {
          await retire({ rewardId: reward.id }).unwrap();
          void message.success(t('rewards.catalogue.retired', { name: reward.name }));
        } catch (failure) {
          void message.error(problemText(failure, t, language));
        }
      },
    });

  const stockText = (reward: Reward) =>
    reward.stock === 'unlimited' ? t('rewards.unlimited') : formatCount(reward.stock, language);

  const columns: TableColumnsType<Reward> = [
    {
      key: 'picture',
      title: t('rewards.catalogue.picture'),
      width: 88,
      render: (_, reward) =>
        reward.imageUrl ? (
          <Image
            src={reward.imageUrl}
            alt={reward.name}
            width={56}
            height={56}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            preview={false}
          />
        ) : (
          <Flex
            align="center"
            justify="center"
            style={{ width: 56, height: 56, background: '#f0f2f5', borderRadius: 6 }}
            role="img"
            aria-label={t('rewards.catalogue.noPicture')}
          >
            <PictureOutlined style={{ fontSize: 20, color: '#8c8c8c' }} />
          </Flex>
        ),
    },
    {
      key: 'name',
      title: t('rewards.catalogue.name'),
      render: (_, reward) => (
        <Flex vertical>
          <Typography.Text strong>{reward.name}</Typography.Text>
          {reward.description && (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: reward.description }}
              style={{ maxWidth: 320 }}
            >
              {reward.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'type',
      title: t('rewards.catalogue.typeColumn'),
      width: 140,
      render: (_, reward) => <span style={{ whiteSpace: 'nowrap' }}>{t(`rewards.type.${reward.type}`)}</span>,
    },
    {
      key: 'category',
      title: t('rewards.catalogue.categoryColumn'),
      width: 110,
      render: (_, reward) => t(`rewards.category.${reward.category ?? 'other'}`),
    },
    {
      key: 'cost',
      title: t('rewards.catalogue.cost'),
      align: 'right',
      width: 90,
      render: (_, reward) => formatCount(reward.pointsCost, language),
    },
    {
      key: 'stock',
      title: t('rewards.catalogue.stock'),
      align: 'right',
      width: 100,
      render: (_, r) => stockText(r),
    },
    {
      key: 'redeemed',
      title: t('rewards.catalogue.redeemed'),
      align: 'right',
      width: 100,
      render: (_, reward) => formatCount(reward.redeemed, language),
    },
    {
      key: 'status',
      title: t('rewards.catalogue.statusColumn'),
      width: 110,
      render: (_, reward) => (
        <Badge
          status={reward.status === 'active' ? 'success' : 'default'}
          text={t(`rewards.status.${reward.status}`)}
          style={{ whiteSpace: 'nowrap' }}
        />
      ),
    },
    {
      key: 'actions',
      title: t('rewards.catalogue.actions'),
      width: 250,
      render: (_, reward) =>
        reward.status === 'active' && (
          <Space size={0} wrap>
            <Button size="small" type="link" onClick={() => void navigate(`/rewards/${reward.id}/edit`)}>
              {t('rewards.catalogue.edit')}
            </Button>
            {reward.type === 'voucher' ? (
              <Button size="small" type="link" onClick={() => setImporting(reward)}>
                {t('rewards.catalogue.importCodes')}
              </Button>
            ) : (
              reward.stock !== 'unlimited' && (
                <Button size="small" type="link" onClick={() => setRestocking(reward)}>
                  {t('rewards.catalogue.restock')}
                </Button>
              )
            )}
            <Button size="small" type="link" danger onClick={() => confirmRetire(reward)}>
              {t('rewards.catalogue.retire')}
            </Button>
          </Space>
        ),
    },
  ];

  const filtered = Boolean(filter.status || filter.type || filter.category);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" wrap gap={16}>
        <div>
          <Typography.Title level={1} className="page-title">
            {t('rewards.nav.catalogue')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('rewards.catalogue.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/rewards/new')}>
          {t('rewards.catalogue.add')}
        </Button>
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Space wrap role="search" aria-label={t('rewards.catalogue.filters')}>
            <Select
              aria-label={t('rewards.catalogue.statusColumn')}
              style={{ width: 160 }}
              value={filter.status ?? ''}
              onChange={(value) => setFilter('status', value || undefined)}
              options={[
                { value: '', label: t('rewards.catalogue.anyStatus') },
                { value: 'active', label: t('rewards.status.active') },
                { value: 'retired', label: t('rewards.status.retired') },
              ]}
            />
            <Select
              aria-label={t('rewards.catalogue.typeColumn')}
              style={{ width: 160 }}
              value={filter.type ?? ''}
              onChange={(value) => setFilter('type', value || undefined)}
              options={[
                { value: '', label: t('rewards.catalogue.anyType') },
                ...REWARD_TYPES.map((type) => ({ value: type, label: t(`rewards.type.${type}`) })),
              ]}
            />
            <Select
              aria-label={t('rewards.catalogue.categoryColumn')}
              style={{ width: 160 }}
              value={filter.category ?? ''}
              onChange={(value) => setFilter('category', value || undefined)}
              options={[
                { value: '', label: t('rewards.catalogue.anyCategory') },
                ...REWARD_CATEGORIES.map((category) => ({
                  value: category,
                  label: t(`rewards.category.${category}`),
                })),
              ]}
            />
          </Space>
          {error && !data ? (
            <Alert
              type="error"
              showIcon
              title={t('rewards.catalogue.loadFailed')}
              description={problemText(error, t, language)}
              action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
            />
          ) : (
            <Table<Reward>
              rowKey="id"
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
                          {filtered ? t('rewards.catalogue.emptyFiltered') : t('rewards.catalogue.empty')}
                        </Typography.Text>
                        {!filtered && (
                          <Typography.Text type="secondary">
                            {t('rewards.catalogue.emptyHint')}
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
      {restocking && <RestockDialog reward={restocking} onClose={() => setRestocking(undefined)} />}
      {importing && <ImportCodesDialog reward={importing} onClose={() => setImporting(undefined)} />}
    </Flex>
  );
}
