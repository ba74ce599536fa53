import { Alert, Button, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { formatCount, formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useListCustomerLedgerQuery, type LedgerEntry } from '../api/customers';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';

const TYPES = ['earn', 'release', 'redeem', 'expire', 'reverse', 'adjust', 'cancel', 'bonus'] as const;
const PAGE_SIZE = 20;

/** The member's points ledger, newest first, of one type or all, a page at a time. */
export function LedgerTable({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [type, setType] = useState<LedgerEntry['type'] | undefined>();
  const pages = useCursorPages(`${customerId}:${type ?? ''}`);
  const { data, error, isFetching, refetch } = useListCustomerLedgerQuery({
    customerId,
    type,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });

  const sourceText = (entry: LedgerEntry) => {
    const { kind, ...ids } = entry.source;
    const label = kind ? t(`customers.ledger.sources.${kind}`, { defaultValue: kind }) : '';
    const detail =
      kind === 'adjustment' && ids.reasonCode
        ? t(`customers.adjust.reasons.${ids.reasonCode}`, { defaultValue: ids.reasonCode })
        : [ids.storeId, ids.transactionId, ids.refundId].filter(Boolean).join(' · ');
    return detail ? `${label} · ${detail}` : label;
  };

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center">
        <label htmlFor="ledger-type">{t('customers.ledger.type')}</label>
        <Select<LedgerEntry['type'] | 'all'>
          id="ledger-type"
          style={{ width: 220 }}
          value={type ?? 'all'}
          onChange={(value) => setType(value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: t('customers.ledger.allTypes') },
            ...TYPES.map((value) => ({ value, label: t(`customers.ledger.types.${value}`) })),
          ]}
        />
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('customers.loadFailed')}
          description={problemText(error, t, language)}
          action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      ) : (
        <>
          <Table<LedgerEntry>
            rowKey={(entry) => `${entry.at}:${entry.type}:${JSON.stringify(entry.source)}`}
            dataSource={data?.items}
            loading={isFetching}
            pagination={false}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={type ? t('customers.ledger.emptyFiltered') : t('customers.ledger.empty')}
                />
              ),
            }}
            columns={[
              {
                key: 'at',
                title: t('customers.ledger.at'),
                width: 200,
                render: (_, entry) => formatDateTime(entry.at, language),
              },
              {
                key: 'type',
                title: t('customers.ledger.type'),
                width: 180,
                render: (_, entry) => (
                  <Flex gap={4} wrap>
                    <Tag>{t(`customers.ledger.types.${entry.type}`)}</Tag>
                    {entry.status === 'pending' && <Tag>{t('customers.ledger.pendingStatus')}</Tag>}
                  </Flex>
                ),
              },
              {
                key: 'points',
                title: t('customers.ledger.points'),
                width: 120,
                align: 'right',
                render: (_, entry) => (
                  <Typography.Text type={entry.points < 0 ? 'danger' : undefined} strong>
                    {entry.points > 0 ? '+' : ''}
                    {formatCount(entry.points, language)}
                  </Typography.Text>
                ),
              },
              {
                key: 'source',
                title: t('customers.ledger.detail'),
                render: (_, entry) => (
                  <Flex vertical>
                    <span>{sourceText(entry)}</span>
                    {entry.lot && entry.lot.bucket !== 'never' && (
                      <Typography.Text type="secondary">
                        {t('customers.ledger.expiresAt', {
                          at: formatDateTime(entry.lot.expiresAt, language),
                        })}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} nextCursor={data?.nextCursor} label={t('customers.tabs.ledger')} />
        </>
      )}
    </Flex>
  );
}
