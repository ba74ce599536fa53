import { useTranslation } from 'react-i18next';
import { formatWhen } from '../../lib/time';
import { StatusTag } from './booking-list';
import { CheckInQr } from './check-in-qr';
import type { BookingView } from './types';

/**
 * One booking: where, when, how many, and its check-in QR code while check-in is open (from 30 minutes
 * before the start); before that, when it will show.
 */
export function BookingDetail({
  booking,
  checkInCode,
  checkInError,
  resource,
}: {
  booking: BookingView;
  /** The table (or other resource) the booking holds, as the venue names it. */
  resource?: string;
  /** The check-in code while check-in is open; undefined before; null when this screen shows none. */
  checkInCode?: string | null;
  checkInError?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="booking-title" className="card">
      <h2 id="booking-title" className="screen-title">
        {t('detail.title')} <StatusTag status={booking.status} />
      </h2>
      <dl className="facts">
        <dt>{t('detail.venue')}</dt>
        <dd>{booking.venueName ?? booking.venueId}</dd>
        <dt>{t('detail.when')}</dt>
        <dd>{formatWhen(booking.start, i18n.language)}</dd>
        <dt>{t('detail.partySize')}</dt>
        <dd>{t('book.people', { count: booking.partySize })}</dd>
        {resource && (
          <>
            <dt>{t('detail.resource')}</dt>
            <dd>{resource}</dd>
          </>
        )}
        {booking.note && (
          <>
            <dt>{t('detail.note')}</dt>
            <dd>{booking.note}</dd>
          </>
        )}
      </dl>
      {booking.status === 'confirmed' &&
        checkInCode !== null &&
        (checkInCode ? (
          <>
            <CheckInQr code={checkInCode} label={t('detail.qrLabel')} />
            <p className="hint" style={{ textAlign: 'center' }}>
              {t('detail.checkIn')}
            </p>
          </>
        ) : (
          <p className="hint">{checkInError ?? t('detail.qrNotYet')}</p>
        ))}
    </section>
  );
}
