import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Table, Typography } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoresAccess } from '../access';
import {
  PAGE_SIZE,
  useIssuePosKeyMutation,
  useListPosKeysQuery,
  useRevokePosKeyMutation,
  useRotatePosKeyMutation,
  type PosKey,
  type Store,
} from '../api/stores';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { FeedbackAlert, LoadFailed, useFeedback } from '@/components/feedback';
import { SecretModal, type RevealedKey } from './secret-modal';
import { StateTag } from './store-status';

const STATE_TONES = { active: 'ok', rotating: 'warn', expired: 'muted', revoked: 'bad' } as const;

/** A key's state, with when a rotated key stops (or stopped) and when a revoked one was revoked. */
function KeyState({ posKey, storeActive }: { posKey: PosKey; storeActive: boolean }) {
  const { t, i18n } = useTranslation();
  const at = (iso?: string) => (iso ? formatDateTime(iso, i18n.language) : '');
  const detail =
    posKey.state === 'rotating'
      ? t('stores.keys.rotatingUntil', { time: at(posKey.validUntil) })
      : posKey.state === 'expired'
        ? t('stores.keys.expiredAt', { time: at(posKey.validUntil) })
        : posKey.state === 'revoked' && posKey.revokedAt
          ? t('stores.keys.revokedAt', { time: at(posKey.revokedAt) })
          : undefined;
  // A deactivated store's keys are refused whatever their own state says.
  if (!storeActive && (posKey.state === 'active' || posKey.state === 'rotating'))
    return <StateTag tone="muted">{t('stores.keys.storeInactive')}</StateTag>;
  return (
    <Flex gap={4} align="center" wrap>
      <StateTag tone={STATE_TONES[posKey.state]}>{t(`stores.keys.${posKey.state}`)}</StateTag>
      {detail && <Typography.Text type="secondary">{detail}</Typography.Text>}
    </Flex>
  );
}

/** A store's POS keys: their states, and issuing, rotating and revoking for staff who may. */
export function PosKeysCard({ store }: { store: Store }) {
  const { t, i18n } = useTranslation();
  const access = useStoresAccess();
  const pages = useCursorPages();
  const { data, error, isFetching, refetch } = useListPosKeysQuery({
    storeId: store.storeId,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  const [issueKey, issuing] = useIssuePosKeyMutation();
  const [rotateKey, rotating] = useRotatePosKeyMutation();
  const [revokeKey] = useRevokePosKeyMutation();
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const feedback = useFeedback();
  const manage = access.manageKeys && store.active;

  async function issue() {
    feedback.clear();
    try {
      const key = await issueKey({ storeId: store.storeId }).unwrap();
      setRevealed({ keyId: key.keyId, secret: key.secret });
    } catch (failure) {
      feedback.failure(failure);
    }
  }

  async function rotate(keyId: string) {
    feedback.clear();
    try {
      const key = await rotateKey({ keyId }).unwrap();
      setRevealed({
        keyId: key.keyId,
        secret: key.secret,
        replaced: { keyId, validUntil: key.previousKeyValidUntil },
      });
    } catch (failure) {
      feedback.failure(failure);
    }
  }

  async function revoke(keyId: string) {
    feedback.clear();
    try {
      await revokeKey({ keyId }).unwrap();
      feedback.success((say) => say('stores.keys.revoked_done', { keyId }));
    } catch (failure) {
      feedback.failure(failure);
    }
  }

  // Newest first within the page: the key in use is the one a reader looks for.
  const keys = [...(data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Card
      title={<h2 className="card-heading">{t('stores.keys.title')}</h2>}
      extra={
        manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={issuing.isLoading}
            onClick={() => void issue()}
          >
            {t('stores.keys.issue')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('stores.keys.hint')}</Typography.Text>
        <FeedbackAlert feedback={feedback.feedback} onClose={feedback.clear} />
        {error && !data ? (
          <LoadFailed error={error} onRetry={() => void refetch()} />
        ) : (
          <>
            <Table<PosKey>
              rowKey="keyId"
              loading={isFetching}
              dataSource={keys}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty
                    description={
                      <>
                        <strong>{t('stores.keys.empty')}</strong>
                        <br />
                        {t('stores.keys.emptyHint')}
                      </>
                    }
                  />
                ),
              }}
              columns={[
                {
                  title: t('stores.keys.keyId'),
                  dataIndex: 'keyId',
                  render: (keyId: string) => <Typography.Text code>{keyId}</Typography.Text>,
                },
                {
                  title: t('stores.keys.state'),
                  key: 'state',
                  render: (_, key) => <KeyState posKey={key} storeActive={store.active} />,
                },
                {
                  title: t('stores.keys.createdAt'),
                  dataIndex: 'createdAt',
                  className: 'nowrap',
                  render: (at: string) => formatDateTime(at, i18n.language),
                },
                {
                  title: t('stores.keys.rotatedTo'),
                  dataIndex: 'rotatedTo',
                  render: (keyId?: string) => (keyId ? <Typography.Text code>{keyId}</Typography.Text> : '—'),
                },
                ...(access.manageKeys
                  ? [
                      {
                        title: t('stores.keys.actions'),
                        key: 'actions',
                        render: (_: unknown, key: PosKey) => (
                          <Flex gap={8}>
                            {manage && key.state === 'active' && (
                              <Button
                                size="small"
                                loading={rotating.isLoading && rotating.originalArgs?.keyId === key.keyId}
                                aria-label={t('stores.keys.rotateLabel', { keyId: key.keyId })}
                                onClick={() => void rotate(key.keyId)}
                              >
                                {t('stores.keys.rotate')}
                              </Button>
                            )}
                            {(key.state === 'active' || key.state === 'rotating') && (
                              <Popconfirm
                                title={t('stores.keys.revokeTitle', { keyId: key.keyId })}
                                description={t('stores.keys.revokeBody')}
                                okText={t('stores.keys.revoke')}
                                okButtonProps={{ danger: true }}
                                onConfirm={() => revoke(key.keyId)}
                              >
                                <Button
                                  size="small"
                                  danger
                                  aria-label={t('stores.keys.revokeLabel', { keyId: key.keyId })}
                                >
                                  {t('stores.keys.revoke')}
                                </Button>
                              </Popconfirm>
                            )}
                          </Flex>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <CursorPager pages={pages} nextCursor={data?.nextCursor} />
          </>
        )}
      </Flex>
      <SecretModal revealed={revealed} onClose={() => setRevealed(null)} />
    </Card>
  );
}
