import { Alert, Button, Empty, Flex, Modal, Table, Typography } from 'antd';
import { formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAssignUnmatchedPurchaseMutation,
  useListUnmatchedPurchasesQuery,
  type ListUnmatchedPurchasesApiResponse,
} from '../api/customers';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';

type Unmatched = ListUnmatchedPurchasesApiResponse['items'][number];
const PAGE_SIZE = 10;
const keyOf = (sale: Unmatched) => `${sale.transaction.storeId}/${sale.transaction.transactionId}`;

/** Picks a sale the tills could not match to a member and assigns it to this one; the points follow. */
export function AssignSaleDialog({
  customerId,
  onClose,
  onAssigned,
}: {
  customerId: string;
  onClose: () => void;
  onAssigned: (text: string, kind?: 'success' | 'info') => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const pages = useCursorPages('unmatched');
  const { data, error, isFetching, refetch } = useListUnmatchedPurchasesQuery({
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  const [assign, assigning] = useAssignUnmatchedPurchaseMutation();
  const [pending, setPending] = useState<string | undefined>();

  const assignSale = async (sale: Unmatched) => {
    setPending(keyOf(sale));
    const result = await assign({
      storeId: sale.transaction.storeId,
      transactionId: sale.transaction.transactionId,
      body: { customerId },
    })
      .unwrap()
      .catch(() => undefined);
    setPending(undefined);
    if (!result) return;
    if (result.outcome === 'credited') onAssigned(t('customers.assign.done'));
    else onAssigned(t('customers.assign.already'), 'info');
    onClose();
  };

  return (
    <Modal
      open
      title={t('customers.assign.title')}
      footer={null}
      onCancel={onClose}
      width={1040}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('customers.assign.body')}</Typography.Paragraph>
        {(error || assigning.error) && (
          <Alert
            type="error"
            showIcon
            title={error ? t('customers.loadFailed') : t('customers.assign.failed')}
            description={problemText(error ?? assigning.error, t, language)}
            action={error && <Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
          />
        )}
        <Table<Unmatched>
          rowKey={keyOf}
          dataSource={data?.items}
          loading={isFetching}
          pagination={false}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.assign.empty')} />
            ),
          }}
          columns={[
            { key: 'store', title: t('customers.assign.store'), render: (_, s) => s.transaction.storeId },
            {
              key: 'transaction',
              title: t('customers.assign.transaction'),
              render: (_, s) => s.transaction.transactionId,
            },
            {
              key: 'occurredAt',
              title: t('customers.assign.occurredAt'),
              width: 180,
              render: (_, s) => formatDateTime(s.transaction.occurredAt, language),
            },
            {
              key: 'amount',
              title: t('customers.assign.amount'),
              align: 'right',
              width: 120,
              render: (_, s) => formatMoney(s.transaction.amount, language),
            },
            {
              key: 'reason',
              title: t('customers.assign.reason'),
              render: (_, s) => t(`customers.assign.reasons.${s.reason}`),
            },
            {
              key: 'action',
              title: t('customers.column.actions'),
              render: (_, s) => (
                <Button
                  type="primary"
                  loading={pending === keyOf(s)}
                  disabled={!!pending && pending !== keyOf(s)}
                  onClick={() => void assignSale(s)}
                >
                  {t('customers.assign.action')}
                  <span className="visually-hidden"> {s.transaction.transactionId}</span>
                </Button>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={data?.nextCursor} label={t('customers.assign.title')} />
      </Flex>
    </Modal>
  );
}
