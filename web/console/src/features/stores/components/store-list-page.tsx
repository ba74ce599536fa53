import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useStoresAccess } from '../access';
import { PAGE_SIZE, useListStoresQuery, type Store } from '../api/stores';
import { CreateStoreModal } from './create-store-modal';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { FeedbackAlert, LoadFailed, useFeedback } from '@/components/feedback';
import { PageHeader } from './page-header';
import { StoreStatus } from './store-status';

/** The stores the staff member may see, page by page; staff who may create stores create them here. */
export function StoreListPage() {
  const { t, i18n } = useTranslation();
  const access = useStoresAccess();
  const pages = useCursorPages();
  const { data, error, isFetching, refetch } = useListStoresQuery({ limit: PAGE_SIZE, cursor: pages.cursor });
  const [creating, setCreating] = useState(false);
  const feedback = useFeedback();
  useDocumentTitle(t('stores.title'));

  return (
    <>
      <PageHeader
        title={t('stores.title')}
        subtitle={t('stores.list.subtitle')}
        actions={
          access.writeStores && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('stores.list.create')}
            </Button>
          )
        }
      />
      <FeedbackAlert feedback={feedback.feedback} onClose={feedback.clear} />
      {error && !data ? (
        <LoadFailed error={error} onRetry={() => void refetch()} />
      ) : (
        <Card>
          <Table<Store>
            rowKey="storeId"
            loading={isFetching}
            dataSource={data?.items}
            pagination={false}
            locale={{
              emptyText: (
                <Empty
                  description={
                    <>
                      <strong>{t('stores.list.empty')}</strong>
                      <br />
                      {access.writeStores ? t('stores.list.emptyHint') : t('stores.list.emptyManager')}
                    </>
                  }
                />
              ),
            }}
            columns={[
              {
                title: t('stores.list.name'),
                dataIndex: 'name',
                render: (name: string, store) => <Link to={`/stores/${store.storeId}`}>{name}</Link>,
              },
              { title: t('stores.list.storeId'), dataIndex: 'storeId', className: 'mono' },
              {
                title: t('stores.list.status'),
                dataIndex: 'active',
                render: (active: boolean) => <StoreStatus active={active} />,
              },
              {
                title: t('stores.list.createdAt'),
                dataIndex: 'createdAt',
                render: (at: string) => formatDateTime(at, i18n.language),
              },
            ]}
          />
          <CursorPager pages={pages} nextCursor={data?.nextCursor} />
        </Card>
      )}
      <CreateStoreModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name) => {
          setCreating(false);
          pages.first();
          feedback.success((say) => say('stores.create.done', { name }));
        }}
      />
    </>
  );
}
