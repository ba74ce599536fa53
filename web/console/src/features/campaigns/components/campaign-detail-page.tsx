import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { isApiError } from '@sbm/web-shared/api';
import { formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  lifecycle,
  useChangeCampaignStatusMutation,
  useDeleteCampaignMutation,
  useGetCampaignQuery,
  type Campaign,
  type LifecycleAction,
} from '../api/campaigns';
import { DryRunPanel } from './dry-run-panel';
import { AwardsTable, ParticipantsTable, VersionsTable } from './history-tables';
import { PatchModal } from './patch-modal';
import { ResultsPanel } from './results-panel';
import { StatusTag } from './status-tag';
import { TermsSummary } from './terms-summary';

const TABS = ['results', 'dryRun', 'terms', 'versions', 'participants', 'awards'] as const;
type Tab = (typeof TABS)[number];

/** One campaign: its lifecycle actions, results, a dry run, its terms and history. */
export function CampaignDetailPage() {
  const { campaignId } = useParams();
  const { t, i18n } = useTranslation();
  const { data, error, isLoading } = useGetCampaignQuery({ campaignId: campaignId! });
  useDocumentTitle(data?.definition.name ?? t('campaigns.title'));
  if (isLoading) return <Skeleton active paragraph={{ rows: 10 }} className="page" />;
  if (error || !data)
    return (
      <Result
        status={isApiError(error) && error.status === 404 ? '404' : 'error'}
        title={
          <h1 className="result-heading">
            {isApiError(error) && error.status === 404
              ? t('campaigns.detail.notFound')
              : t('campaigns.detail.loadFailed')}
          </h1>
        }
        subTitle={error ? problemText(error, t, i18n.language) : undefined}
        extra={<Link to="/campaigns">{t('campaigns.detail.back')}</Link>}
      />
    );
  return <CampaignDetail campaign={data} />;
}

function CampaignDetail({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canWrite = useShellProfile().permissions.has('campaigns:write');
  const [search, setSearch] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '')
    ? (search.get('tab') as Tab)
    : 'results';
  const [changeStatus, changing] = useChangeCampaignStatusMutation();
  const [remove, removing] = useDeleteCampaignMutation();
  const [failure, setFailure] = useState<unknown>();
  const [patching, setPatching] = useState(false);
  const { definition, status } = campaign;
  const actions = (Object.keys(lifecycle) as LifecycleAction[]).filter((action) =>
    (lifecycle[action] as readonly string[]).includes(status),
  );

  const act = async (action: LifecycleAction) => {
    setFailure(undefined);
    try {
      await changeStatus({ campaignId: campaign.campaignId, body: { action } }).unwrap();
      void message.success(t(`campaigns.detail.changed.${action}`));
    } catch (error) {
      setFailure(error);
    }
  };
  const deleteDraft = async () => {
    setFailure(undefined);
    try {
      await remove({ campaignId: campaign.campaignId }).unwrap();
      void message.success(t('campaigns.detail.deleted'));
      void navigate('/campaigns');
    } catch (error) {
      setFailure(error);
    }
  };
  const busy = changing.isLoading || removing.isLoading;

  const actionButton = (action: LifecycleAction) => {
    const button = (
      <Button
        key={action}
        type={action === 'activate' ? 'primary' : 'default'}
        danger={action === 'end'}
        disabled={busy}
        onClick={action === 'end' ? undefined : () => void act(action)}
      >
        {t(`campaigns.detail.${action}`)}
      </Button>
    );
    return action === 'end' ? (
      <Popconfirm
        key={action}
        title={t('campaigns.detail.confirmEnd', { name: definition.name })}
        okText={t('campaigns.detail.confirm')}
        cancelText={t('campaigns.builder.cancel')}
        onConfirm={() => act(action)}
      >
        {button}
      </Popconfirm>
    ) : (
      button
    );
  };

  return (
    <Flex vertical gap={24} className="page">
      <div>
        <Link to="/campaigns">
          <ArrowLeftOutlined /> {t('campaigns.detail.back')}
        </Link>
        <Flex justify="space-between" align="flex-end" wrap gap={16} style={{ marginTop: 8 }}>
          <div>
            <Flex align="center" gap={12}>
              <Typography.Title level={1} className="page-title">
                {definition.name}
              </Typography.Title>
              <StatusTag status={status} />
            </Flex>
            <Typography.Text type="secondary">
              {t(`campaigns.trigger.${definition.trigger.kind}`)} ·{' '}
              {formatDateTime(definition.startsAt, language)} – {formatDateTime(definition.endsAt, language)}{' '}
              · {t('campaigns.detail.version', { version: campaign.version })} ·{' '}
              {t('campaigns.detail.updated', { at: formatDateTime(campaign.updatedAt, language) })}
            </Typography.Text>
          </div>
          {canWrite && status !== 'ended' && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => void navigate('edit')} disabled={busy}>
                {t('campaigns.detail.edit')}
              </Button>
              <Button onClick={() => setPatching(true)} disabled={busy}>
                {t('campaigns.detail.smallEdit')}
              </Button>
              {actions.map(actionButton)}
              {status === 'draft' && (
                <Popconfirm
                  title={t('campaigns.detail.confirmDelete', { name: definition.name })}
                  okText={t('campaigns.detail.confirm')}
                  cancelText={t('campaigns.builder.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={deleteDraft}
                >
                  <Button danger icon={<DeleteOutlined />} disabled={busy}>
                    {t('campaigns.detail.delete')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )}
        </Flex>
      </div>
      {failure !== undefined && (
        <Alert
          type="error"
          showIcon
          closable
          title={problemText(failure, t, language)}
          onClose={() => setFailure(undefined)}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch({ tab: key }, { replace: true })}
        items={TABS.map((key) => ({
          key,
          label: t(`campaigns.detail.tabs.${key}`),
          children:
            key === 'results' ? (
              <ResultsPanel campaign={campaign} />
            ) : key === 'dryRun' ? (
              <DryRunPanel campaign={campaign} />
            ) : key === 'terms' ? (
              <TermsSummary definition={definition} />
            ) : key === 'versions' ? (
              <VersionsTable campaign={campaign} />
            ) : key === 'participants' ? (
              <ParticipantsTable campaign={campaign} />
            ) : (
              <AwardsTable campaign={campaign} />
            ),
        }))}
        destroyOnHidden
      />
      {patching && <PatchModal campaign={campaign} onClose={() => setPatching(false)} />}
    </Flex>
  );
}
