import { Alert, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateWalkInBookingMutation, type Venue } from '../api/bookings';
import { clockOf } from '../time';

interface WalkInForm {
  customerId: string;
  partySize: number;
  resourceId?: string;
  note?: string;
}

/** The slot a walk-in is entered for, as the day gives it (ISO times with the venue's offset). */
export interface WalkInSlot {
  start: string;
  end: string;
}

const newKey = () => crypto.randomUUID();

/**
 * Enters a walk-in for a member in a slot. One Idempotency-Key stands for one intended walk-in: drawn when
 * the dialog mounts (it is mounted each time it opens) and again whenever the form changes, never per
 * click, so a double click or a retry books once, by the API's replay.
 */
export function WalkInModal({
  venue,
  slot,
  onClose,
  onBooked,
}: {
  venue: Venue;
  slot: WalkInSlot | null;
  onClose: () => void;
  onBooked: (booking: { start: string; partySize: number }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<WalkInForm>();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [book, { isLoading, error, reset }] = useCreateWalkInBookingMutation();
  const resources =
    venue.capacity.mode === 'resources' ? venue.capacity.resources.filter((resource) => resource.active) : [];
  const at = (iso: string) => clockOf(iso, venue.timeZone, i18n.language);

  async function submit(values: WalkInForm) {
    if (!slot) return;
    const note = values.note?.trim();
    const booked = await book({
      venueId: venue.id,
      'Idempotency-Key': idempotencyKey,
      body: {
        customerId: values.customerId.trim(),
        start: slot.start,
        partySize: values.partySize,
        ...(values.resourceId ? { resourceId: values.resourceId } : {}),
        ...(note ? { note } : {}),
      },
    })
      .unwrap()
      .catch(() => undefined);
    if (booked) onBooked({ start: booked.start, partySize: booked.partySize });
  }

  return (
    <Modal
      open={!!slot}
      title={slot && t('bookings.walkIn.title', { start: at(slot.start), end: at(slot.end) })}
      okText={t('bookings.walkIn.submit')}
      cancelText={t('bookings.walkIn.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'walk-in' }}
      confirmLoading={isLoading}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('bookings.walkIn.failed')}
            description={problemText(error, t, i18n.language)}
          />
        )}
        <Form<WalkInForm>
          id="walk-in"
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ partySize: 2 }}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => {
            // Changed terms are another walk-in, with a key of its own.
            setIdempotencyKey(newKey());
            reset();
          }}
        >
          <Form.Item
            name="customerId"
            label={t('bookings.walkIn.customerId')}
            extra={t('bookings.walkIn.customerIdHint')}
            rules={[{ required: true, whitespace: true, message: t('bookings.walkIn.customerIdRequired') }]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="partySize"
            label={t('bookings.walkIn.partySize')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1,
                max: 100,
                message: t('bookings.walkIn.partySizeRequired'),
              },
            ]}
          >
            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          {venue.capacity.mode === 'resources' && (
            <Form.Item name="resourceId" label={t('bookings.walkIn.resource')}>
              <Select
                allowClear
                placeholder={t('bookings.walkIn.resourceAuto')}
                options={resources.map((resource) => ({
                  value: resource.id,
                  label: `${resource.name} · ${t('bookings.slot.seats', { count: resource.seats })}`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('bookings.walkIn.note')}>
            <Input.TextArea rows={2} maxLength={280} showCount />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
