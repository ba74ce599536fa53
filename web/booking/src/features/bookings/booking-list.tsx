import { Button, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatWhen } from '../../lib/time';
import { splitBookings, type BookingView } from './types';

/** A booking's status as a tag: green when on, grey when over. */
export function StatusTag({ status }: { status: BookingView['status'] }) {
  const { t } = useTranslation();
  // The preset green and gold fall short of 4.5:1 on their own backgrounds: styles.css darkens them.
  const tone =
    status === 'confirmed' || status === 'attended' ? 'on' : status === 'offered' ? 'offer' : 'over';
  return <Tag className={`status-tag status-${tone}`}>{t(`bookings.status.${status}`)}</Tag>;
}

/**
 * The member's bookings, upcoming and past: each with its venue, time and party; the upcoming ones can
 * be opened (the check-in QR), rescheduled and cancelled.
 */
export function BookingList({
  bookings,
  now,
  onOpen,
  onCancel,
  onReschedule,
}: {
  bookings: BookingView[];
  now: Date;
  onOpen: (booking: BookingView) => void;
  onCancel: (booking: BookingView) => void;
  /** Offered when another time can be picked (the venue's availability). */
  onReschedule?: (booking: BookingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [tab, setTab] = useState<'upcoming' | 'past'>('upcoming');
  const { upcoming, past } = splitBookings(bookings, now);
  const shown = tab === 'upcoming' ? upcoming : past;
  return (
    <section aria-labelledby="bookings-title">
      <h2 id="bookings-title" className="screen-title">
        {t('bookings.title')}
      </h2>
      <Segmented
        block
        value={tab}
        onChange={(key) => setTab(key as 'upcoming' | 'past')}
        options={[
          { value: 'upcoming', label: `${t('bookings.upcoming')} (${upcoming.length})` },
          { value: 'past', label: t('bookings.past') },
        ]}
      />
      {shown.length === 0 ? (
        <div className="empty">
          <p>
            {bookings.length === 0
              ? t('bookings.empty')
              : tab === 'upcoming'
                ? t('bookings.emptyUpcoming')
                : t('bookings.emptyPast')}
          </p>
          {tab === 'upcoming' && (
            <Button type="primary" onClick={() => void navigate('/')}>
              {t('bookings.findVenue')}
            </Button>
          )}
        </div>
      ) : (
        <ul className="booking-list">
          {shown.map((booking) => (
            <li key={booking.bookingId} className="card booking-card">
              <button type="button" className="booking-summary" onClick={() => onOpen(booking)}>
                <span className="venue">{booking.venueName ?? booking.venueId}</span>
                <span className="when">{formatWhen(booking.start, i18n.language)}</span>
                <span className="party">{t('book.people', { count: booking.partySize })}</span>
                <StatusTag status={booking.status} />
              </button>
              {tab === 'upcoming' && booking.status === 'confirmed' && (
                <div className="booking-actions">
                  {onReschedule && (
                    <Button size="small" onClick={() => onReschedule(booking)}>
                      {t('bookings.reschedule')}
                    </Button>
                  )}
                  <Button size="small" danger onClick={() => onCancel(booking)}>
                    {t('bookings.cancel')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
