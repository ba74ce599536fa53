import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { isApiError } from '@sbm/web-shared/api';
import { segmentSchema } from '@sbm/web-shared/contracts';
import { problemText } from '@sbm/web-shared/problems';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  useCreateCampaignMutation,
  useGetCampaignQuery,
  useUpdateCampaignMutation,
  type Campaign,
} from '../api/campaigns';
import {
  formFromDefinition,
  segmentFrom,
  serverFieldErrors,
  validateDefinition,
  changesFrom,
  type BuilderValues,
  type FieldError,
} from '../builder-form';
import { isBlast, isBooking, isPurchase, TRIGGER_KINDS, VENUE_KINDS } from '../triggers';
import { AudiencePreview } from './audience-preview';
import { RewardSelect } from './reward-select';
import { CodesSelect, SegmentFields, TIER_SUGGESTIONS } from './segment-fields';

const PERIODS = ['day', 'week', 'month', 'campaign'] as const;

/** A new campaign's form: a purchase campaign of the coming week, starting tomorrow at midnight. */
function newCampaignValues(): BuilderValues {
  const tomorrow = dayjs().add(1, 'day').startOf('day');
  return {
    trigger: { kind: 'purchase', segment: {} },
    startsAt: tomorrow,
    endsAt: tomorrow.add(7, 'day'),
    effects: { bonusPoints: { kind: 'fixed' } },
    limits: { perCustomer: { per: 'day' } },
    priority: 100,
    exclusive: false,
    optIn: false,
    visibleToMembers: true,
  };
}

/** The builder, for a new campaign or (with `campaignId` in the path) to edit one. */
export function CampaignBuilderPage() {
  const { campaignId } = useParams();
  const { t } = useTranslation();
  const { data, error, isLoading } = useGetCampaignQuery({ campaignId: campaignId! }, { skip: !campaignId });
  if (campaignId && isLoading) return <Skeleton active paragraph={{ rows: 12 }} className="page" />;
  if (campaignId && (error || !data))
    return (
      <Result
        status={isApiError(error) && error.status === 404 ? '404' : 'error'}
        title={<h1 className="result-heading">{t('campaigns.detail.loadFailed')}</h1>}
        extra={<Link to="/campaigns">{t('campaigns.detail.back')}</Link>}
      />
    );
  return <CampaignBuilder campaign={data} key={data?.campaignId ?? 'new'} />;
}

