import { CalculatorOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Statistic,
} from 'antd';
import { formatCount, formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useShellProfile } from '@/features/shell';
import { useGetTierLadderQuery, useListStoresQuery, usePreviewEarningMutation } from '../api/programme';
import { asShanghaiMoment, fenOf, shanghaiWallClock } from '../shanghai';

interface Line {
  sku?: string;
  category?: string;
  quantity?: number;
  unitPriceYuan?: number;
}

interface SampleForm {
  tier?: string;
  storeId?: string;
  amountYuan?: number;
  occurredAt?: Dayjs;
  items: Line[];
}

/** A sample sale tried against the earning rules in force at its moment: what it would earn, and why. */
export function EarnPreview() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { permissions } = useShellProfile();
  const ladder = useGetTierLadderQuery();
  const stores = useListStoresQuery({ limit: 100 }, { skip: !permissions.has('stores:read') });
  const [preview, result] = usePreviewEarningMutation();
  const [form] = Form.useForm<SampleForm>();

  const submit = (values: SampleForm) => {
    void preview({
      body: {
        tier: values.tier!,
        storeId: values.storeId!.trim(),
        amount: fenOf(values.amountYuan!),
        occurredAt: asShanghaiMoment(values.occurredAt!),
        items: (values.items ?? []).map((line) => ({
          sku: line.sku!.trim(),
          category: line.category!.trim(),
          quantity: line.quantity!,
          unitPrice: fenOf(line.unitPriceYuan!),
        })),
      },
    });
  };
  const refused = result.error ? asApiError(result.error) : undefined;
  const data = result.data;

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={<h2 className="card-heading">{t('programme.preview.title')}</h2>}>
          <p className="card-hint" style={{ marginTop: 0 }}>
            {t('programme.preview.hint')}
          </p>
          <Form<SampleForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            initialValues={{ occurredAt: shanghaiWallClock(new Date()), items: [] }}
          >
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item
                  name="tier"
                  label={t('programme.preview.tier')}
                  rules={[{ required: true, message: t('programme.preview.tierRequired') }]}
                >
                  <Select
                    placeholder={t('programme.preview.tierPlaceholder')}
                    loading={ladder.isLoading}
                    options={(ladder.data?.tiers ?? []).map((tier) => ({
                      value: tier.code,
                      label: `${tier.name} (${tier.code})`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="storeId"
                  label={t('programme.preview.store')}
                  rules={[
                    { required: true, whitespace: true, message: t('programme.preview.storeRequired') },
                    {
                      pattern: /^\s*[a-z0-9][a-z0-9-]{1,39}\s*$/,
                      message: t('programme.preview.storeInvalid'),
                    },
                  ]}
                >
                  <AutoComplete
                    placeholder="plaza-b1-017"
                    options={(stores.data?.items ?? []).map((store) => ({
                      value: store.storeId,
                      label: `${store.name} (${store.storeId})`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="amountYuan"
                  label={t('programme.preview.amount')}
                  extra={t('programme.preview.amountHint')}
                  rules={[
                    { required: true, message: t('programme.preview.amountRequired') },
                    { type: 'number', min: 0, max: 1_000_000, message: t('programme.preview.amountInvalid') },
                  ]}
                >
                  <InputNumber prefix="¥" min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="occurredAt"
                  label={t('programme.preview.moment')}
                  extra={t('programme.preview.momentHint')}
                  rules={[{ required: true, message: t('programme.preview.momentRequired') }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Flex vertical>
                  <h3 className="card-heading" style={{ margin: '0 0 8px' }}>
                    {t('programme.preview.lines')}
                  </h3>
                  {fields.length === 0 && <p className="card-hint">{t('programme.preview.noLines')}</p>}
                  {fields.map((field, index) => (
                    <Flex key={field.key} gap={8} align="flex-start">
                      <Form.Item
                        name={[field.name, 'sku']}
                        label={t('programme.preview.sku')}
                        style={{ flex: 1 }}
                        rules={[
                          { required: true, whitespace: true, message: t('programme.preview.required') },
                        ]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'category']}
                        label={t('programme.preview.category')}
                        style={{ flex: 1 }}
                        rules={[
                          { required: true, whitespace: true, message: t('programme.preview.required') },
                        ]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'quantity']}
                        label={t('programme.preview.quantity')}
                        style={{ width: 100 }}
                        rules={[
                          {
                            required: true,
                            type: 'integer',
                            min: 1,
                            message: t('programme.preview.quantityInvalid'),
                          },
                        ]}
                      >
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'unitPriceYuan']}
                        label={t('programme.preview.unitPrice')}
                        style={{ width: 150 }}
                        rules={[
                          {
                            required: true,
                            type: 'number',
                            min: 0,
                            message: t('programme.preview.required'),
                          },
                        ]}
                      >
                        <InputNumber prefix="¥" min={0} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        style={{ marginTop: 30 }}
                        aria-label={t('programme.preview.removeLine', { n: index + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  ))}
                  <Flex justify="space-between" gap={12} wrap>
                    <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
                      {t('programme.preview.addLine')}
                    </Button>
                    <Button
                      type="primary"
                      htmlType="submit"
                      icon={<CalculatorOutlined />}
                      loading={result.isLoading}
                    >
                      {t('programme.preview.run')}
                    </Button>
                  </Flex>
                </Flex>
              )}
            </Form.List>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={<h2 className="card-heading">{t('programme.preview.result')}</h2>} aria-live="polite">
          {refused ? (
            <Alert
              type="error"
              showIcon
              title={problemText(result.error, t, language)}
              description={
                refused.fields?.length ? (
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {refused.fields.map((field) => (
                      <li key={field.field}>{`${field.field.replace(/^body\./, '')}: ${field.message}`}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          ) : data ? (
            <Flex vertical gap={16}>
              <Statistic title={t('programme.preview.points')} value={formatCount(data.points, language)} />
              <Descriptions
                size="small"
                column={1}
                bordered
                items={[
                  {
                    key: 'version',
                    label: t('programme.preview.version'),
                    children:
                      data.version === 0
                        ? t('programme.rules.builtIn')
                        : t('programme.preview.versionFrom', {
                            version: data.version,
                            from: formatDateTime(data.effectiveFrom, language),
                          }),
                  },
                  {
                    key: 'rate',
                    label: t('programme.rules.rate'),
                    children: t('programme.rules.rateValue', {
                      money: formatMoney(data.fenPerPoint, language),
                    }),
                  },
                  {
                    key: 'tier',
                    label: t('programme.preview.tierMultiplier'),
                    children: `× ${data.tierMultiplier}`,
                  },
                  {
                    key: 'store',
                    label: t('programme.preview.storeMultiplier'),
                    children: `× ${data.storeMultiplier}`,
                  },
                  {
                    key: 'minimumSpend',
                    label: t('programme.rules.minimumSpend'),
                    children: formatMoney(data.minimumSpend, language),
                  },
                  {
                    key: 'excluded',
                    label: t('programme.preview.excludedLines'),
                    children: formatCount(data.excludedLines, language),
                  },
                  {
                    key: 'pending',
                    label: t('programme.rules.lockDays'),
                    children: t('programme.rules.days', { count: data.lockDays }),
                  },
                ]}
              />
              <p className="card-hint" style={{ margin: 0 }}>
                {t('programme.preview.bonusesApart')}
              </p>
            </Flex>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('programme.preview.nothingYet')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
