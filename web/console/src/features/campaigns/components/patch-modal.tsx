import { Alert, App, Col, DatePicker, Form, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { isApiError } from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatchCampaignMutation, type Campaign } from '../api/campaigns';
import { serverFieldErrors, shanghaiMoment, shanghaiWallClock } from '../builder-form';

interface PatchValues {
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  limits?: {
    pointsBudget?: number | null;
    maxParticipants?: number | null;
    perCustomer?: { count?: number | null; per?: 'day' | 'week' | 'month' | 'campaign' };
  };
}

/** A small edit: the dates and limits alone (PATCH), made on the version shown. */
export function PatchModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PatchValues>();
  const [patch, { isLoading }] = usePatchCampaignMutation();
  const [failure, setFailure] = useState<unknown>();
  const { definition } = campaign;

  const save = async () => {
    const values = form.getFieldsValue(true) as PatchValues;
    const limits = values.limits ?? {};
    const count = limits.perCustomer?.count;
    try {
      await patch({
        campaignId: campaign.campaignId,
        body: {
          version: campaign.version,
          ...(values.startsAt ? { startsAt: shanghaiMoment(values.startsAt) } : {}),
          ...(values.endsAt ? { endsAt: shanghaiMoment(values.endsAt) } : {}),
          limits: {
            pointsBudget: limits.pointsBudget ?? null,
            maxParticipants: limits.maxParticipants ?? null,
            perCustomer: count ? { count, per: limits.perCustomer?.per ?? 'day' } : null,
          },
        },
      }).unwrap();
      void message.success(t('campaigns.patch.saved'));
      onClose();
    } catch (error) {
      if (isApiError(error) && error.fields)
        form.setFields(
          serverFieldErrors(error.fields, t).map(({ name, errors }) => ({ name: name as never, errors })),
        );
      setFailure(error);
    }
  };

  return (
    <Modal
      open
      title={t('campaigns.patch.title')}
      okText={t('campaigns.patch.save')}
      cancelText={t('campaigns.builder.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={isLoading}
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('campaigns.patch.hint')}</Typography.Paragraph>
      <Form<PatchValues>
        form={form}
        layout="vertical"
        initialValues={{
          startsAt: shanghaiWallClock(definition.startsAt),
          endsAt: shanghaiWallClock(definition.endsAt),
          limits: { ...definition.limits, perCustomer: definition.limits.perCustomer ?? { per: 'day' } },
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="startsAt" label={t('campaigns.builder.startsAt')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endsAt" label={t('campaigns.builder.endsAt')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['limits', 'pointsBudget']} label={t('campaigns.builder.pointsBudget')}>
              <InputNumber
                min={1}
                precision={0}
                style={{ width: '100%' }}
                placeholder={t('campaigns.builder.none')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['limits', 'maxParticipants']} label={t('campaigns.builder.maxParticipants')}>
              <InputNumber
                min={1}
                precision={0}
                style={{ width: '100%' }}
                placeholder={t('campaigns.builder.none')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['limits', 'perCustomer', 'count']}
              label={t('campaigns.builder.perCustomerCount')}
            >
              <InputNumber
                min={1}
                max={1000}
                precision={0}
                style={{ width: '100%' }}
                placeholder={t('campaigns.builder.none')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['limits', 'perCustomer', 'per']} label={t('campaigns.builder.perCustomerPer')}>
              <Select
                options={(['day', 'week', 'month', 'campaign'] as const).map((per) => ({
                  value: per,
                  label: t(`campaigns.builder.per.${per}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {failure !== undefined && (
        <Alert type="error" showIcon title={problemText(failure, t, i18n.language)} />
      )}
    </Modal>
  );
}
