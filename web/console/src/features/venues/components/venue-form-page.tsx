import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Typography,
} from 'antd';
import { isApiError } from '@sbm/web-shared/api';
import { VENUE_KINDS } from '@sbm/web-shared/contracts';
import { problemText } from '@sbm/web-shared/problems';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useVenuesAccess } from '../access';
import {
  STORE_PAGE,
  useCreateVenueMutation,
  useGetVenueForStaffQuery,
  useListStoresQuery,
  useUpdateVenueMutation,
  type Venue,
} from '../api/venues';
import {
  checkVenueForm,
  createBodyFromForm,
  formFromVenue,
  isVersionConflict,
  MALL,
  newVenueForm,
  patchBodyFromForm,
  serverFieldErrors,
  type FieldError,
  type FieldName,
  type VenueFormValues,
} from '../venue-form';
import { ClosedDates, Resources, SpecialHours, WeeklyHours } from './venue-form-fields';
import './venues.css';

/** The time zone of a new venue: the programme's, which the API gives every venue it creates. */
const PROGRAMME_TIME_ZONE = 'Asia/Shanghai';

/** A venue's settings (`/venues/:venueId`), or a new venue's (`/venues/new`): one form for both. */
export function VenueFormPage() {
  const { venueId } = useParams();
  const { t, i18n } = useTranslation();
  const existing = useGetVenueForStaffQuery({ venueId: venueId ?? '' }, { skip: !venueId });
  if (!venueId) return <VenueForm key="new" />;
  if (existing.error && !existing.data) {
    const status = isApiError(existing.error) ? existing.error.status : 0;
    if (status === 404 || status === 403)
      return (
        <Result
          status={status === 404 ? '404' : '403'}
          title={
            <h1 className="result-heading">
              {t(status === 404 ? 'venues.form.notFound' : 'venues.form.forbidden')}
            </h1>
          }
          subTitle={
            status === 404 ? t('venues.form.notFoundBody', { venueId }) : t('venues.form.forbiddenBody')
          }
        />
      );
    return (
      <Alert
        type="error"
        showIcon
        title={t('venues.form.loadFailed')}
        description={problemText(existing.error, t, i18n.language)}
        action={<Button onClick={() => void existing.refetch()}>{t('venues.retry')}</Button>}
      />
    );
  }
  if (!existing.data) return <PageSpinner />;
  return <EditVenue latest={existing.data} refetch={existing.refetch} />;
}

/**
 * The venue as the form loaded it: the edit is made on that version, whatever the cache reads since (a
 * refused save refreshes it), until the user reloads and starts again on the latest.
 */
function EditVenue({ latest, refetch }: { latest: Venue; refetch: () => PromiseLike<{ data?: Venue }> }) {
  const [loaded, setLoaded] = useState(latest);
  const reload = async () => {
    const answer = await refetch();
    setLoaded(answer.data ?? latest);
  };
  return <VenueForm key={`${loaded.id}@${loaded.version}`} venue={loaded} onReload={() => void reload()} />;
}

const cardTitle = (text: string) => <h2 className="card-heading">{text}</h2>;

