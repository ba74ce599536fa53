import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import type { EarningRulesVersion } from '@sbm/web-shared/api';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGetTierLadderQuery, useSaveEarningRulesMutation } from '../api/programme';
import { asShanghaiMoment, fenOf, shanghaiWallClock } from '../shanghai';

interface Keyed {
  key?: string;
  multiplier?: number;
}

interface VersionForm {
  effectiveFrom?: Dayjs;
  fenPerPoint: number;
  minimumSpendYuan: number;
  lockDays: number;
  tierMultipliers: Record<string, number | null>;
  storeMultipliers: Keyed[];
  categoryMultipliers: Keyed[];
  excludedCategories: string[];
  excludedSkus: string[];
}

const keyed = (record: Record<string, number>): Keyed[] =>
  Object.entries(record).map(([key, multiplier]) => ({ key, multiplier }));
const record = (rows: Keyed[]) =>
  Object.fromEntries(
    rows
      .filter((row) => row.key?.trim() && typeof row.multiplier === 'number')
      .map((row) => [row.key!.trim(), row.multiplier!]),
  );

/** The first minute of tomorrow in Shanghai: the usual moment a new version starts. */
const tomorrowInShanghai = () => shanghaiWallClock(new Date()).add(1, 'day').startOf('day');

/** A new version of the earning rules, starting from the one in force, from the moment staff choose. */
export default function NewVersionDrawer({
  basedOn,
  onClose,
  onSaved,
}: {
  basedOn: EarningRulesVersion;
  onClose: () => void;
  onSaved: (saved: EarningRulesVersion) => void;
}) {
  const { t, i18n } = useTranslation();
  const ladder = useGetTierLadderQuery();
  const [save, saving] = useSaveEarningRulesMutation();
  const [refusal, setRefusal] = useState<string[]>();
  const [form] = Form.useForm<VersionForm>();
  const { rules } = basedOn;

  const multiplierField = (label: string, name: (string | number)[], width?: number) => (
    <Form.Item
      name={name}
      label={label}
      rules={[{ type: 'number', min: 0, max: 10, message: t('programme.rules.multiplierRange') }]}
    >
      <InputNumber min={0} max={10} step={0.1} style={{ width: width ?? '100%' }} placeholder="1" />
    </Form.Item>
  );

  const submit = async (values: VersionForm) => {
    setRefusal(undefined);
    try {
      const saved = await save({
        body: {
          effectiveFrom: asShanghaiMoment(values.effectiveFrom!),
          rules: {
            fenPerPoint: values.fenPerPoint,
            minimumSpend: fenOf(values.minimumSpendYuan),
            lockDays: values.lockDays,
            tierMultipliers: Object.fromEntries(
              Object.entries(values.tierMultipliers ?? {}).filter(
                (entry): entry is [string, number] => typeof entry[1] === 'number',
              ),
            ),
            storeMultipliers: record(values.storeMultipliers ?? []),
            categoryMultipliers: record(values.categoryMultipliers ?? []),
            excludedCategories: values.excludedCategories ?? [],
            excludedSkus: values.excludedSkus ?? [],
          },
        },
      }).unwrap();
      onSaved(saved);
    } catch (failure) {
      const problem = asApiError(failure);
      setRefusal([
        problemText(failure, t, i18n.language),
        ...(problem.fields ?? []).map((field) => `${field.field.replace(/^body\./, '')}: ${field.message}`),
      ]);
    }
  };

  const keyedList = (name: 'storeMultipliers' | 'categoryMultipliers', keyLabel: string) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                name={[field.name, 'key']}
                label={keyLabel}
                style={{ flex: 1 }}
                rules={[{ required: true, whitespace: true, message: t('programme.rules.keyRequired') }]}
              >
                <Input />
              </Form.Item>
              {multiplierField(t('programme.rules.multiplier'), [field.name, 'multiplier'], 120)}
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                style={{ marginTop: 30 }}
                aria-label={t('programme.rules.removeRow')}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ multiplier: 1 })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t(name === 'storeMultipliers' ? 'programme.rules.addStore' : 'programme.rules.addCategory')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );

  return (
    <Drawer
      open
      size={720}
      onClose={onClose}
      title={t('programme.rules.newTitle')}
      closable={{ 'aria-label': t('programme.close') }}
      footer={
        <Flex justify="flex-end" gap={12}>
          <Button onClick={onClose}>{t('programme.cancel')}</Button>
          <Button type="primary" loading={saving.isLoading} onClick={() => form.submit()}>
            {t('programme.rules.saveVersion')}
          </Button>
        </Flex>
      }
    >
      <Form<VersionForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        initialValues={{
          effectiveFrom: tomorrowInShanghai(),
          fenPerPoint: rules.fenPerPoint,
          minimumSpendYuan: rules.minimumSpend / 100,
          lockDays: rules.lockDays,
          tierMultipliers: rules.tierMultipliers,
          storeMultipliers: keyed(rules.storeMultipliers),
          categoryMultipliers: keyed(rules.categoryMultipliers),
          excludedCategories: rules.excludedCategories,
          excludedSkus: rules.excludedSkus,
        }}
      >
        <Alert
          type="info"
          showIcon
          title={t('programme.rules.basedOn', { version: basedOn.version })}
          style={{ marginBottom: 16 }}
        />
        {refusal && (
          <Alert
            type="error"
            showIcon
            title={refusal[0]}
            description={
              refusal.length > 1 && (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {refusal.slice(1).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )
            }
            style={{ marginBottom: 16 }}
          />
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="effectiveFrom"
              label={t('programme.rules.effectiveFrom')}
              extra={t('programme.rules.effectiveFromHint')}
              rules={[{ required: true, message: t('programme.rules.effectiveFromRequired') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="fenPerPoint"
              label={t('programme.rules.fenPerPoint')}
              extra={t('programme.rules.fenPerPointHint')}
              rules={[
                { required: true, type: 'integer', min: 1, message: t('programme.rules.fenPerPointInvalid') },
              ]}
            >
              <InputNumber
                min={1}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('programme.rules.fen')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="minimumSpendYuan"
              label={t('programme.rules.minimumSpend')}
              rules={[
                { required: true, type: 'number', min: 0, message: t('programme.rules.minimumSpendInvalid') },
              ]}
            >
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="lockDays"
              label={t('programme.rules.lockDays')}
              extra={t('programme.rules.lockDaysHint')}
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 0,
                  max: 90,
                  message: t('programme.rules.lockDaysInvalid'),
                },
              ]}
            >
              <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <h3 className="card-heading" style={{ margin: '8px 0 12px' }}>
          {t('programme.rules.tierMultipliers')}
        </h3>
        <Row gutter={16}>
          {(ladder.data?.tiers ?? []).map((tier) => (
            <Col span={6} key={tier.code}>
              {multiplierField(`${tier.name} (${tier.code})`, ['tierMultipliers', tier.code])}
            </Col>
          ))}
        </Row>
        <h3 className="card-heading" style={{ margin: '8px 0 12px' }}>
          {t('programme.rules.storeMultipliers')}
        </h3>
        {keyedList('storeMultipliers', t('programme.rules.storeId'))}
        <h3 className="card-heading" style={{ margin: '24px 0 12px' }}>
          {t('programme.rules.categoryMultipliers')}
        </h3>
        {keyedList('categoryMultipliers', t('programme.rules.category'))}
        <Row gutter={16} style={{ marginTop: 24 }}>
          <Col span={12}>
            <Form.Item name="excludedCategories" label={t('programme.rules.excludedCategories')}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                placeholder={t('programme.rules.tagsPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="excludedSkus" label={t('programme.rules.excludedSkus')}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                placeholder={t('programme.rules.tagsPlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
        <p className="card-hint">{t('programme.rules.expiryKept')}</p>
      </Form>
    </Drawer>
  );
}
