import { LeftOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useGetCheckInCodeQuery, useGetVenueQuery } from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatWhen, systemClock } from '../../lib/time';
import { BookingDetail } from './booking-detail';
import { heldResource } from './resource';
import { useMyBookings } from './use-my-bookings';

/** A code lives five minutes: a fresh one is fetched well before, while the screen is open. */
const CODE_REFRESH_MS = 4 * 60_000;

/** The time now, again every `everyMs`: the screen shows the QR once check-in opens without a reload. */
function useNow(everyMs: number, clock: () => number) {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, clock]);
  return now;
}

/**
 * A booking, with its check-in QR while the venue would take it (GET …/check-in-code answers the code
 * with `validFrom` and `validUntil`): before, when it will show; after, that check-in has closed. A code
 * the venue would refuse is never drawn.
 */
export function BookingDetailPage({ clock = systemClock }: { clock?: () => number }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { bookingId = '' } = useParams();
  const { data, isLoading } = useMyBookings();
  const booking = data?.items.find((each) => each.bookingId === bookingId);
  const checkIn = useGetCheckInCodeQuery(
    { bookingId },
    { skip: booking?.status !== 'confirmed', pollingInterval: CODE_REFRESH_MS },
  );
  const venue = useGetVenueQuery({ venueId: booking?.venueId ?? '' }, { skip: !booking?.resourceId });
  const now = useNow(30_000, clock);
  if (isLoading) return <Spin aria-label={t('app.loading')} />;
  const code = checkIn.data;
  const opens = code ? Date.parse(code.validFrom) : undefined;
  const closes = code ? Date.parse(code.validUntil) : undefined;
  const open = opens !== undefined && closes !== undefined && now >= opens && now <= closes;
  const checkInHint = checkIn.error
    ? problemText(checkIn.error, t, i18n.language)
    : code && opens !== undefined && now < opens
      ? t('detail.qrFrom', { when: formatWhen(code.validFrom, i18n.language) })
      : code && !open
        ? t('detail.qrClosed')
        : undefined;
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
          checkInCode={open ? code!.code : undefined}
          checkInError={checkInHint}
          resource={venue.data ? heldResource(booking, venue.data.capacity)?.name : undefined}
        />
      ) : (
        <p className="empty">{t('detail.notFound')}</p>
      )}
    </>
  );
}
