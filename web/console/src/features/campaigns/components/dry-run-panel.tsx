import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Typography,
} from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDryRunCampaignMutation, type Campaign, type DryRunCampaignApiArg } from '../api/campaigns';
import { shanghaiMoment, shanghaiWallClock } from '../builder-form';
import { isBooking, VENUE_KINDS } from '../triggers';
import { CodesSelect, TIER_SUGGESTIONS } from './segment-fields';

interface SampleValues {
  storeId?: string;
  amount?: number | null;
  occurredAt?: Dayjs | null;
  categories?: string[];
  skus?: string[];
  customerId?: string;
  customerTier?: string[];
  purchaseNumber?: number | null;
  basePoints?: number | null;
  venueId?: string;
  venueKind?: (typeof VENUE_KINDS)[number];
  partySize?: number | null;
}

type Sample = DryRunCampaignApiArg['body'];

/** The sample as the API takes it: an attended booking for a booking campaign, else a purchase; only what was given. */
function sampleOf(values: SampleValues, booking: boolean): Sample {
  const at = values.occurredAt ? shanghaiMoment(values.occurredAt) : new Date().toISOString();
  const member = {
    ...(values.customerId?.trim() ? { customerId: values.customerId.trim() } : {}),
    ...(values.customerTier?.[0] ? { customerTier: values.customerTier[0] } : {}),
  };
  if (booking)
    return {
      booking: {
        venueId: values.venueId ?? '',
        venueKind: values.venueKind ?? 'event',
        partySize: values.partySize ?? 1,
        attendedAt: at,
      },
      ...member,
    };
  const purchase: Sample['purchase'] = {
    storeId: values.storeId ?? '',
    amount: Math.round((values.amount ?? 0) * 100),
    occurredAt: at,
    ...(values.categories?.length ? { categories: values.categories } : {}),
    ...(values.skus?.length ? { skus: values.skus } : {}),
    ...(values.purchaseNumber ? { purchaseNumber: values.purchaseNumber } : {}),
    ...(values.basePoints != null ? { basePoints: values.basePoints } : {}),
  };
  return { purchase, ...member };
}

/** A sale or booking that meets the campaign's own terms where it can, as a starting point to change. */
function sampleFor(campaign: Campaign): SampleValues {
  const { conditions, startsAt, endsAt } = campaign.definition;
  const now = Date.now();
  const inWindow = now >= Date.parse(startsAt) && now < Date.parse(endsAt);
  return {
    storeId: conditions.stores?.[0] ?? '',
    amount: Math.max(100, (conditions.minSpend ?? 0) / 100),
    occurredAt: inWindow
      ? shanghaiWallClock(new Date(now).toISOString())
      : shanghaiWallClock(startsAt).add(1, 'hour'),
    categories: conditions.categories?.slice(0, 1) ?? [],
    skus: conditions.skus?.slice(0, 1) ?? [],
    venueId: conditions.venues?.[0] ?? '',
    venueKind: conditions.venueKinds?.[0] ?? 'event',
    partySize: Math.max(1, conditions.minPartySize ?? 2),
  };
}

