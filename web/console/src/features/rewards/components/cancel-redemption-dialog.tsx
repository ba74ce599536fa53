import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useCancelRedemptionMutation, type ListRedemptionsApiResponse } from '../api/rewards';

type Redemption = ListRedemptionsApiResponse['items'][number];

/** Cancels a redemption with a reason (audited); the API refuses one collected or whose code was used. */
export function CancelRedemptionDialog({
  redemption,
  onClose,
}: {
  redemption: Redemption;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [cancel, { isLoading, error }] = useCancelRedemptionMutation();

  const submit = async ({ reason }: { reason: string }) => {
    try {
      const outcome = await cancel({ redemptionId: redemption.redemptionId, body: { reason } }).unwrap();
      void message.success(
        t('rewards.redemptions.cancelled', { points: formatCount(outcome.pointsReturned, language) }),
      );
      onClose();
    } catch {
      // Shown in the dialog from the mutation's error.
    }
  };

  return (
    <Modal
      open
      title={t('rewards.redemptions.cancelTitle', { name: redemption.rewardName })}
      okText={t('rewards.redemptions.cancelConfirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('rewards.redemptions.keep')}
      confirmLoading={isLoading}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('rewards.redemptions.cancelBody')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('rewards.redemptions.reason')}
          rules={[{ required: true, whitespace: true, message: t('rewards.redemptions.reasonRequired') }]}
        >
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('rewards.redemptions.cancelFailed')}
          description={problemText(error, t, language)}
        />
      )}
    </Modal>
  );
}
