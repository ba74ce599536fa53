import { LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Spin } from 'antd';
import {
  useCancelBookingMutation,
  useConfirmOfferMutation,
  useListMyBookingsQuery,
} from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { formatWhen } from '../../lib/time';
import { BookingDetail } from './booking-detail';
import { BookingList } from './booking-list';
import type { BookingView } from './types';
import { WaitlistOffer } from './waitlist-offer';

/**
 * The member's bookings (GET /v1/bookings/me): one page of the latest, which the service worker keeps
 * for offline use (NetworkFirst), so the list opens offline under the banner.
 */
const useMyBookings = () => useListMyBookingsQuery({ limit: 50 });

/**
 * My bookings: waitlist offers first (POST /v1/bookings/{id}/confirm takes one within its time, declining
 * cancels the place), then upcoming and past; cancelling asks first and says when it was late.
 */
function BookingsList({ now = () => new Date() }: { now?: () => Date }) {
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
  const isThisOffer = (bookingId: string) => confirming.originalArgs?.bookingId === bookingId;
  return (
    <>
      {offers.map((offer) => (
        <WaitlistOffer
          key={offer.bookingId}
          booking={offer}
          confirming={confirming.isLoading && isThisOffer(offer.bookingId)}
          error={
            confirming.error && isThisOffer(offer.bookingId)
              ? problemText(confirming.error, t, i18n.language)
              : undefined
          }
          onConfirm={() => void confirmOffer({ bookingId: offer.bookingId })}
          onDecline={() => void cancel({ bookingId: offer.bookingId })}
        />
      ))}
      <BookingList
        bookings={data.items}
        now={now()}
        onOpen={(booking) => void navigate(`/bookings/${encodeURIComponent(booking.bookingId)}`)}
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

/** One booking of the list. */
function BookingDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { bookingId = '' } = useParams();
  const { data, isLoading } = useMyBookings();
  const booking = data?.items.find((each) => each.bookingId === bookingId);
  if (isLoading) return <Spin aria-label={t('app.loading')} />;
  return (
    <>
      <Button
        type="link"
        icon={<LeftOutlined aria-hidden />}
        onClick={() => void navigate('/bookings')}
        className="back"
      >
        {t('bookings.title')}
      </Button>
      {booking ? (
        <BookingDetail booking={booking} checkInCode={null} />
      ) : (
        <p className="empty">{t('app.notFound')}</p>
      )}
    </>
  );
}

/** The "my bookings" tab and the screens under it. */
export function BookingsPage() {
  return (
    <Routes>
      <Route index element={<BookingsList />} />
      <Route path=":bookingId" element={<BookingDetailPage />} />
    </Routes>
  );
}
