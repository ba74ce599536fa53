import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Table,
  Tag,
  Typography,
  message as antMessage,
  type TableColumnsType,
} from 'antd';
import type { EarningRulesVersion } from '@sbm/web-shared/api';
import { formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { lazy, Suspense, useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useListEarningRulesQuery } from '../api/programme';
import { standingOf } from '../versions';
import { RulesSummary } from './rules-summary';

const NewVersionDrawer = lazy(() => import('./new-version-drawer'));

// Ant Design's green tag text is 3.3:1 on its background; a darker green reads at AA.
const STANDING_TAGS = {
  inForce: { color: 'green', style: { color: '#135200' } },
  scheduled: { color: 'blue' },
  superseded: {},
} as const;

/** Every version of the earning rules, newest first: which is in force now, which are scheduled, and a new one. */
export function EarningRulesVersions() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isLoading, refetch } = useListEarningRulesQuery();
  const [creating, setCreating] = useState(false);
  const [message, messages] = antMessage.useMessage();
  const [expanded, setExpanded] = useState<readonly Key[]>();
  // Standing is judged as of when the versions were read.
  const now = useMemo(() => (data ? new Date() : new Date(0)), [data]);
  const versions = useMemo(() => [...(data?.items ?? [])].sort((a, b) => b.version - a.version), [data]);
  const standing = useMemo(() => standingOf(versions, now), [versions, now]);
  const inForce = versions.find((version) => standing.get(version.version) === 'inForce');

  const columns: TableColumnsType<EarningRulesVersion> = [
    {
      key: 'version',
      title: t('programme.rules.version'),
      dataIndex: 'version',
      width: 140,
      render: (version: number) =>
        version === 0 ? t('programme.rules.builtIn') : t('programme.rules.versionN', { version }),
    },
    {
      key: 'standing',
      title: t('programme.rules.standing'),
      width: 140,
      render: (_, version) => {
        const state = standing.get(version.version)!;
        return <Tag {...STANDING_TAGS[state]}>{t(`programme.rules.${state}`)}</Tag>;
      },
    },
    {
      key: 'effectiveFrom',
      title: t('programme.rules.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      render: (at: string, version) =>
        version.version === 0 ? t('programme.rules.always') : formatDateTime(at, language),
    },
    {
      key: 'rate',
      title: t('programme.rules.rate'),
      render: (_, version) =>
        t('programme.rules.rateValue', { money: formatMoney(version.rules.fenPerPoint, language) }),
    },
    {
      key: 'createdAt',
      title: t('programme.rules.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string, version) => (version.version === 0 ? '—' : formatDateTime(at, language)),
    },
  ];

  return (
    <Card
      title={<h2 className="card-heading">{t('programme.rules.title')}</h2>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} disabled={!inForce} onClick={() => setCreating(true)}>
          {t('programme.rules.new')}
        </Button>
      }
    >
      {messages}
      <Typography.Paragraph className="card-hint">{t('programme.rules.hint')}</Typography.Paragraph>
      {error && !data ? (
        <Alert
          type="error"
          showIcon
          title={t('programme.loadFailed')}
          description={problemText(error, t, language)}
          action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      ) : (
        <Table<EarningRulesVersion>
          rowKey="version"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={versions}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (version) => <RulesSummary rules={version.rules} />,
            // The version in force opens by itself: what earns today is what staff look for first.
            expandedRowKeys: expanded ?? (inForce ? [inForce.version] : []),
            onExpandedRowsChange: setExpanded,
          }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('programme.rules.empty')} />
            ),
          }}
        />
      )}
      {creating && inForce && (
        <Suspense>
          <NewVersionDrawer
            basedOn={inForce}
            onClose={() => setCreating(false)}
            onSaved={(saved) => {
              setCreating(false);
              void message.success(t('programme.rules.savedVersion', { version: saved.version }));
            }}
          />
        </Suspense>
      )}
    </Card>
  );
}
