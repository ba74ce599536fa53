import { Button, Card } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, formatWhen, systemClock } from '../../lib/time';
import type { BookingView } from './types';

/**
 * A waitlist offer: the room held for the member until `offerExpiresAt`, with the time left counting
 * down each second (`now` is the clock: tests give their own). Past the time, confirming is no longer
 * offered.
 */
export function WaitlistOffer({
  booking,
  now = systemClock,
  confirming,
  error,
  onConfirm,
  onDecline,
}: {
  booking: BookingView & { offerExpiresAt: string };
  now?: () => number;
  confirming: boolean;
  error?: string;
  onConfirm: () => void;
  onDecline: () => void;
}) {
  const { t, i18n } = useTranslation();
  const expiresAt = Date.parse(booking.offerExpiresAt);
  const [left, setLeft] = useState(() => expiresAt - now());
  useEffect(() => {
    setLeft(expiresAt - now());
    const timer = setInterval(() => setLeft(expiresAt - now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt, now]);
  const expired = left <= 0;
  return (
    <Card title={t('offer.title')} className="offer">
      <p>
        {t('offer.body', {
          venue: booking.venueName ?? booking.venueId,
          when: formatWhen(booking.start, i18n.language),
        })}
      </p>
      {expired ? (
        <p role="alert">{t('offer.expired')}</p>
      ) : (
        <p className="countdown" role="timer" aria-live="off">
          {t('offer.timeLeft', { time: formatCountdown(left) })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="sheet-actions">
        <Button onClick={onDecline} disabled={confirming}>
          {t('offer.decline')}
        </Button>
        <Button type="primary" onClick={onConfirm} disabled={expired} loading={confirming}>
          {t('offer.confirm')}
        </Button>
      </div>
    </Card>
  );
}
