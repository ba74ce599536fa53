import { LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Spin } from 'antd';
import { useGetAvailabilityQuery, useGetVenueQuery, useRescheduleBookingMutation } from '@sbm/web-shared/api';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatWhen, nextDays, systemClock } from '../../lib/time';
import { DateStrip } from '../venues/date-strip';
import { SlotGrid } from '../venues/slot-grid';
import { heldResource } from './resource';
import { useMyBookings } from './use-my-bookings';

/**
 * Another time for a booking: a day and a slot of its venue, counted as the venue counts (covers of a
 * pool, or free resources that seat the party), moved in one step by the API or not at all. A booking
 * on a resource is told what the API does: the smallest free one that fits, or the one asked for by name
 * if it is free then (a refusal then says so).
 */
export function ReschedulePage({ clock = systemClock }: { clock?: () => number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { bookingId = '' } = useParams();
  const { data } = useMyBookings();
  const booking = data?.items.find((each) => each.bookingId === bookingId);
  const days = useMemo(() => nextDays(new Date(clock()), 14), [clock]);
  const [day, setDay] = useState(days[0]!);
  const [attempt] = useState(() => crypto.randomUUID());
  const venue = useGetVenueQuery({ venueId: booking?.venueId ?? '' }, { skip: !booking });
  const availability = useGetAvailabilityQuery(
    { venueId: booking?.venueId ?? '', date: day, partySize: booking?.partySize ?? 1 },
    { skip: !booking },
  );
  const [reschedule, moving] = useRescheduleBookingMutation();
  if (!booking || venue.isLoading) return <Spin aria-label={t('app.loading')} />;
  if (!venue.data) return <Alert type="error" showIcon title={problemText(venue.error, t, i18n.language)} />;
  const capacity = venue.data.capacity;
  const resource = heldResource(booking, capacity);
  const refusal =
    moving.error && asApiError(moving.error).code === 'SLOT_FULL'
      ? capacity.mode === 'resources'
        ? t('reschedule.noResource', { count: booking.partySize })
        : t('reschedule.full')
      : moving.error
        ? problemText(moving.error, t, i18n.language)
        : undefined;
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
        {t('bookings.reschedule')} · {booking.venueName ?? venue.data.name}
      </h2>
      <p className="subtitle">
        {t('reschedule.now', {
          when: formatWhen(booking.start, i18n.language),
          party: t('book.people', { count: booking.partySize }),
        })}
        {resource &&
          ` · ${
            resource.seats
              ? t('reschedule.holdsSeats', { resource: resource.name, count: resource.seats })
              : t('reschedule.holds', { resource: resource.name })
          }`}
      </p>
      {capacity.mode === 'resources' && (
        <p className="hint">{t('reschedule.resourceRule', { count: booking.partySize })}</p>
      )}
      <DateStrip days={days} selected={day} onSelect={setDay} />
      {refusal && (
        <p role="alert" className="error">
          {refusal}
        </p>
      )}
      {availability.isFetching && !availability.data ? (
        <Spin aria-label={t('app.loading')} />
      ) : availability.error ? (
        <Alert type="error" showIcon title={problemText(availability.error, t, i18n.language)} />
      ) : (
        <SlotGrid
          slots={availability.data?.slots ?? []}
          partySize={booking.partySize}
          mode={capacity.mode}
          kind={venue.data.kind}
          current={booking.start}
          waitlist={false}
          onPick={(slot) =>
            void reschedule({ bookingId, 'Idempotency-Key': attempt, body: { start: slot.start } }).then(
              (result) => {
                if (result.error) return;
                void message.success(t('reschedule.done'));
                void navigate('/bookings');
              },
            )
          }
        />
      )}
    </section>
  );
}
