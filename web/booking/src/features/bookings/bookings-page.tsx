import { LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Spin } from 'antd';
import {
  useCancelBookingMutation,
  useConfirmOfferMutation,
  useGetAvailabilityQuery,
  useGetCheckInCodeQuery,
  useListMyBookingsQuery,
  useRescheduleBookingMutation,
} from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { formatWhen, nextDays } from '../../lib/time';
import { DateStrip } from '../venues/date-strip';
import { SlotGrid } from '../venues/slot-grid';
import { BookingDetail } from './booking-detail';
import { BookingList } from './booking-list';
import type { BookingView } from './types';
import { WaitlistOffer } from './waitlist-offer';

/** The member's bookings as the list answers them (GET /v1/bookings/me: the service worker keeps the last). */
function useMyBookings() {
  return useListMyBookingsQuery({ limit: 50 });
}

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

/** A booking, with its check-in QR once check-in is open (GET …/check-in-code). */
function BookingDetailPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { bookingId = '' } = useParams();
  const { data, isLoading } = useMyBookings();
  const booking = data?.items.find((each) => each.bookingId === bookingId);
  const checkIn = useGetCheckInCodeQuery({ bookingId }, { skip: booking?.status !== 'confirmed' });
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
        <BookingDetail
          booking={booking}
          checkInCode={checkIn.data?.code}
          checkInError={checkIn.error ? problemText(checkIn.error, t, i18n.language) : undefined}
        />
      ) : (
        <p className="empty">{t('app.notFound')}</p>
      )}
    </>
  );
}

/** Another time for a booking: a day and a slot, moved in one step by the API (or nothing changes). */
function ReschedulePage({ now = () => new Date() }: { now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { bookingId = '' } = useParams();
  const { data } = useMyBookings();
  const booking = data?.items.find((each) => each.bookingId === bookingId);
  const days = useMemo(() => nextDays(now(), 14), [now]);
  const [day, setDay] = useState(days[0]!);
  const [attempt] = useState(() => crypto.randomUUID());
  const availability = useGetAvailabilityQuery(
    { venueId: booking?.venueId ?? '', date: day, partySize: booking?.partySize ?? 1 },
    { skip: !booking },
  );
  const [reschedule, moving] = useRescheduleBookingMutation();
  if (!booking) return <Spin aria-label={t('app.loading')} />;
  return (
    <section aria-labelledby="reschedule-title">
      <Button
        type="link"
        icon={<LeftOutlined aria-hidden />}
        onClick={() => void navigate('/bookings')}
        className="back"
      >
        {t('bookings.title')}
      </Button>
      <h2 id="reschedule-title" className="screen-title">
        {t('bookings.reschedule')} · {booking.venueName ?? booking.venueId}
      </h2>
      <p className="subtitle">{formatWhen(booking.start, i18n.language)}</p>
      <DateStrip days={days} selected={day} onSelect={setDay} />
      {moving.error && (
        <p role="alert" className="error">
          {problemText(moving.error, t, i18n.language)}
        </p>
      )}
      <SlotGrid
        slots={(availability.data?.slots ?? []).filter((slot) => slot.bookable)}
        partySize={booking.partySize}
        mode="pool"
        onPick={(slot) =>
          void reschedule({ bookingId, 'Idempotency-Key': attempt, body: { start: slot.start } }).then(
            (result) => {
              if (result.error) return;
              void message.success(t('book.done'));
              void navigate('/bookings');
            },
          )
        }
      />
    </section>
  );
}

/** The "my bookings" tab and the screens under it. */
export function BookingsPage() {
  return (
    <Routes>
      <Route index element={<BookingsList />} />
      <Route path=":bookingId" element={<BookingDetailPage />} />
      <Route path=":bookingId/reschedule" element={<ReschedulePage />} />
    </Routes>
  );
}
