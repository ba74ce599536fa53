import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatCount, formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { campaignStatuses } from '@sbm/web-shared/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useListCampaignsQuery, type Campaign, type ListCampaignsApiArg } from '../api/campaigns';
import { TRIGGER_KINDS } from '../triggers';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { StatusTag } from './status-tag';

const PAGE_SIZE = 20;
type Status = NonNullable<ListCampaignsApiArg['status']>;
type Trigger = NonNullable<ListCampaignsApiArg['trigger']>;

/** Every campaign, newest first, with its status and results; filters in the URL, pages by cursor. */
export function CampaignListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate();
  const canWrite = useShellProfile().permissions.has('campaigns:write');
  const [search, setSearch] = useSearchParams();
  const status = (campaignStatuses as readonly string[]).includes(search.get('status') ?? '')
    ? (search.get('status') as Status)
    : undefined;
  const trigger = (TRIGGER_KINDS as readonly string[]).includes(search.get('trigger') ?? '')
    ? (search.get('trigger') as Trigger)
    : undefined;
  const pages = useCursorPages(`${status}|${trigger}`);
  const { data, error, isLoading, isFetching, refetch } = useListCampaignsQuery({
    limit: PAGE_SIZE,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
    ...(status ? { status } : {}),
    ...(trigger ? { trigger } : {}),
  });
  useDocumentTitle(t('campaigns.title'));

  const filter = (name: 'status' | 'trigger', value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const filtered = Boolean(status || trigger);

  const columns: ColumnsType<Campaign> = [
    {
      title: t('campaigns.list.name'),
      key: 'name',
      render: (_, campaign) => (
        <Flex vertical>
          <Link to={campaign.campaignId}>{campaign.definition.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`campaigns.trigger.${campaign.definition.trigger.kind}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('campaigns.list.filterStatus'),
      key: 'status',
      width: 110,
      render: (_, campaign) => <StatusTag status={campaign.status} />,
    },
    {
      title: t('campaigns.list.window'),
      key: 'window',
      width: 200,
      render: (_, { definition }) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{formatDateTime(definition.startsAt, language)}</span>
          <Typography.Text type="secondary">
            {t('campaigns.list.to')} {formatDateTime(definition.endsAt, language)}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(
      [
        ['participants', 'participants', formatCount],
        ['awards', 'awards', formatCount],
        ['points', 'pointsAwarded', formatCount],
        ['revenue', 'participantRevenue', formatMoney],
      ] as const
    ).map(([label, field, format]) => ({
      title: t(`campaigns.list.${label}`),
      key: field,
      align: 'right' as const,
      width: label === 'revenue' ? 180 : 130,
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
      render: (_: unknown, campaign: Campaign) => format(campaign.results?.[field] ?? 0, language),
    })),
  ];

  return (
    <Flex vertical gap={24} className="page">
      <Flex justify="space-between" align="flex-end" wrap gap={16}>
        <div>
          <Typography.Title level={1} className="page-title">
            {t('campaigns.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('campaigns.subtitle')}</Typography.Text>
        </div>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('new')}>
            {t('campaigns.create')}
          </Button>
        )}
      </Flex>
      <Card>
        <Flex
          gap={12}
          wrap
          style={{ marginBottom: 16 }}
          role="search"
          aria-label={t('campaigns.list.filters')}
        >
          <Select<Status | ''>
            aria-label={t('campaigns.list.filterStatus')}
            style={{ width: 180 }}
            value={status ?? ''}
            onChange={(value) => filter('status', value || undefined)}
            options={[
              { value: '', label: t('campaigns.list.allStatuses') },
              ...campaignStatuses.map((value) => ({ value, label: t(`campaigns.status.${value}`) })),
            ]}
          />
          <Select<Trigger | ''>
            aria-label={t('campaigns.list.filterTrigger')}
            style={{ width: 200 }}
            value={trigger ?? ''}
            onChange={(value) => filter('trigger', value || undefined)}
            options={[
              { value: '', label: t('campaigns.list.allTriggers') },
              ...TRIGGER_KINDS.map((value) => ({ value, label: t(`campaigns.trigger.${value}`) })),
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching}>
            {t('campaigns.list.reload')}
          </Button>
        </Flex>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={t('campaigns.list.loadFailed')}
            description={problemText(error, t, language)}
          />
        ) : (
          <>
            <Table<Campaign>
              rowKey="campaignId"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={isLoading || isFetching}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    style={{ padding: '32px 0' }}
                    description={
                      <>
                        <strong>
                          {filtered ? t('campaigns.list.emptyFilteredTitle') : t('campaigns.list.emptyTitle')}
                        </strong>
                        <br />
                        {data?.nextCursor
                          ? t('campaigns.list.emptyPageHint')
                          : filtered
                            ? t('campaigns.list.emptyFilteredHint')
                            : t('campaigns.list.emptyHint')}
                      </>
                    }
                  >
                    {canWrite && !filtered && (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('new')}>
                        {t('campaigns.create')}
                      </Button>
                    )}
                  </Empty>
                ),
              }}
            />
            <CursorPager pages={pages} nextCursor={data?.nextCursor} disabled={isFetching} />
          </>
        )}
      </Card>
    </Flex>
  );
}
