import { Form, Input, Modal, Typography } from 'antd';
import { formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignUnmatchedPurchaseMutation, type ListUnmatchedPurchasesApiResponse } from '../api/stores';

type UnmatchedSale = ListUnmatchedPurchasesApiResponse['items'][number];

/** Names the member an unmatched sale was theirs; the points follow, once. */
export function AssignSaleModal({
  sale,
  onClose,
  onAssigned,
}: {
  sale: UnmatchedSale | null;
  onClose: () => void;
  onAssigned: (outcome: 'credited' | 'already-credited') => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ customerId: string }>();
  const [assign, { isLoading }] = useAssignUnmatchedPurchaseMutation();
  const [failure, setFailure] = useState<string>();
  const transaction = sale?.transaction;

  async function submit({ customerId }: { customerId: string }) {
    if (!transaction) return;
    setFailure(undefined);
    try {
      const { outcome } = await assign({
        storeId: transaction.storeId,
        transactionId: transaction.transactionId,
        body: { customerId: customerId.trim() },
      }).unwrap();
      form.resetFields();
      onAssigned(outcome);
    } catch (error) {
      setFailure(problemText(error, t, i18n.language));
    }
  }

  return (
    <Modal
      open={!!sale}
      title={transaction && t('stores.unmatched.assignTitle', { transactionId: transaction.transactionId })}
      okText={t('stores.unmatched.submit')}
      cancelText={t('stores.unmatched.cancel')}
      confirmLoading={isLoading}
      onOk={() => form.submit()}
      onCancel={() => {
        setFailure(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      {transaction && (
        <Typography.Paragraph type="secondary">
          {t('stores.unmatched.assignIntro', {
            store: transaction.storeId,
            amount: formatMoney(transaction.amount, i18n.language),
            time: formatDateTime(transaction.occurredAt, i18n.language),
          })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item
          name="customerId"
          label={t('stores.unmatched.customerIdField')}
          extra={failure ? undefined : t('stores.unmatched.customerIdHint')}
          rules={[{ required: true, whitespace: true, message: t('stores.unmatched.customerIdRequired') }]}
          validateStatus={failure ? 'error' : undefined}
          help={failure}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
