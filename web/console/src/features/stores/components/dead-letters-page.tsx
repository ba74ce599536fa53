import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Popconfirm, Result, Table, Typography } from 'antd';
import { isApiError } from '@sbm/web-shared/api';
import { formatDateTime } from '@sbm/web-shared/format';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  useListPosDeadLettersQuery,
  useRedrivePosDeadLetterMutation,
  useRedrivePosDeadLettersMutation,
  type ListPosDeadLettersApiResponse,
} from '../api/stores';
import { FeedbackAlert, LoadFailed, useFeedback } from '@/components/feedback';
import { PageHeader } from './page-header';
import { StateTag } from './store-status';

type DeadLetter = ListPosDeadLettersApiResponse['items'][number];
const KNOWN_REASONS = [
  'NO_POINTS_ACCOUNT',
  'NOT_YET_PROCESSABLE',
  'INVALID_MESSAGE',
  'TIMED_OUT',
  'NO_ERROR_RECORDED',
] as const;
type KnownReason = (typeof KNOWN_REASONS)[number];
const isKnownReason = (code: string): code is KnownReason =>
  (KNOWN_REASONS as readonly string[]).includes(code);

/** The sale or refund a dead letter carries: its kind, store and till reference. */
function carried(letter: DeadLetter) {
  const message = letter.message;
  if (!message) return undefined;
  return message.kind === 'purchase'
    ? {
        kind: 'purchase' as const,
        storeId: message.transaction.storeId,
        reference: message.transaction.transactionId,
      }
    : { kind: 'refund' as const, storeId: message.refund.storeId, reference: message.refund.refundId };
}

/** The reason a dead letter failed, in words where the code is one we know, with the consumer's sentence. */
function Reason({ letter }: { letter: DeadLetter }) {
  const { t } = useTranslation();
  const code = letter.lastError.code;
  return (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center" wrap>
        <StateTag tone="bad">{code}</StateTag>
        {isKnownReason(code) && <span>{t(`stores.deadLetters.reasons.${code}`)}</span>}
      </Flex>
      <Typography.Text type="secondary" className="dead-letter-message">
        {letter.lastError.message}
      </Typography.Text>
    </Flex>
  );
}

/** POS messages that failed five times, with why, to redrive one or all once the cause is fixed. */
export function DeadLettersPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isFetching, refetch } = useListPosDeadLettersQuery();
  const [redriveOne, one] = useRedrivePosDeadLetterMutation();
  const [redriveAll, all] = useRedrivePosDeadLettersMutation();
  const feedback = useFeedback();
  useDocumentTitle(t('stores.tabs.deadLetters'));

  async function act(action: () => Promise<unknown>, done: (say: TFunction) => string) {
    feedback.clear();
    try {
      await action();
      feedback.success(done);
    } catch (failure) {
      feedback.failure(failure);
    }
  }

  if (!data && isApiError(error) && error.status === 403)
    return (
      <Result
        status="403"
        title={<h1 className="result-heading">{t('stores.tabs.deadLetters')}</h1>}
        subTitle={t('stores.deadLetters.allStoresOnly')}
      />
    );

  const letters = data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('stores.tabs.deadLetters')}
        subtitle={t('stores.deadLetters.subtitle')}
        actions={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching}>
              {t('stores.deadLetters.refresh')}
            </Button>
            {letters.length > 0 && (
              <Popconfirm
                title={t('stores.deadLetters.redriveAllTitle')}
                description={<div className="confirm-body">{t('stores.deadLetters.redriveAllBody')}</div>}
                okText={t('stores.deadLetters.redriveConfirm')}
                cancelText={t('stores.deadLetters.cancel')}
                onConfirm={() =>
                  act(
                    () => redriveAll().unwrap(),
                    (say) => say('stores.deadLetters.redriveAllDone'),
                  )
                }
              >
                <Button type="primary" loading={all.isLoading}>
                  {t('stores.deadLetters.redriveAll')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <FeedbackAlert feedback={feedback.feedback} onClose={feedback.clear} />
      {error && !data ? (
        <LoadFailed error={error} onRetry={() => void refetch()} />
      ) : (
        <Card>
          <Flex vertical gap={16}>
            {data && data.total > letters.length && (
              <Alert
                type="info"
                showIcon
                title={t('stores.deadLetters.total', { total: data.total, shown: letters.length })}
              />
            )}
            <Table<DeadLetter>
              rowKey="messageId"
              loading={isFetching}
              dataSource={letters}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      <>
                        <strong>{t('stores.deadLetters.empty')}</strong>
                        <br />
                        {t('stores.deadLetters.emptyHint')}
                      </>
                    }
                  />
                ),
              }}
              columns={[
                {
                  title: t('stores.deadLetters.kind'),
                  key: 'kind',
                  render: (_, letter) => {
                    const what = carried(letter);
                    return what ? t(`stores.deadLetters.${what.kind}`) : t('stores.deadLetters.unreadable');
                  },
                },
                {
                  title: t('stores.deadLetters.store'),
                  key: 'store',
                  className: 'mono',
                  render: (_, letter) => carried(letter)?.storeId ?? '—',
                },
                {
                  title: t('stores.deadLetters.reference'),
                  key: 'reference',
                  render: (_, letter) => <span className="mono">{carried(letter)?.reference ?? '—'}</span>,
                },
                {
                  title: t('stores.deadLetters.reason'),
                  key: 'reason',
                  render: (_, letter) => <Reason letter={letter} />,
                },
                { title: t('stores.deadLetters.attempts'), dataIndex: 'receiveCount', align: 'right' },
                {
                  title: t('stores.deadLetters.sentAt'),
                  dataIndex: 'sentAt',
                  className: 'nowrap',
                  render: (at: string) => formatDateTime(at, language),
                },
                {
                  title: t('stores.deadLetters.actions'),
                  key: 'actions',
                  render: (_, letter) => (
                    <Button
                      size="small"
                      loading={one.isLoading && one.originalArgs?.messageId === letter.messageId}
                      aria-label={t('stores.deadLetters.redriveLabel', { messageId: letter.messageId })}
                      onClick={() =>
                        void act(
                          () => redriveOne({ messageId: letter.messageId }).unwrap(),
                          (say) => say('stores.deadLetters.redriven'),
                        )
                      }
                    >
                      {t('stores.deadLetters.redrive')}
                    </Button>
                  ),
                },
              ]}
            />
          </Flex>
        </Card>
      )}
    </>
  );
}