/** Paste or compose a sample purchase (or attended booking) and see each check pass or fail, and the award. */
export function DryRunPanel({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [mode, setMode] = useState<'compose' | 'paste'>('compose');
  const [form] = Form.useForm<SampleValues>();
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState(false);
  const [dryRun, { data, error, isLoading, reset }] = useDryRunCampaignMutation();
  const booking = isBooking(campaign.definition.trigger.kind);

  const run = () => {
    let body: Sample;
    if (mode === 'paste') {
      try {
        body = JSON.parse(pasted) as Sample;
      } catch {
        setPasteError(true);
        return;
      }
    } else body = sampleOf(form.getFieldsValue(true), booking);
    setPasteError(false);
    reset();
    void dryRun({ campaignId: campaign.campaignId, body });
  };
  const switchMode = (next: 'compose' | 'paste') => {
    if (next === 'paste' && !pasted)
      setPasted(JSON.stringify(sampleOf(form.getFieldsValue(true), booking), null, 2));
    setMode(next);
  };
  const label = (key: string) => t(`campaigns.dryRun.${key}`);

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={12}>
        <Card title={<h2 className="card-heading">{t('campaigns.detail.tabs.dryRun')}</h2>}>
          <Typography.Paragraph type="secondary">
            {label(booking ? 'introBooking' : 'intro')}
          </Typography.Paragraph>
          <Segmented
            aria-label={t('campaigns.detail.tabs.dryRun')}
            value={mode}
            onChange={switchMode}
            options={[
              { value: 'compose', label: label('compose') },
              { value: 'paste', label: label('paste') },
            ]}
            style={{ marginBottom: 16 }}
          />
          {mode === 'paste' ? (
            <Form layout="vertical">
              <Form.Item
                label={label('pasteLabel')}
                extra={label('pasteHelp')}
                validateStatus={pasteError ? 'error' : undefined}
                help={pasteError ? label('pasteInvalid') : undefined}
              >
                <Input.TextArea
                  rows={12}
                  value={pasted}
                  onChange={(event) => setPasted(event.target.value)}
                  style={{ fontFamily: 'monospace' }}
                />
              </Form.Item>
            </Form>
          ) : (
            <Form<SampleValues> form={form} layout="vertical" initialValues={sampleFor(campaign)}>
              <Row gutter={16}>
                {booking && (
                  <>
                    <Col span={12}>
                      <Form.Item name="venueId" label={label('venueId')}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="venueKind" label={label('venueKind')}>
                        <Select
                          options={VENUE_KINDS.map((value) => ({
                            value,
                            label: t(`campaigns.venueKind.${value}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="partySize" label={label('partySize')}>
                        <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="occurredAt" label={label('attendedAt')}>
                        <DatePicker
                          showTime={{ format: 'HH:mm' }}
                          format="YYYY-MM-DD HH:mm"
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  </>
                )}
                {!booking && (
                  <>
                    <Col span={12}>
                      <Form.Item name="storeId" label={label('storeId')}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="amount" label={label('amount')}>
                        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="occurredAt" label={label('occurredAt')}>
                        <DatePicker
                          showTime={{ format: 'HH:mm' }}
                          format="YYYY-MM-DD HH:mm"
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="basePoints" label={label('basePoints')}>
                        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="categories" label={label('categories')}>
                        <CodesSelect />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="skus" label={label('skus')}>
                        <CodesSelect />
                      </Form.Item>
                    </Col>
                  </>
                )}
                <Col span={12}>
                  <Form.Item name="customerId" label={label('customerId')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="customerTier" label={label('customerTier')}>
                    <CodesSelect options={TIER_SUGGESTIONS} />
                  </Form.Item>
                </Col>
                {!booking && (
                  <Col span={12}>
                    <Form.Item name="purchaseNumber" label={label('purchaseNumber')}>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            </Form>
          )}
          <Button type="primary" onClick={run} loading={isLoading}>
            {label('run')}
          </Button>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        {error ? (
          <Alert type="error" showIcon title={problemText(error, t, language)} />
        ) : data ? (
          <Card
            title={<h2 className="card-heading">{label('checksOf')}</h2>}
            extra={
              !booking && (
                <Typography.Text type="secondary">
                  {t('campaigns.dryRun.basePointsOf', { points: formatCount(data.basePoints, language) })}
                </Typography.Text>
              )
            }
          >
            <Alert
              type={data.applies ? 'success' : 'warning'}
              showIcon
              title={
                data.applies
                  ? t('campaigns.dryRun.applies', { bonus: formatCount(data.bonusPoints, language) })
                  : label('doesNotApply')
              }
              style={{ marginBottom: 16 }}
            />
            {data.heldOut && (
              <Alert type="info" showIcon title={label('heldOut')} style={{ marginBottom: 16 }} />
            )}
            <ul aria-label={label('checksOf')} className="dry-run-checks">
              {data.checks.map((check, index) => (
                <li key={`${check.condition}-${index}`}>
                  {check.passed ? (
                    <CheckCircleFilled className="check-icon check-passed" aria-hidden />
                  ) : (
                    <CloseCircleFilled className="check-icon check-failed" aria-hidden />
                  )}
                  <div>
                    <Typography.Text strong>
                      {t(`campaigns.dryRun.check.${check.condition}`, { defaultValue: check.condition })}
                    </Typography.Text>
                    {' · '}
                    <span className={check.passed ? 'check-passed' : 'check-failed'}>
                      {check.passed ? label('passed') : label('failed')}
                    </span>
                    <br />
                    <Typography.Text type="secondary">{check.detail}</Typography.Text>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </Col>
    </Row>
  );
}
