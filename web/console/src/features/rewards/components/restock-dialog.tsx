import { App, Descriptions, Form, InputNumber, Modal, Typography } from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useUpdateRewardMutation, type Reward } from '../api/rewards';

/** Restocks a reward (or withdraws unsold units): a change, never a new total, so it never races redemptions. */
export function RestockDialog({ reward, onClose }: { reward: Reward; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ change: number }>();
  const change = Form.useWatch('change', form);
  const [update, { isLoading }] = useUpdateRewardMutation();
  const current = typeof reward.stock === 'number' ? reward.stock : 0;

  const submit = async ({ change: addStock }: { change: number }) => {
    try {
      const updated = await update({ rewardId: reward.id, body: { addStock } }).unwrap();
      void message.success(
        t('rewards.restock.done', {
          name: reward.name,
          stock: formatCount(typeof updated.stock === 'number' ? updated.stock : 0, language),
        }),
      );
      onClose();
    } catch (failure) {
      form.setFields([{ name: 'change', errors: [problemText(failure, t, language)] }]);
    }
  };

  return (
    <Modal
      open
      title={t('rewards.restock.title', { name: reward.name })}
      okText={t('rewards.restock.submit')}
      cancelText={t('rewards.catalogue.cancel')}
      confirmLoading={isLoading}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'current', label: t('rewards.restock.current'), children: formatCount(current, language) },
        ]}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="change"
          label={t('rewards.restock.change')}
          extra={t('rewards.restock.changeHelp')}
          rules={[
            {
              validator: (_, value: number | null) =>
                value ? Promise.resolve() : Promise.reject(new Error(t('rewards.restock.changeRequired'))),
            },
          ]}
        >
          <InputNumber min={-current} max={10_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {Boolean(change) && (
        <Typography.Text>
          {t('rewards.restock.after', { stock: formatCount(current + (change ?? 0), language) })}
        </Typography.Text>
      )}
    </Modal>
  );
}
