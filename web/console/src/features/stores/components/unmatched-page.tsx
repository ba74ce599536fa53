import { Button, Card, Empty, Table } from 'antd';
import { formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  PAGE_SIZE,
  useListUnmatchedPurchasesQuery,
  type ListUnmatchedPurchasesApiResponse,
} from '../api/stores';
import { AssignSaleModal } from './assign-sale-modal';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { FeedbackAlert, LoadFailed, useFeedback } from '@/components/feedback';
import { PageHeader } from './page-header';
import { StateTag } from './store-status';

type UnmatchedSale = ListUnmatchedPurchasesApiResponse['items'][number];

/** Sales kept because their member could not be identified, oldest first, each assignable to a member. */
export function UnmatchedPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const pages = useCursorPages();
  const { data, error, isFetching, refetch } = useListUnmatchedPurchasesQuery({
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  const [assigning, setAssigning] = useState<UnmatchedSale | null>(null);
  const feedback = useFeedback();
  useDocumentTitle(t('stores.tabs.unmatched'));

  return (
    <>
      <PageHeader title={t('stores.tabs.unmatched')} subtitle={t('stores.unmatched.subtitle')} />
      <FeedbackAlert feedback={feedback.feedback} onClose={feedback.clear} />
      {error && !data ? (
        <LoadFailed error={error} onRetry={() => void refetch()} />
      ) : (
        <Card>
          <Table<UnmatchedSale>
            rowKey={(sale) => `${sale.transaction.storeId}/${sale.transaction.transactionId}`}
            loading={isFetching}
            dataSource={data?.items}
            pagination={false}
            locale={{
              emptyText: (
                <Empty
                  description={
                    <>
                      <strong>{t('stores.unmatched.empty')}</strong>
                      <br />
                      {t('stores.unmatched.emptyHint')}
                    </>
                  }
                />
              ),
            }}
            columns={[
              {
                title: t('stores.unmatched.store'),
                key: 'store',
                className: 'mono',
                render: (_, sale) => sale.transaction.storeId,
              },
              {
                title: t('stores.unmatched.transactionId'),
                key: 'transactionId',
                render: (_, sale) => <span className="mono">{sale.transaction.transactionId}</span>,
              },
              {
                title: t('stores.unmatched.occurredAt'),
                key: 'occurredAt',
                className: 'nowrap',
                render: (_, sale) => formatDateTime(sale.transaction.occurredAt, language),
              },
              {
                title: t('stores.unmatched.amount'),
                key: 'amount',
                align: 'right',
                render: (_, sale) => formatMoney(sale.transaction.amount, language),
              },
              {
                title: t('stores.unmatched.refunded'),
                dataIndex: 'refundedAmount',
                align: 'right',
                render: (fen: number) => (fen > 0 ? formatMoney(fen, language) : '—'),
              },
              {
                title: t('stores.unmatched.customer'),
                key: 'customer',
                render: (_, sale) =>
                  'memberCode' in sale.transaction.customer
                    ? t('stores.unmatched.memberCode', { code: sale.transaction.customer.memberCode })
                    : t('stores.unmatched.customerId', { id: sale.transaction.customer.customerId }),
              },
              {
                title: t('stores.unmatched.reason'),
                dataIndex: 'reason',
                render: (reason: UnmatchedSale['reason']) => (
                  <StateTag tone="warn">{t(`stores.unmatched.${reason}`)}</StateTag>
                ),
              },
              {
                title: t('stores.unmatched.actions'),
                key: 'actions',
                render: (_, sale) => (
                  <Button
                    size="small"
                    type="primary"
                    aria-label={t('stores.unmatched.assignLabel', {
                      transactionId: sale.transaction.transactionId,
                    })}
                    onClick={() => setAssigning(sale)}
                  >
                    {t('stores.unmatched.assign')}
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} nextCursor={data?.nextCursor} />
        </Card>
      )}
      <AssignSaleModal
        sale={assigning}
        onClose={() => setAssigning(null)}
        onAssigned={(outcome) => {
          setAssigning(null);
          feedback.success((say) =>
            outcome === 'credited'
              ? say('stores.unmatched.credited')
              : say('stores.unmatched.alreadyCredited'),
          );
        }}
      />
    </>
  );
}
