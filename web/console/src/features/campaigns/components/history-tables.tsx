import { Alert, Empty, Segmented, Table, Tag } from 'antd';
import { formatCount, formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useListCampaignAwardsQuery,
  useListCampaignParticipantsQuery,
  useListCampaignVersionsQuery,
  type Campaign,
} from '../api/campaigns';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { TermsSummary } from './terms-summary';

const PAGE_SIZE = 20;

function Failed({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  return <Alert type="error" showIcon title={problemText(error, t, i18n.language)} />;
}
const empty = (text: string) => ({
  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ padding: '24px 0' }} />,
});

/** Every version of the campaign's terms, newest first, each opening to its terms. */
export function VersionsTable({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages(campaign.campaignId);
  const { data, error, isFetching } = useListCampaignVersionsQuery({
    campaignId: campaign.campaignId,
    limit: PAGE_SIZE,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  });
  if (error) return <Failed error={error} />;
  return (
    <>
      <Table
        rowKey="version"
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={empty(t('campaigns.versions.empty'))}
        expandable={{ expandedRowRender: (item) => <TermsSummary definition={item.definition} /> }}
        columns={[
          {
            title: t('campaigns.versions.version'),
            key: 'version',
            render: (_, item) => (
              <>
                {t('campaigns.detail.version', { version: item.version })}{' '}
                {item.version === campaign.version && (
                  <Tag color="blue">{t('campaigns.versions.current')}</Tag>
                )}
              </>
            ),
          },
          {
            title: t('campaigns.terms.window'),
            key: 'window',
            render: (_, item) =>
              `${formatDateTime(item.definition.startsAt, i18n.language)} – ${formatDateTime(item.definition.endsAt, i18n.language)}`,
          },
          {
            title: t('campaigns.versions.createdAt'),
            key: 'createdAt',
            render: (_, item) => formatDateTime(item.createdAt, i18n.language),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={data?.nextCursor} disabled={isFetching} />
    </>
  );
}

type ParticipantGroup = 'participants' | 'held-out';

/**
 * The campaign's participants; for a campaign with a holdout (now or once), its control group too, one
 * group at a time, each member of it marked as held out.
 */
export function ParticipantsTable({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [group, setGroup] = useState<ParticipantGroup>('participants');
  const pages = useCursorPages(`${campaign.campaignId}#${group}`);
  const { data, error, isFetching } = useListCampaignParticipantsQuery({
    campaignId: campaign.campaignId,
    limit: PAGE_SIZE,
    ...(group === 'held-out' ? { group } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  });
  const holdsOut = campaign.definition.holdoutPercent !== undefined || !!campaign.results?.heldOut;
  if (error) return <Failed error={error} />;
  return (
    <>
      {holdsOut && (
        <Segmented<ParticipantGroup>
          aria-label={t('campaigns.participants.groupLabel')}
          value={group}
          onChange={setGroup}
          style={{ marginBottom: 16 }}
          options={[
            { value: 'participants', label: t('campaigns.participants.treated') },
            {
              value: 'held-out',
              label: `${t('campaigns.participants.heldOut')} · ${formatCount(campaign.results?.heldOut ?? 0, language)}`,
            },
          ]}
        />
      )}
      <Table
        rowKey="customerId"
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={empty(
          t(group === 'held-out' ? 'campaigns.participants.heldOutEmpty' : 'campaigns.participants.empty'),
        )}
        columns={[
          {
            title: t('campaigns.participants.customerId'),
            key: 'customerId',
            render: (_, item) => (
              <>
                {item.customerId} {item.heldOut && <Tag>{t('campaigns.participants.heldOutTag')}</Tag>}
              </>
            ),
          },
          {
            title: t('campaigns.participants.joinedAt'),
            key: 'joinedAt',
            render: (_, item) => formatDateTime(item.joinedAt, language),
          },
          {
            title: t('campaigns.participants.awards'),
            key: 'awards',
            align: 'right',
            render: (_, item) => formatCount(item.awards, language),
          },
          {
            title: t('campaigns.participants.points'),
            key: 'points',
            align: 'right',
            render: (_, item) => formatCount(item.pointsAwarded, language),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={data?.nextCursor} disabled={isFetching} />
    </>
  );
}

export function AwardsTable({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const pages = useCursorPages(campaign.campaignId);
  const { data, error, isFetching } = useListCampaignAwardsQuery({
    campaignId: campaign.campaignId,
    limit: PAGE_SIZE,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  });
  if (error) return <Failed error={error} />;
  return (
    <>
      <Table
        rowKey={(item) => `${item.customerId}#${item.trigger}`}
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={empty(t('campaigns.awards.empty'))}
        columns={[
          { title: t('campaigns.awards.customerId'), dataIndex: 'customerId', key: 'customerId' },
          { title: t('campaigns.awards.trigger'), dataIndex: 'trigger', key: 'trigger' },
          {
            title: t('campaigns.awards.version'),
            key: 'version',
            render: (_, item) => t('campaigns.detail.version', { version: item.version }),
          },
          {
            title: t('campaigns.awards.sale'),
            key: 'sale',
            align: 'right',
            render: (_, item) =>
              item.saleAmount === undefined ? '—' : formatMoney(item.saleAmount, language),
          },
          {
            title: t('campaigns.awards.bonus'),
            key: 'bonus',
            align: 'right',
            render: (_, item) => formatCount(item.bonusPoints, language),
          },
          {
            title: t('campaigns.awards.reversed'),
            key: 'reversed',
            align: 'right',
            render: (_, item) => formatCount(item.bonusReversed, language),
          },
          {
            title: t('campaigns.awards.at'),
            key: 'at',
            render: (_, item) => formatDateTime(item.at, language),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={data?.nextCursor} disabled={isFetching} />
    </>
  );
}
