import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, type InputRef } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import type { TFunction } from 'i18next';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckInBookingMutation } from '../api/bookings';

/** A booking of the day on screen, as the scan result names it. */
export interface ScannedBooking {
  member: string;
  start: string;
  partySize: number;
}

type Outcome = { type: 'success' | 'error'; say: (t: TFunction, language: string) => string } | null;

/**
 * The desk's scanner box: a handheld scanner types the member's QR code into the field and presses Enter,
 * which checks the booking in. The field empties and keeps the focus, ready for the next member.
 */
export function ScanCheckIn({
  venueId,
  describe,
}: {
  venueId: string;
  describe: (bookingId: string, t: TFunction, language: string) => ScannedBooking | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [checkIn, { isLoading }] = useCheckInBookingMutation();
  const field = useRef<InputRef>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const scanned = code.trim();
    if (!scanned || isLoading) return;
    setOutcome(null);
    try {
      const { bookingId } = await checkIn({ venueId, body: { code: scanned } }).unwrap();
      setOutcome({
        type: 'success',
        say: (say, language) => {
          const booking = describe(bookingId, say, language);
          return booking
            ? say('bookings.scan.done', {
                member: booking.member,
                time: booking.start,
                party: booking.partySize,
              })
            : say('bookings.scan.doneUnknown', { bookingId });
        },
      });
    } catch (error) {
      setOutcome({
        type: 'error',
        say: (say, language) => say('bookings.scan.failed', { problem: problemText(error, say, language) }),
      });
    }
    setCode('');
    field.current?.focus();
  }

  return (
    <Card size="small" title={<h2 className="card-heading">{t('bookings.scan.title')}</h2>}>
      <Flex vertical gap={12}>
        <form onSubmit={(event) => void submit(event)} className="scan-form">
          <Flex gap={8}>
            <Input
              ref={field}
              aria-label={t('bookings.scan.label')}
              placeholder={t('bookings.scan.placeholder')}
              prefix={<ScanOutlined aria-hidden />}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={1024}
              allowClear
            />
            <Button type="primary" htmlType="submit" loading={isLoading} disabled={!code.trim()}>
              {t('bookings.scan.submit')}
            </Button>
          </Flex>
        </form>
        {outcome && (
          <Alert
            type={outcome.type}
            showIcon
            role={outcome.type === 'error' ? 'alert' : 'status'}
            title={outcome.say(t, i18n.language)}
            closable={{ onClose: () => setOutcome(null) }}
          />
        )}
      </Flex>
    </Card>
  );
}
