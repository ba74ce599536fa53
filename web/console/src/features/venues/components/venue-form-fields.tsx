import { CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Switch, Tag, Typography } from 'antd';
import { WEEKDAYS } from '@sbm/web-shared/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FieldName, ResourceValues } from '../venue-form';

/** At most this many opening periods a day (the API's limit). */
const MAX_PERIODS = 4;

/**
 * The opening periods of one day (a weekday or a special date), each from–to in local HH:MM; none is a
 * closed day. `what` names the day in each input's accessible name.
 */
function PeriodsList({ name, what, readOnly }: { name: FieldName; what: string; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} style={{ flex: 1 }}>
          {fields.length === 0 && (
            <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
              {t('venues.form.closedDay')}
            </Typography.Text>
          )}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start" className="venue-period">
              <Form.Item name={[field.name, 'open']}>
                <Input
                  className="venue-time-input"
                  placeholder="HH:MM"
                  maxLength={5}
                  inputMode="numeric"
                  autoComplete="off"
                  aria-label={t('venues.form.open', { day: what, n: index + 1 })}
                />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>{t('venues.form.to')}</span>
              <Form.Item name={[field.name, 'close']}>
                <Input
                  className="venue-time-input"
                  placeholder="HH:MM"
                  maxLength={5}
                  inputMode="numeric"
                  autoComplete="off"
                  aria-label={t('venues.form.close', { day: what, n: index + 1 })}
                />
              </Form.Item>
              {!readOnly && (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('venues.form.removePeriod', { day: what, n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              )}
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          {!readOnly && fields.length < MAX_PERIODS && (
            <div>
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                aria-label={t('venues.form.addPeriodTo', { day: what })}
                onClick={() => add({ open: '', close: '' })}
              >
                {t('venues.form.addPeriod')}
              </Button>
            </div>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/** The weekly hours: each weekday's periods, a day without any closed. */
export function WeeklyHours({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      {WEEKDAYS.map((day) => (
        <Flex key={day} gap={16} align="flex-start" className="venue-hours-day">
          <span className="venue-hours-day-name">{t(`venues.form.weekday.${day}`)}</span>
          <PeriodsList name={['hours', day]} what={t(`venues.form.weekday.${day}`)} readOnly={readOnly} />
        </Flex>
      ))}
    </div>
  );
}

/** A local date (YYYY-MM-DD) picked from a calendar. */
function DateField({
  value,
  onChange,
  label,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  label: string;
  id?: string;
}) {
  return (
    <DatePicker
      id={id}
      aria-label={label}
      value={value ? dayjs(value) : null}
      format="YYYY-MM-DD"
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
      onChange={(picked) => onChange?.(picked ? picked.format('YYYY-MM-DD') : '')}
    />
  );
}

/** The dates the venue is closed all day: picking a date adds it, each listed date can be removed. */
export function ClosedDates({
  value = [],
  onChange,
  readOnly,
  id,
}: {
  value?: string[];
  onChange?: (dates: string[]) => void;
  readOnly: boolean;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {!readOnly && (
        <DatePicker
          id={id}
          aria-label={t('venues.form.closedDatePicker')}
          placeholder={t('venues.form.addClosedDate')}
          value={null as Dayjs | null}
          format="YYYY-MM-DD"
          style={{ width: 220 }}
          // Enter takes the typed date; it must not also submit the form around the picker.
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
          onChange={(picked: Dayjs | null) => {
            const day = picked?.format('YYYY-MM-DD');
            if (day && !value.includes(day)) onChange?.([...value, day].sort());
          }}
        />
      )}
      {value.length === 0 ? (
        <Typography.Text type="secondary">{t('venues.form.noClosedDates')}</Typography.Text>
      ) : (
        <Flex wrap gap={8} role="list" aria-label={t('venues.form.closedDates')}>
          {value.map((day) => (
            <Tag key={day} role="listitem" className="venue-date-tag">
              <span className="mono">{day}</span>
              {!readOnly && (
                <Button
                  type="text"
                  size="small"
                  icon={<CloseOutlined />}
                  aria-label={t('venues.form.removeClosedDate', { date: day })}
                  onClick={() => onChange?.(value.filter((kept) => kept !== day))}
                />
              )}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** Dates with their own periods (a holiday), in place of their weekday's; none closes the date. */
export function SpecialHours({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name="specialHours">
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.length === 0 && (
            <Typography.Text type="secondary">{t('venues.form.noSpecialHours')}</Typography.Text>
          )}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={16} align="flex-start" className="venue-hours-day" wrap>
              <Form.Item name={[field.name, 'date']} style={{ marginBottom: 0 }}>
                <DateField label={t('venues.form.specialDate', { n: index + 1 })} />
              </Form.Item>
              <PeriodsList
                name={[field.name, 'periods']}
                what={t('venues.form.specialDate', { n: index + 1 })}
                readOnly={readOnly}
              />
              {!readOnly && (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('venues.form.removeSpecialDay', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              )}
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          {!readOnly && (
            <div>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ date: '', periods: [{ open: '10:00', close: '18:00' }] })}
              >
                {t('venues.form.addSpecialDay')}
              </Button>
            </div>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/**
 * The resources of a resources venue: id, name, seats and whether each takes bookings. A saved resource
 * keeps its id and its row (bookings may name it): it is retired by switching it off, never removed.
 */
export function Resources({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<{ resources?: ResourceValues[] }>();
  const isSaved = (index: number) =>
    Boolean(form.getFieldValue(['resources', index, 'saved']) as boolean | undefined);
  return (
    <Form.List name="resources">
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={0}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('venues.form.noResources')}</Typography.Text>
          ) : (
            <Row gutter={8} className="venue-resource-head" aria-hidden>
              <Col span={7}>{t('venues.form.resourceId')}</Col>
              <Col span={8}>{t('venues.form.resourceName')}</Col>
              <Col span={4}>{t('venues.form.resourceSeats')}</Col>
              <Col span={4}>{t('venues.form.resourceActive')}</Col>
            </Row>
          )}
          {fields.map((field, index) => {
            const saved = isSaved(field.name);
            return (
              <Row key={field.key} gutter={8} align="top" className="venue-resource-row">
                <Col span={7}>
                  <Form.Item name={[field.name, 'id']}>
                    <Input
                      disabled={saved}
                      className="mono"
                      aria-label={t('venues.form.resourceIdOf', { n: index + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[field.name, 'name']}>
                    <Input maxLength={60} aria-label={t('venues.form.resourceNameOf', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'seats']}>
                    <InputNumber
                      min={1}
                      max={100}
                      precision={0}
                      style={{ width: '100%' }}
                      aria-label={t('venues.form.resourceSeatsOf', { n: index + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'active']} valuePropName="checked">
                    <Switch aria-label={t('venues.form.resourceActiveOf', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  {!readOnly && !saved && (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('venues.form.removeResource', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Col>
              </Row>
            );
          })}
          <Form.ErrorList errors={errors} />
          {fields.some((field) => isSaved(field.name)) && (
            <Typography.Text type="secondary" style={{ marginTop: 8 }}>
              {t('venues.form.resourcesKept')}
            </Typography.Text>
          )}
          {!readOnly && (
            <div style={{ marginTop: 12 }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ id: '', name: '', seats: 2, active: true, saved: false })}
              >
                {t('venues.form.addResource')}
              </Button>
            </div>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
