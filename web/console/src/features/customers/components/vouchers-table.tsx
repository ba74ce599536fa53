import { Alert, Button, Empty, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { formatCount, formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCancelRedemptionMutation,
  useListMemberRedemptionsQuery,
  type ListMemberRedemptionsApiResponse,
} from '../api/customers';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';

type Redemption = ListMemberRedemptionsApiResponse['items'][number];
const PAGE_SIZE = 10;
const CODE_COLORS = { issued: 'blue', redeemed: 'default', cancelled: 'default' } as const;

/** What the member redeemed or was given, with the state of each code; a redemption can be cancelled here. */
export function VouchersTable({
  customerId,
  canCancel,
  onCancelled,
}: {
  customerId: string;
  canCancel: boolean;
  onCancelled: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const pages = useCursorPages(customerId);
  const { data, error, isFetching, refetch } = useListMemberRedemptionsQuery({
    customerId,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  const [cancelling, setCancelling] = useState<Redemption | undefined>();

  // A code used at a till cannot be given back; the API says so too (409 VOUCHER_USED).
  const cancellable = (redemption: Redemption) =>
    redemption.status === 'issued' && !redemption.vouchers.some((voucher) => voucher.status === 'redeemed');

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('customers.loadFailed')}
        description={problemText(error, t, language)}
        action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
      />
    );
  return (
    <>
      <Table<Redemption>
        rowKey="redemptionId"
        dataSource={data?.items}
        loading={isFetching}
        pagination={false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.vouchers.empty')} />
          ),
        }}
        columns={[
          {
            key: 'reward',
            title: t('customers.vouchers.reward'),
            render: (_, r) => (
              <Flex gap={8} align="center" wrap>
                <span>{r.rewardName}</span>
                {r.quantity > 1 && <Typography.Text type="secondary">×{r.quantity}</Typography.Text>}
                {r.campaignId && <Tag color="purple">{t('customers.vouchers.gift')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'redeemedAt',
            title: t('customers.vouchers.redeemedAt'),
            width: 190,
            render: (_, r) => formatDateTime(r.redeemedAt, language),
          },
          {
            key: 'points',
            title: t('customers.vouchers.pointsSpent'),
            width: 120,
            align: 'right',
            render: (_, r) => formatCount(r.pointsSpent, language),
          },
          {
            key: 'codes',
            title: t('customers.vouchers.codes'),
            render: (_, r) =>
              r.vouchers.length ? (
                <Flex vertical gap={4}>
                  {r.vouchers.map((voucher) => (
                    <Flex key={voucher.maskedCode} gap={8} align="center" wrap>
                      <Typography.Text code>{voucher.maskedCode}</Typography.Text>
                      <Tag color={CODE_COLORS[voucher.status]}>
                        {t(`customers.vouchers.codeStatus.${voucher.status}`)}
                      </Tag>
                      {voucher.status === 'issued' && (
                        <Typography.Text type="secondary">
                          {t('customers.vouchers.expires', {
                            at: formatDateTime(voucher.expiresAt, language),
                          })}
                        </Typography.Text>
                      )}
                    </Flex>
                  ))}
                </Flex>
              ) : (
                '—'
              ),
          },
          {
            key: 'status',
            title: t('customers.vouchers.status'),
            width: 100,
            render: (_, r) => (
              <Tag color={r.status === 'issued' ? 'blue' : 'default'}>
                {t(`customers.vouchers.redemptionStatus.${r.status}`)}
              </Tag>
            ),
          },
          ...(canCancel
            ? [
                {
                  key: 'actions',
                  title: t('customers.column.actions'),
                  width: 150,
                  render: (_: unknown, r: Redemption) =>
                    cancellable(r) && (
                      <Button danger onClick={() => setCancelling(r)}>
                        {t('customers.vouchers.cancel')}
                        <span className="visually-hidden"> {r.rewardName}</span>
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <CursorPager pages={pages} nextCursor={data?.nextCursor} label={t('customers.tabs.vouchers')} />
      {cancelling && (
        <CancelRedemptionDialog
          redemption={cancelling}
          onClose={() => setCancelling(undefined)}
          onCancelled={onCancelled}
        />
      )}
    </>
  );
}

function CancelRedemptionDialog({
  redemption,
  onClose,
  onCancelled,
}: {
  redemption: Redemption;
  onClose: () => void;
  onCancelled: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [cancel, { isLoading, error, reset }] = useCancelRedemptionMutation();
  const submit = async ({ reason }: { reason: string }) => {
    const result = await cancel({ redemptionId: redemption.redemptionId, body: { reason: reason.trim() } })
      .unwrap()
      .catch(() => undefined);
    if (!result) return;
    onCancelled(
      t('customers.vouchers.cancelled', { points: formatCount(result.pointsReturned, i18n.language) }),
    );
    onClose();
  };
  return (
    <Modal
      open
      title={t('customers.vouchers.cancelTitle', { reward: redemption.rewardName })}
      okText={t('customers.vouchers.confirmCancel')}
      cancelText={t('customers.vouchers.keep')}
      okButtonProps={{ danger: true, htmlType: 'submit', form: 'cancel-redemption' }}
      confirmLoading={isLoading}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('customers.vouchers.cancelBody', { points: formatCount(redemption.pointsSpent, i18n.language) })}
        </Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('customers.vouchers.cancelFailed')}
            description={problemText(error, t, i18n.language)}
          />
        )}
        <Form
          id="cancel-redemption"
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          onValuesChange={() => reset()}
        >
          <Form.Item
            name="reason"
            label={t('customers.vouchers.reason')}
            rules={[{ required: true, whitespace: true, message: t('customers.vouchers.reasonRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder={t('customers.vouchers.reasonPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
