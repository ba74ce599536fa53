import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Popconfirm, Result } from 'antd';
import { isApiError } from '@sbm/web-shared/api';
import { formatDateTime } from '@sbm/web-shared/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useStoresAccess } from '../access';
import { useDeactivateStoreMutation, useGetStoreQuery } from '../api/stores';
import { FeedbackAlert, LoadFailed, useFeedback } from '@/components/feedback';
import { PageHeader } from './page-header';
import { PosKeysCard } from './pos-keys-card';
import { RenameStoreModal } from './rename-store-modal';
import { StoreStatus } from './store-status';

const backLink = (label: string) => (
  <Link to="/stores">
    <ArrowLeftOutlined /> {label}
  </Link>
);

/** One store: its details, renaming and deactivating for staff who may, and its POS keys. */
export function StoreDetailPage() {
  const { t, i18n } = useTranslation();
  const { storeId = '' } = useParams();
  const access = useStoresAccess();
  const { data: store, error, refetch } = useGetStoreQuery({ storeId });
  const [deactivateStore, deactivating] = useDeactivateStoreMutation();
  const [renaming, setRenaming] = useState(false);
  const feedback = useFeedback();
  useDocumentTitle(store?.name ?? t('stores.title'));

  if (!store && isApiError(error) && (error.status === 403 || error.status === 404 || error.status === 400)) {
    const forbidden = error.status === 403;
    return (
      <Result
        status={forbidden ? '403' : '404'}
        title={
          <h1 className="result-heading">
            {forbidden ? t('stores.detail.forbidden') : t('stores.detail.notFound')}
          </h1>
        }
        subTitle={forbidden ? t('stores.detail.forbiddenBody') : t('stores.detail.notFoundBody', { storeId })}
        extra={backLink(t('stores.detail.back'))}
      />
    );
  }
  if (!store && error) return <LoadFailed error={error} onRetry={() => void refetch()} />;
  if (!store) return <PageSpinner />;

  async function deactivate() {
    feedback.clear();
    try {
      await deactivateStore({ storeId }).unwrap();
      feedback.success((say) => say('stores.detail.deactivated'));
    } catch (failure) {
      feedback.failure(failure);
    }
  }

  return (
    <>
      {backLink(t('stores.detail.back'))}
      <PageHeader
        title={store.name}
        actions={
          access.writeStores && (
            <>
              <Button onClick={() => setRenaming(true)}>{t('stores.detail.rename')}</Button>
              {store.active && (
                <Popconfirm
                  title={t('stores.detail.deactivateTitle', { name: store.name })}
                  description={<div className="confirm-body">{t('stores.detail.deactivateBody')}</div>}
                  okText={t('stores.detail.deactivateConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => deactivate()}
                >
                  <Button danger loading={deactivating.isLoading}>
                    {t('stores.detail.deactivate')}
                  </Button>
                </Popconfirm>
              )}
            </>
          )
        }
      />
      <FeedbackAlert feedback={feedback.feedback} onClose={feedback.clear} />
      {!store.active && <Alert type="warning" showIcon title={t('stores.detail.inactiveNotice')} />}
      <Card>
        <Descriptions column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('stores.detail.storeId')}>
            <span className="mono">{store.storeId}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('stores.detail.status')}>
            <StoreStatus active={store.active} />
          </Descriptions.Item>
          <Descriptions.Item label={t('stores.detail.createdAt')}>
            {formatDateTime(store.createdAt, i18n.language)}
          </Descriptions.Item>
          {store.deactivatedAt && (
            <Descriptions.Item label={t('stores.detail.deactivatedAt')}>
              {formatDateTime(store.deactivatedAt, i18n.language)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <PosKeysCard store={store} />
      <RenameStoreModal
        store={store}
        open={renaming}
        onClose={() => setRenaming(false)}
        onRenamed={() => {
          setRenaming(false);
          feedback.success((say) => say('stores.detail.renamed'));
        }}
      />
    </>
  );
}
