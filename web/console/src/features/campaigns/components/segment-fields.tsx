import { Col, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Tier codes offered in the pickers: the default ladder's; staff may type any code their ladder has. */
export const TIER_SUGGESTIONS = ['bronze', 'silver', 'gold', 'platinum'].map((value) => ({
  value,
  label: value,
}));

/** A list of codes (stores, categories, SKUs, tiers) typed one by one. */
export function CodesSelect({
  id,
  options,
  ...props
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  options?: { value: string; label: string }[];
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      mode="tags"
      tokenSeparators={[',', ' ', '，']}
      placeholder={t('campaigns.builder.tagsPlaceholder')}
      options={options ?? []}
      open={options ? undefined : false}
      suffixIcon={null}
      {...props}
    />
  );
}

/** The rules of a segment, under `trigger.segment` of the builder's form. */
export function SegmentFields() {
  const { t } = useTranslation();
  const name = (field: string) => ['trigger', 'segment', field];
  const label = (field: string) => t(`campaigns.segment.${field}`);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={name('tiers')} label={label('tiers')}>
          <CodesSelect options={TIER_SUGGESTIONS} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={name('visitedStores')} label={label('visitedStores')}>
          <CodesSelect />
        </Form.Item>
      </Col>
      {(['minBalance', 'maxBalance', 'purchasedWithinDays', 'notPurchasedForDays'] as const).map((field) => (
        <Col xs={12} md={6} key={field}>
          <Form.Item name={name(field)} label={label(field)}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ))}
      <Col xs={12} md={6}>
        <Form.Item name={name('birthdayMonth')} label={label('birthdayMonth')}>
          <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['trigger', 'segment', 'minSpend', 'amount']} label={label('minSpendAmount')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['trigger', 'segment', 'minSpend', 'months']} label={label('minSpendMonths')}>
          <InputNumber min={1} max={24} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