function CampaignBuilder({ campaign }: { campaign?: Campaign }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<BuilderValues>();
  const [create, creating] = useCreateCampaignMutation();
  const [update, updating] = useUpdateCampaignMutation();
  const [failure, setFailure] = useState<unknown>();
  const [invalid, setInvalid] = useState(false);
  const initial = useMemo(
    () => (campaign ? formFromDefinition(campaign.definition) : newCampaignValues()),
    [campaign],
  );
  const title = campaign
    ? t('campaigns.builder.titleEdit', { name: campaign.definition.name })
    : t('campaigns.builder.titleNew');
  useDocumentTitle(title);
  const kind = Form.useWatch(['trigger', 'kind'], form) ?? initial.trigger.kind;
  const bonusKind = Form.useWatch(['effects', 'bonusPoints', 'kind'], form) ?? 'none';

  const [shown, setShown] = useState<FieldError[]>([]);
  const showErrors = (errors: FieldError[]) => {
    // Errors of the last try that no longer apply are cleared, the new ones set beside their fields.
    form.setFields([
      // The names are the definition's paths, which the form's own field names are built from.
      ...shown.map(({ name }) => ({ name: name as never, errors: [] as string[] })),
      ...errors.map(({ name, errors: messages }) => ({ name: name as never, errors: messages })),
    ]);
    setShown(errors);
    setInvalid(errors.length > 0);
    const first = errors[0];
    if (first) form.scrollToField(first.name as never, { block: 'center' });
  };

  const save = async () => {
    setFailure(undefined);
    const values = form.getFieldsValue(true) as BuilderValues;
    const checked = validateDefinition(values, t);
    if (checked.errors) return showErrors(checked.errors);
    showErrors([]);
    try {
      const saved = campaign
        ? await update({
            campaignId: campaign.campaignId,
            body: {
              definition: changesFrom(campaign.definition, checked.definition),
              version: campaign.version,
            },
          }).unwrap()
        : await create({ campaignDefinitionInput: checked.definition }).unwrap();
      void message.success(campaign ? t('campaigns.builder.saved') : t('campaigns.builder.created'));
      void navigate(`/campaigns/${saved.campaignId}`);
    } catch (error) {
      if (isApiError(error) && error.fields?.length) showErrors(serverFieldErrors(error.fields, t));
      setFailure(error);
    }
  };

  const audienceSegment = () => {
    const values = form.getFieldsValue(true) as BuilderValues;
    const segment = isBlast(values.trigger.kind)
      ? segmentFrom(values.trigger.segment)
      : segmentFrom({ tiers: values.conditions?.tiers });
    const parsed = segmentSchema.safeParse(segment);
    if (parsed.success) return parsed.data;
    showErrors(validateDefinition(values, t).errors ?? []);
    return undefined;
  };

  const purchase = isPurchase(kind);
  const booking = isBooking(kind);
  const label = (key: string) => t(`campaigns.builder.${key}`);
  const cardTitle = (key: string) => <h2 className="card-heading">{label(key)}</h2>;

  return (
    <Flex vertical gap={24} className="page">
      <div>
        <Link to={campaign ? `/campaigns/${campaign.campaignId}` : '/campaigns'}>
          <ArrowLeftOutlined /> {t('campaigns.detail.back')}
        </Link>
        <Typography.Title level={1} className="page-title" style={{ marginTop: 8 }}>
          {title}
        </Typography.Title>
      </div>
      <Form<BuilderValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => void save()}
        requiredMark={false}
        scrollToFirstError
      >
        <Flex vertical gap={24}>
          <Card title={cardTitle('basics')}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={label('name')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="startsAt" label={label('startsAt')}>
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="endsAt" label={label('endsAt')}>
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="description" label={label('description')} extra={label('descriptionHelp')}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={cardTitle('triggerCard')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['trigger', 'kind']} label={label('triggerKind')}>
                  <Select
                    options={TRIGGER_KINDS.map((value) => ({
                      value,
                      label: t(`campaigns.trigger.${value}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              {kind === 'custom' && (
                <Col xs={24} md={16}>
                  <Form.Item
                    name={['trigger', 'eventName']}
                    label={label('eventName')}
                    extra={label('eventNameHelp')}
                  >
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
              )}
              {kind === 'blast' && (
                <Col xs={24} md={8}>
                  <Form.Item name={['trigger', 'at']} label={label('at')}>
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              )}
              {kind === 'recurring' && (
                <Col xs={24} md={16}>
                  <Form.Item
                    name={['trigger', 'schedule']}
                    label={label('schedule')}
                    extra={label('scheduleHelp')}
                  >
                    <Input placeholder="cron(0 10 ? * 2 *)" />
                  </Form.Item>
                </Col>
              )}
            </Row>
            {isBlast(kind) && (
              <>
                <Typography.Title level={3} className="section-heading">
                  {label('segment')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">{label('segmentHint')}</Typography.Paragraph>
                <SegmentFields />
                <AudiencePreview segment={audienceSegment} />
              </>
            )}
          </Card>

          <Card title={cardTitle('conditions')}>
            <Typography.Paragraph type="secondary">{label('conditionsHint')}</Typography.Paragraph>
            <Row gutter={16}>
              {purchase &&
                (['stores', 'categories', 'skus'] as const).map((field) => (
                  <Col xs={24} md={8} key={field}>
                    <Form.Item name={['conditions', field]} label={label(field)}>
                      <CodesSelect />
                    </Form.Item>
                  </Col>
                ))}
              {booking && (
                <>
                  <Col xs={24} md={8}>
                    <Form.Item name={['conditions', 'venues']} label={label('venues')}>
                      <CodesSelect />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['conditions', 'venueKinds']} label={label('venueKinds')}>
                      <Select
                        mode="multiple"
                        allowClear
                        placeholder={label('none')}
                        options={VENUE_KINDS.map((value) => ({
                          value,
                          label: t(`campaigns.venueKind.${value}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={['conditions', 'minPartySize']} label={label('minPartySize')}>
                      <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={['conditions', 'maxPartySize']} label={label('maxPartySize')}>
                      <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </>
              )}
              <Col xs={24} md={8}>
                <Form.Item name={['conditions', 'tiers']} label={label('tiers')}>
                  <CodesSelect options={TIER_SUGGESTIONS} />
                </Form.Item>
              </Col>
              {purchase && (
                <>
                  <Col xs={12} md={4}>
                    <Form.Item name={['conditions', 'minSpend']} label={label('minSpend')}>
                      <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item
                      name={['conditions', 'purchaseNumber']}
                      label={label('purchaseNumber')}
                      tooltip={label('purchaseNumberHelp')}
                    >
                      <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </>
              )}
              <Col xs={24} md={12}>
                <Form.Item name={['conditions', 'daysOfWeek']} label={label('daysOfWeek')}>
                  <Checkbox.Group
                    options={[1, 2, 3, 4, 5, 6, 7].map((day) => ({
                      value: day,
                      label: t(`campaigns.weekday.${day}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['conditions', 'hours', 'from']} label={label('hoursFrom')}>
                  <InputNumber min={0} max={23} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['conditions', 'hours', 'to']} label={label('hoursTo')}>
                  <InputNumber min={1} max={24} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {!isBlast(kind) && <AudiencePreview segment={audienceSegment} />}
          </Card>

          <Card title={cardTitle('effects')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['effects', 'bonusPoints', 'kind']} label={label('bonusKind')}>
                  <Select
                    options={[
                      { value: 'none', label: label('bonusNone') },
                      { value: 'fixed', label: label('bonusFixed') },
                      { value: 'multiplier', label: label('bonusMultiplier') },
                    ]}
                  />
                </Form.Item>
              </Col>
              {bonusKind === 'fixed' && (
                <Col xs={12} md={8}>
                  <Form.Item name={['effects', 'bonusPoints', 'points']} label={label('points')}>
                    <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
              {bonusKind === 'multiplier' && (
                <Col xs={12} md={8}>
                  <Form.Item
                    name={['effects', 'bonusPoints', 'factor']}
                    label={label('factor')}
                    extra={label('factorHelp')}
                  >
                    <InputNumber min={1} max={20} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={8}>
                <Form.Item
                  name={['effects', 'reward', 'rewardId']}
                  label={label('rewardId')}
                  extra={label('rewardIdHelp')}
                >
                  <RewardSelect />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['effects', 'message', 'title']} label={label('messageTitle')}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name={['effects', 'message', 'body']} label={label('messageBody')}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={cardTitle('limits')}>
            <Typography.Paragraph type="secondary">{label('limitsHint')}</Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name={['limits', 'pointsBudget']} label={label('pointsBudget')}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={label('none')} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['limits', 'maxParticipants']} label={label('maxParticipants')}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={label('none')} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['limits', 'perCustomer', 'count']} label={label('perCustomerCount')}>
                  <InputNumber
                    min={1}
                    max={1000}
                    precision={0}
                    style={{ width: '100%' }}
                    placeholder={label('none')}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['limits', 'perCustomer', 'per']} label={label('perCustomerPer')}>
                  <Select
                    options={PERIODS.map((per) => ({ value: per, label: t(`campaigns.builder.per.${per}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="holdoutPercent" label={label('holdoutPercent')} extra={label('holdoutHelp')}>
                  <InputNumber
                    min={0.1}
                    max={50}
                    step={0.5}
                    style={{ width: '100%' }}
                    placeholder={label('noHoldout')}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={cardTitle('options')}>
            <Row gutter={16} align="middle">
              <Col xs={12} md={6}>
                <Form.Item name="priority" label={label('priority')} tooltip={label('priorityHelp')}>
                  <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              {(['exclusive', 'optIn', 'visibleToMembers'] as const).map((field) => (
                <Col xs={12} md={6} key={field}>
                  <Form.Item name={field} label={label(field)} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>

          {invalid && <Alert type="warning" showIcon title={label('fixErrors')} />}
          {failure !== undefined && !(isApiError(failure) && failure.fields?.length) && (
            <Alert type="error" showIcon title={problemText(failure, t, language)} />
          )}
          <Flex gap={12} justify="flex-end">
            <Button
              onClick={() => void navigate(campaign ? `/campaigns/${campaign.campaignId}` : '/campaigns')}
            >
              {label('cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={creating.isLoading || updating.isLoading}>
              {label('save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
