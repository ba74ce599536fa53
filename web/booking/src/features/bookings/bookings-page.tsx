import { Alert, App, Spin } from 'antd';
import { useCancelBookingMutation, useConfirmOfferMutation } from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { formatWhen } from '../../lib/time';
import { onDemand } from '../../components/screen-loading';
import { BookingList } from './booking-list';
import type { BookingView } from './types';
import { useMyBookings } from './use-my-bookings';
import { WaitlistOffer } from './waitlist-offer';

// The booking's screen (its check-in QR, whose renderer loads only there) and the reschedule screen (the
// venue's days and slots) are chunks of their own.
const BookingDetailPage = lazy(() =>
  import('./booking-detail-page').then((module) => ({ default: module.BookingDetailPage })),
);
const ReschedulePage = lazy(() =>
  import('./reschedule-page').then((module) => ({ default: module.ReschedulePage })),
);

/** My bookings: waitlist offers first, then upcoming and past; cancel asks first. */
function BookingsList() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const { data, error, isLoading } = useMyBookings();
  const [cancel] = useCancelBookingMutation();
  const [confirmOffer, confirming] = useConfirmOfferMutation();
  if (isLoading) return <Spin aria-label={t('app.loading')} />;
  if (!data) return <Alert type="error" showIcon title={problemText(error, t, i18n.language)} />;
  const offers = data.items.filter(
    (booking): booking is BookingView & { offerExpiresAt: string } =>
      booking.status === 'offered' && booking.offerExpiresAt !== undefined,
  );
  return (
    <>
      {offers.map((offer) => (
        <WaitlistOffer
          key={offer.bookingId}
          booking={offer}
          confirming={confirming.isLoading && confirming.originalArgs?.bookingId === offer.bookingId}
          error={
            confirming.error && confirming.originalArgs?.bookingId === offer.bookingId
              ? problemText(confirming.error, t, i18n.language)
              : undefined
          }
          onConfirm={() => void confirmOffer({ bookingId: offer.bookingId })}
          onDecline={() => void cancel({ bookingId: offer.bookingId })}
        />
      ))}
      <BookingList
        bookings={data.items}
        now={new Date()}
        onOpen={(booking) => void navigate(`/bookings/${encodeURIComponent(booking.bookingId)}`)}
        onReschedule={(booking) =>
          void navigate(`/bookings/${encodeURIComponent(booking.bookingId)}/reschedule`)
        }
        onCancel={(booking) =>
          void modal.confirm({
            title: t('bookings.cancelConfirm'),
            content: `${booking.venueName ?? booking.venueId} · ${formatWhen(booking.start, i18n.language)}`,
            okText: t('bookings.cancel'),
            okButtonProps: { danger: true },
            cancelText: t('book.cancel'),
            onOk: async () => {
              const result = await cancel({ bookingId: booking.bookingId });
              if (result.error) void message.error(problemText(result.error, t, i18n.language));
              else if (result.data.late) void message.warning(t('bookings.lateCancel'));
            },
          })
        }
      />
    </>
  );
}

/** The "my bookings" tab and the screens under it. */
export function BookingsPage() {
  return (
    <Routes>
      <Route index element={<BookingsList />} />
      <Route path=":bookingId" element={onDemand(<BookingDetailPage />)} />
      <Route path=":bookingId/reschedule" element={onDemand(<ReschedulePage />)} />
    </Routes>
  );
}