function VenueForm({ venue, onReload }: { venue?: Venue; onReload?: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const access = useVenuesAccess();
  const readOnly = !access.writeVenues;
  const [form] = Form.useForm<VenueFormValues>();
  const [create, creating] = useCreateVenueMutation();
  const [update, updating] = useUpdateVenueMutation();
  const [failure, setFailure] = useState<unknown>();
  const [unchecked, setUnchecked] = useState(false);
  const shown = useRef<FieldName[]>([]);
  const stores = useListStoresQuery({ limit: STORE_PAGE }, { skip: !access.readStores || readOnly });
  const capacityMode = Form.useWatch('capacityMode', form) ?? venue?.capacity.mode ?? 'pool';
  const title = venue
    ? t(readOnly ? 'venues.form.viewTitle' : 'venues.form.editTitle', { name: venue.name })
    : t('venues.form.createTitle');
  useDocumentTitle(title);

  // Store options: the stores the API lists for this staff member (a store manager's own), active ones,
  // and the mall for staff whose roles reach every store.
  const storeOptions = [
    ...(access.everyStore || (venue && venue.storeId === undefined)
      ? [{ value: MALL, label: t('venues.form.mall') }]
      : []),
    ...(stores.data?.items ?? [])
      .filter((store) => store.active || store.storeId === venue?.storeId)
      .map((store) => ({ value: store.storeId, label: `${store.name} (${store.storeId})` })),
    ...(venue?.storeId && !stores.data?.items.some((store) => store.storeId === venue.storeId)
      ? [{ value: venue.storeId, label: venue.storeId }]
      : []),
  ];
  const firstStore = stores.data?.items.find((store) => store.active)?.storeId;
  useEffect(() => {
    // A store manager's new venue is at one of their stores: the first, until they pick another.
    if (!venue && !access.everyStore && firstStore && !form.getFieldValue('store'))
      form.setFieldValue('store', firstStore);
  }, [venue, access.everyStore, firstStore, form]);

  const showErrors = (errors: FieldError[]) => {
    form.setFields([
      ...shown.current.map((name) => ({ name: name as never, errors: [] as string[] })),
      ...errors.map(({ name, errors: texts }) => ({ name: name as never, errors: texts })),
    ]);
    shown.current = errors.map(({ name }) => name);
  };

  const save = async () => {
    setFailure(undefined);
    const values = form.getFieldsValue(true) as VenueFormValues;
    const errors = checkVenueForm(values, t, { creating: !venue });
    showErrors(errors);
    setUnchecked(errors.length > 0);
    if (errors.length > 0) return form.scrollToField(errors[0]!.name as never, { block: 'center' });
    try {
      if (venue) {
        const saved = await update({ venueId: venue.id, body: patchBodyFromForm(values, venue) }).unwrap();
        void navigate('/venues', { state: { saved: saved.name } });
      } else {
        const created = await create({ body: createBodyFromForm(values) }).unwrap();
        void navigate('/venues', { state: { created: created.name } });
      }
    } catch (error) {
      if (isApiError(error) && error.fields?.length) {
        const refused = serverFieldErrors(error.fields, values, t);
        showErrors(refused);
        setUnchecked(true);
        if (refused[0]) form.scrollToField(refused[0].name as never, { block: 'center' });
      } else if (isApiError(error) && error.code === 'VENUE_EXISTS')
        showErrors([{ name: ['id'], errors: [problemText(error, t, i18n.language)] }]);
      setFailure(error);
    }
  };

  const conflict = isApiError(failure) && isVersionConflict(failure);
  const initialValues = venue ? formFromVenue(venue) : newVenueForm(access.everyStore ? MALL : '');
  const minutes = t('venues.form.minutes');
  const numberField = (
    name: FieldName,
    label: string,
    options: { max: number; suffix: string; extra?: string },
  ) => (
    <Form.Item name={name} label={label} extra={options.extra}>
      <InputNumber
        min={0}
        max={options.max}
        precision={0}
        suffix={options.suffix}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );

  return (
    <Flex vertical gap={16} className="page venues-section">
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate('/venues')}
          style={{ paddingInline: 0 }}
        >
          {t('venues.form.back')}
        </Button>
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
      </div>
      {readOnly && <Alert type="info" showIcon title={t('venues.form.readOnly')} />}
      <Form<VenueFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={readOnly}
        requiredMark={false}
        onFinish={() => void save()}
      >
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={14}>
            <Flex vertical gap={16}>
              <Card title={cardTitle(t('venues.form.basics'))}>
                <Row gutter={16}>
                  <Col span={12}>
                    <Form.Item
                      name="id"
                      label={t('venues.form.id')}
                      extra={venue ? t('venues.form.locked') : t('venues.form.idHint')}
                    >
                      <Input disabled={Boolean(venue)} className="mono" maxLength={40} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="name" label={t('venues.form.name')}>
                      <Input maxLength={80} autoComplete="off" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="description" label={t('venues.form.description')}>
                  <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
                </Form.Item>
                <Row gutter={16}>
                  <Col span={12}>
                    <Form.Item
                      name="kind"
                      label={t('venues.form.kind')}
                      extra={venue ? t('venues.form.locked') : undefined}
                    >
                      <Select
                        disabled={Boolean(venue)}
                        options={VENUE_KINDS.map((value) => ({ value, label: t(`venues.kind.${value}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="store"
                      label={t('venues.form.store')}
                      extra={venue ? t('venues.form.locked') : t('venues.form.storeHint')}
                    >
                      <Select disabled={Boolean(venue)} loading={stores.isFetching} options={storeOptions} />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={16}>
                  <Col span={12}>
                    <Form.Item name="status" label={t('venues.form.status')}>
                      <Radio.Group
                        optionType="button"
                        options={[
                          { value: 'active', label: t('venues.status.active') },
                          { value: 'inactive', label: t('venues.status.inactive') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      label={t('venues.form.timeZone')}
                      htmlFor="venue-time-zone"
                      extra={t('venues.form.timeZoneHint')}
                    >
                      <Input id="venue-time-zone" readOnly value={venue?.timeZone ?? PROGRAMME_TIME_ZONE} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
              <Card title={cardTitle(t('venues.form.hours'))}>
                <Typography.Paragraph type="secondary">{t('venues.form.hoursHint')}</Typography.Paragraph>
                <WeeklyHours readOnly={readOnly} />
              </Card>
              <Card title={cardTitle(t('venues.form.dates'))}>
                <Form.Item
                  name="closedDates"
                  label={t('venues.form.closedDates')}
                  extra={t('venues.form.closedDatesHint')}
                >
                  <ClosedDates readOnly={readOnly} />
                </Form.Item>
                <Typography.Title level={3} className="card-heading" style={{ fontSize: 14 }}>
                  {t('venues.form.specialHours')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t('venues.form.specialHoursHint')}
                </Typography.Paragraph>
                <SpecialHours readOnly={readOnly} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
              <Card title={cardTitle(t('venues.form.rules'))}>
                <Row gutter={16}>
                  <Col span={12}>
                    {numberField(['slotMinutes'], t('venues.form.slotMinutes'), {
                      max: 1440,
                      suffix: minutes,
                    })}
                  </Col>
                  <Col span={12}>
                    {numberField(['minNoticeMinutes'], t('venues.form.minNoticeMinutes'), {
                      max: 43_200,
                      suffix: minutes,
                    })}
                  </Col>
                  <Col span={12}>
                    {numberField(['maxAdvanceDays'], t('venues.form.maxAdvanceDays'), {
                      max: 365,
                      suffix: t('venues.form.days'),
                    })}
                  </Col>
                  <Col span={12}>
                    {numberField(['freeCancellationMinutes'], t('venues.form.freeCancellationMinutes'), {
                      max: 43_200,
                      suffix: minutes,
                      extra: t('venues.form.freeCancellationHint'),
                    })}
                  </Col>
                  <Col span={12}>
                    {numberField(['noShowGraceMinutes'], t('venues.form.noShowGraceMinutes'), {
                      max: 1440,
                      suffix: minutes,
                      extra: t('venues.form.noShowGraceHint'),
                    })}
                  </Col>
                </Row>
                <Typography.Title level={3} className="card-heading" style={{ fontSize: 14 }}>
                  {t('venues.form.strikePolicy')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t('venues.form.strikePolicyHint')}
                </Typography.Paragraph>
                <Row gutter={16}>
                  <Col span={8}>
                    <Form.Item name={['strikePolicy', 'strikes']} label={t('venues.form.strikes')}>
                      <InputNumber min={0.5} max={20} step={0.5} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={['strikePolicy', 'windowDays']} label={t('venues.form.windowDays')}>
                      <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={['strikePolicy', 'suspensionDays']}
                      label={t('venues.form.suspensionDays')}
                    >
                      <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                <StrikeSummary />
              </Card>
              <Card title={cardTitle(t('venues.form.capacity'))}>
                <Form.Item
                  name="capacityMode"
                  label={t('venues.form.capacityMode')}
                  extra={
                    venue
                      ? t('venues.form.locked')
                      : capacityMode === 'pool'
                        ? t('venues.form.poolHint')
                        : t('venues.form.resourcesHint')
                  }
                >
                  <Radio.Group
                    optionType="button"
                    disabled={Boolean(venue)}
                    options={[
                      { value: 'pool', label: t('venues.form.pool') },
                      { value: 'resources', label: t('venues.form.resourcesMode') },
                    ]}
                  />
                </Form.Item>
                {capacityMode === 'pool' ? (
                  <Form.Item name="coversPerSlot" label={t('venues.form.coversPerSlot')}>
                    <InputNumber min={1} max={10_000} precision={0} style={{ width: 200 }} />
                  </Form.Item>
                ) : (
                  <Resources readOnly={readOnly} />
                )}
              </Card>
            </Flex>
          </Col>
        </Row>
        {!readOnly && (
          <Flex vertical gap={12} style={{ marginTop: 16 }}>
            {conflict ? (
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('venues.form.conflict')}
                description={t('venues.form.conflictBody')}
                action={
                  <Button onClick={onReload} disabled={false}>
                    {t('venues.form.reload')}
                  </Button>
                }
              />
            ) : failure !== undefined ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('venues.form.saveFailed')}
                description={
                  unchecked ? t('venues.form.checkFields') : problemText(failure, t, i18n.language)
                }
              />
            ) : (
              unchecked && <Alert type="error" showIcon role="alert" title={t('venues.form.checkFields')} />
            )}
            <Flex gap={8}>
              <Button
                type="primary"
                htmlType="submit"
                loading={creating.isLoading || updating.isLoading}
                disabled={conflict}
              >
                {creating.isLoading || updating.isLoading
                  ? t('venues.form.saving')
                  : venue
                    ? t('venues.form.save')
                    : t('venues.form.create')}
              </Button>
              <Button onClick={() => void navigate('/venues')}>{t('venues.form.cancel')}</Button>
            </Flex>
          </Flex>
        )}
      </Form>
    </Flex>
  );
}

/** The strike policy in one sentence, as members will meet it. */
function StrikeSummary() {
  const { t } = useTranslation();
  const policy = Form.useWatch('strikePolicy') as VenueFormValues['strikePolicy'] | undefined;
  if (!policy?.strikes || !policy.windowDays || !policy.suspensionDays) return null;
  return <Typography.Text type="secondary">{t('venues.form.strikeSummary', policy)}</Typography.Text>;
}
