import { LeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Spin } from 'antd';
import { useCreateBookingMutation, useGetAvailabilityQuery, useGetVenueQuery } from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { nextDays, systemClock } from '../../lib/time';
import { BookSheet } from './book-sheet';
import { DateStrip } from './date-strip';
import { PartySize } from './party-size';
import { SlotGrid } from './slot-grid';
import type { Slot } from './types';

/** The days offered: today and the 13 after it. */
const DAYS = 14;

/**
 * A venue's availability: a day of the next 14, the party size, the slots (GET …/availability), and the
 * sheet that books one (POST /v1/bookings with an Idempotency-Key per attempt, so a retried tap never
 * books twice) or joins its waitlist.
 */
export function AvailabilityPage({ clock = systemClock }: { clock?: () => number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { venueId = '' } = useParams();
  const days = useMemo(() => nextDays(new Date(clock()), DAYS), [clock]);
  const [day, setDay] = useState(days[0]!);
  const [partySize, setPartySize] = useState(2);
  const [picked, setPicked] = useState<{ slot: Slot; action: 'book' | 'waitlist' } | null>(null);
  const [attempt, setAttempt] = useState(() => crypto.randomUUID());
  const venue = useGetVenueQuery({ venueId });
  const availability = useGetAvailabilityQuery({ venueId, date: day, partySize });
  const [createBooking, creation] = useCreateBookingMutation();

  if (venue.isLoading) return <Spin aria-label={t('app.loading')} />;
  if (!venue.data) return <Alert type="error" showIcon title={problemText(venue.error, t, i18n.language)} />;
  const mode = venue.data.capacity.mode;
  const maxParty =
    venue.data.capacity.mode === 'pool'
      ? venue.data.capacity.coversPerSlot
      : Math.max(1, ...venue.data.capacity.resources.map((resource) => resource.seats));

  const close = () => {
    setPicked(null);
    creation.reset();
  };
  const confirm = async (note: string | undefined) => {
    if (!picked) return;
    const result = await createBooking({
      'Idempotency-Key': attempt,
      body: {
        venueId,
        start: picked.slot.start,
        partySize,
        ...(note ? { note } : {}),
        ...(picked.action === 'waitlist' ? { waitlist: true } : {}),
      },
    });
    if (result.error) return;
    setAttempt(crypto.randomUUID());
    setPicked(null);
    const booked = result.data as { status: string; position?: number };
    void message.success(
      booked.status === 'waitlisted'
        ? t('book.waitlisted', { position: booked.position ?? 1 })
        : t('book.done'),
    );
    void navigate('/bookings');
  };

  return (
    <section aria-labelledby="venue-title">
      <Button
        type="link"
        icon={<LeftOutlined aria-hidden />}
        onClick={() => void navigate('/')}
        className="back"
      >
        {t('venues.title')}
      </Button>
      <h2 id="venue-title" className="screen-title">
        {venue.data.name}
      </h2>
      <DateStrip days={days} selected={day} onSelect={setDay} />
      <PartySize value={partySize} max={maxParty} onChange={setPartySize} />
      <h3>{t('availability.slots')}</h3>
      {availability.isFetching && !availability.data ? (
        <Spin aria-label={t('app.loading')} />
      ) : availability.error ? (
        <Alert type="error" showIcon title={problemText(availability.error, t, i18n.language)} />
      ) : (
        <SlotGrid
          slots={availability.data?.slots ?? []}
          partySize={partySize}
          mode={mode}
          kind={venue.data.kind}
          selected={picked?.slot.start}
          onPick={(slot, action) => setPicked({ slot, action })}
        />
      )}
      <BookSheet
        open={picked !== null}
        venueName={venue.data.name}
        slot={picked?.slot ?? null}
        partySize={partySize}
        mode={picked?.action ?? 'book'}
        submitting={creation.isLoading}
        error={creation.error ? problemText(creation.error, t, i18n.language) : undefined}
        onConfirm={(note) => void confirm(note)}
        onClose={close}
      />
    </section>
  );
}
