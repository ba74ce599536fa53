import { Descriptions, Drawer, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import { actionLabel } from '../actions';
import { diffRows, type DiffRow } from '../diff';
import { ActorName } from './actor-name';
import type { AuditEntry } from './audit-page';

// Ant Design's green tag text is 3.3:1 on its background; a darker green reads at AA.
const CHANGE_TAGS = {
  added: { color: 'green', style: { color: '#135200' } },
  removed: { color: 'red' },
  changed: { color: 'blue' },
} as const;

/** One entry opened: who, when and from where, and its before and after field by field. */
export function AuditEntryDrawer({ entry, onClose }: { entry?: AuditEntry; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = entry ? diffRows(entry.before, entry.after) : [];
  const value = (text?: string) =>
    text === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <span style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{text}</span>
    );
  const columns: TableColumnsType<DiffRow> = [
    {
      key: 'field',
      title: t('audit.field'),
      dataIndex: 'field',
      width: '30%',
      render: (field: string, row) => (
        <Flex vertical gap={4} align="flex-start">
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {field}
          </Typography.Text>
          {row.change !== 'same' && <Tag {...CHANGE_TAGS[row.change]}>{t(`audit.change.${row.change}`)}</Tag>}
        </Flex>
      ),
    },
    { key: 'before', title: t('audit.before'), dataIndex: 'before', render: value },
    { key: 'after', title: t('audit.after'), dataIndex: 'after', render: value },
  ];

  return (
    <Drawer
      open={!!entry}
      onClose={onClose}
      size={720}
      title={entry && actionLabel(entry.action, t)}
      closable={{ 'aria-label': t('audit.close') }}
    >
      {entry && (
        <Flex vertical gap={24}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'at', label: t('audit.at'), children: formatDateTime(entry.at, language) },
              { key: 'actor', label: t('audit.actor'), children: <ActorName entry={entry} /> },
              {
                key: 'roles',
                label: t('audit.roles'),
                children: entry.roles.length ? entry.roles.join(', ') : '—',
              },
              {
                key: 'action',
                label: t('audit.action'),
                children: `${actionLabel(entry.action, t)} (${entry.action})`,
              },
              { key: 'target', label: t('audit.target'), children: entry.target },
              { key: 'sourceIp', label: t('audit.sourceIp'), children: entry.sourceIp ?? '—' },
              { key: 'correlationId', label: t('audit.correlationId'), children: entry.correlationId },
            ]}
          />
          <div>
            <h2 className="card-heading" style={{ marginBottom: 4 }}>
              {t('audit.changes')}
            </h2>
            <p className="card-hint" style={{ marginTop: 0 }}>
              {t('audit.maskedHint')}
            </p>
            {rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noChanges')} />
            ) : (
              <Table<DiffRow>
                rowKey="field"
                size="small"
                columns={columns}
                dataSource={rows}
                pagination={false}
                aria-label={t('audit.changes')}
              />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
