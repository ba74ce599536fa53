import { Alert, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { AdjustPointsApiArg } from '@sbm/web-shared/api';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdjustPointsMutation } from '../api/customers';

type ReasonCode = AdjustPointsApiArg['body']['reasonCode'];
const REASONS: ReasonCode[] = ['goodwill', 'service-recovery', 'correction', 'fraud', 'migration', 'other'];

interface AdjustForm {
  direction: 'add' | 'remove';
  points: number;
  reasonCode: ReasonCode;
  note: string;
}

const newKey = () => crypto.randomUUID();

/**
 * Adds or removes points with a reason and a note. One Idempotency-Key stands for one intended
 * adjustment: it is drawn when the dialog mounts (it is mounted each time it opens) and again whenever the
 * form is changed, never per click,
 * so a double-click or a retry of the same submission is credited once, by the API's replay.
 */
export function AdjustPointsDialog({
  open,
  customerId,
  balance,
  onClose,
  onAdjusted,
}: {
  open: boolean;
  customerId: string;
  balance: number;
  onClose: () => void;
  onAdjusted: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [form] = Form.useForm<AdjustForm>();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [adjust, { isLoading, error, reset }] = useAdjustPointsMutation();

  const submit = async (values: AdjustForm) => {
    const result = await adjust({
      'Idempotency-Key': idempotencyKey,
      body: {
        customerId,
        points: values.direction === 'remove' ? -values.points : values.points,
        reasonCode: values.reasonCode,
        note: values.note.trim(),
      },
    })
      .unwrap()
      .catch(() => undefined);
    if (!result) return;
    onAdjusted(
      t('customers.adjust.done', {
        points: `${result.points > 0 ? '+' : ''}${formatCount(result.points, language)}`,
        balance: formatCount(result.balance, language),
      }),
    );
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('customers.adjust.title')}
      okText={t('customers.adjust.submit')}
      okButtonProps={{ htmlType: 'submit', form: 'adjust-points' }}
      confirmLoading={isLoading}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">
          {t('customers.adjust.balanceNow', { balance: formatCount(balance, language) })}
        </Typography.Text>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('customers.adjust.failed')}
            description={problemText(error, t, language)}
          />
        )}
        <Form<AdjustForm>
          id="adjust-points"
          form={form}
          layout="vertical"
          initialValues={{ direction: 'add' }}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => {
            // Changed terms are another adjustment, with a key of its own.
            setIdempotencyKey(newKey());
            reset();
          }}
        >
          <Form.Item name="direction" label={t('customers.adjust.direction')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'add', label: t('customers.adjust.add') },
                { value: 'remove', label: t('customers.adjust.remove') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="points"
            label={t('customers.adjust.points')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1,
                max: 1_000_000,
                message: t('customers.adjust.pointsRequired'),
              },
            ]}
          >
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="reasonCode"
            label={t('customers.adjust.reason')}
            rules={[{ required: true, message: t('customers.adjust.reasonRequired') }]}
          >
            <Select
              options={REASONS.map((value) => ({ value, label: t(`customers.adjust.reasons.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('customers.adjust.note')}
            rules={[{ required: true, whitespace: true, message: t('customers.adjust.noteRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('customers.adjust.notePlaceholder')}
            />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
