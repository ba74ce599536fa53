import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { skipToken } from '@reduxjs/toolkit/query';
import { Button, Card, DatePicker, Empty, Flex, Select, Skeleton, Typography } from 'antd';
import { addDays, businessDayOf, PROGRAMME_TIME_ZONE } from '@sbm/web-shared/format';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useBookingsAccess } from '../access';
import {
  useCancelVenueBookingMutation,
  useGetVenueDayQuery,
  useListVenuesForStaffQuery,
  useMarkBookingAttendedMutation,
  useMarkBookingNoShowMutation,
  VENUE_PAGE,
} from '../api/bookings';
import { clockOf, isDay } from '../time';
import { FeedbackAlert, LoadFailed, useFeedback } from '@/components/feedback';
import { ScanCheckIn } from './scan-check-in';
import { memberLabel, SlotCard, type DaySlot, type SlotActions } from './slot-card';
import { WalkInModal, type WalkInSlot } from './walk-in-modal';
import './bookings.css';

/** The one clock, read again every half minute: which slots have started or ended moves with it. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A venue's day at the desk (`/bookings?venue=&date=`, the URL is the state; by default the first venue
 * and today in Shanghai): every slot with its occupancy, bookings and waitlist; staff who may write check
 * members in (by the row or by scanning their code), mark no-shows, cancel and enter walk-ins.
 */
export function DayViewPage() {
  const { t, i18n } = useTranslation();
  const access = useBookingsAccess();
  const [search, setSearch] = useSearchParams();
  const now = useNow();
  const today = useMemo(() => businessDayOf(new Date()), []);
  const venues = useListVenuesForStaffQuery({ limit: VENUE_PAGE });
  const venueList = useMemo(() => venues.data?.items ?? [], [venues.data]);
  const venueId = search.get('venue') ?? venueList[0]?.id;
  const askedDate = search.get('date');
  const date = isDay(askedDate) ? askedDate : today;
  const venue = venueList.find((candidate) => candidate.id === venueId);
  const timeZone = venue?.timeZone ?? PROGRAMME_TIME_ZONE;
  const day = useGetVenueDayQuery(venueId ? { venueId, date } : skipToken);
  const feedback = useFeedback();
  const [walkInSlot, setWalkInSlot] = useState<WalkInSlot | null>(null);
  const [pending, setPending] = useState<string>();
  const [markAttended] = useMarkBookingAttendedMutation();
  const [markNoShow] = useMarkBookingNoShowMutation();
  const [cancelBooking] = useCancelVenueBookingMutation();
  useDocumentTitle(t('bookings.title'));

  const show = (next: { venue?: string; date?: string }) =>
    setSearch({ venue: next.venue ?? venueId ?? '', date: next.date ?? date });
  const at = (iso: string) => clockOf(iso, timeZone, i18n.language);

  // Today's data only: the day shown is read again after each action (the tags the actions invalidate).
  const slots =
    day.data && day.data.venueId === venueId && day.data.date === date ? day.data.slots : undefined;
  const bookings = slots?.reduce((sum, slot) => sum + slot.bookings.length, 0) ?? 0;
  const waiting = slots?.reduce((sum, slot) => sum + slot.waitlist.length, 0) ?? 0;

  async function act(
    bookingId: string,
    run: () => Promise<unknown>,
    say: (t: TFunction, language: string) => string,
  ) {
    setPending(bookingId);
    try {
      await run();
      feedback.success(say);
    } catch (error) {
      feedback.failure(error);
    } finally {
      setPending(undefined);
    }
  }

  const actions: SlotActions = {
    pending,
    checkIn: (booking) =>
      void act(
        booking.bookingId,
        () => markAttended({ venueId: venueId!, bookingId: booking.bookingId }).unwrap(),
        (say) => say('bookings.booking.checkedIn', { member: memberLabel(booking.member, say) }),
      ),
    noShow: (booking) =>
      void act(
        booking.bookingId,
        () => markNoShow({ venueId: venueId!, bookingId: booking.bookingId }).unwrap(),
        (say) => say('bookings.booking.markedNoShow', { member: memberLabel(booking.member, say) }),
      ),
    cancel: (booking) =>
      void act(
        booking.bookingId,
        () => cancelBooking({ venueId: venueId!, bookingId: booking.bookingId }).unwrap(),
        (say) => say('bookings.booking.cancelled', { member: memberLabel(booking.member, say) }),
      ),
    walkIn: (slot: DaySlot) => setWalkInSlot({ start: slot.start, end: slot.end }),
  };

  /** A scanned booking, if it is one of the day on screen. */
  const describeScanned = (bookingId: string, say: TFunction, language: string) => {
    for (const slot of slots ?? []) {
      const booking = slot.bookings.find((line) => line.bookingId === bookingId);
      if (booking)
        return {
          member: memberLabel(booking.member, say),
          start: clockOf(slot.start, timeZone, language),
          partySize: booking.partySize,
        };
    }
    return undefined;
  };

  const header = (
    <Flex vertical gap={4}>
      <Typography.Title level={1} className="page-title">
        {t('bookings.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('bookings.subtitle', { timeZone })}</Typography.Text>
    </Flex>
  );

  if (venues.error && !venues.data)
    return (
      <Flex vertical gap={20} className="page bookings-section">
        {header}
        <LoadFailed error={venues.error} onRetry={() => void venues.refetch()} />
      </Flex>
    );
  if (venues.data && venueList.length === 0 && !search.get('venue'))
    return (
      <Flex vertical gap={20} className="page bookings-section">
        {header}
        <Card>
          <Empty
            description={
              <>
                <strong>{t('bookings.toolbar.noVenues')}</strong>
                <br />
                {t('bookings.toolbar.noVenuesHint')}
              </>
            }
          />
        </Card>
      </Flex>
    );

  return (
    <Flex vertical gap={20} className="page bookings-section">
      {header}
      <Card size="small">
        <Flex wrap gap={12} align="center" role="group" aria-label={t('bookings.toolbar.label')}>
          <Select
            aria-label={t('bookings.toolbar.venue')}
            className="venue-select"
            loading={venues.isLoading}
            value={venueId}
            onChange={(value: string) => show({ venue: value })}
            options={venueList.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Flex gap={4} align="center">
            <Button
              icon={<LeftOutlined />}
              aria-label={t('bookings.toolbar.previousDay')}
              title={t('bookings.toolbar.previousDay')}
              onClick={() => show({ date: addDays(date, -1) })}
            />
            <DatePicker
              aria-label={t('bookings.toolbar.date')}
              allowClear={false}
              value={dayjs(date)}
              onChange={(value: Dayjs | null) => value && show({ date: value.format('YYYY-MM-DD') })}
            />
            <Button
              icon={<RightOutlined />}
              aria-label={t('bookings.toolbar.nextDay')}
              title={t('bookings.toolbar.nextDay')}
              onClick={() => show({ date: addDays(date, 1) })}
            />
            <Button disabled={date === today} onClick={() => show({ date: today })}>
              {t('bookings.toolbar.today')}
            </Button>
          </Flex>
          {slots && slots.length > 0 && (
            <Typography.Text type="secondary">
              {t('bookings.day.summary', { slots: slots.length, bookings, waiting })}
            </Typography.Text>
          )}
          {venues.data?.nextCursor && (
            <Typography.Text type="secondary">{t('bookings.toolbar.moreVenues')}</Typography.Text>
          )}
        </Flex>
      </Card>
      {access.writeBookings && venueId && <ScanCheckIn venueId={venueId} describe={describeScanned} />}
      <FeedbackAlert feedback={feedback.feedback} onClose={feedback.clear} />
      {day.error && !slots ? (
        <LoadFailed error={day.error} onRetry={() => void day.refetch()} />
      ) : !slots ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : slots.length === 0 ? (
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <strong>{t('bookings.day.closed')}</strong>
                <br />
                {t('bookings.day.closedHint')}
              </>
            }
          />
        </Card>
      ) : (
        <>
          {bookings === 0 && waiting === 0 && (
            <Card size="small">
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <>
                    <strong>{t('bookings.day.empty')}</strong>
                    <br />
                    {t('bookings.day.emptyHint')}
                  </>
                }
              />
            </Card>
          )}
          <Flex vertical gap={12}>
            {slots.map((slot) => (
              <SlotCard
                key={slot.start}
                slot={slot}
                timeZone={timeZone}
                now={now}
                canWrite={access.writeBookings}
                actions={actions}
              />
            ))}
          </Flex>
        </>
      )}
      {venue && (
        <WalkInModal
          venue={venue}
          slot={walkInSlot}
          onClose={() => setWalkInSlot(null)}
          onBooked={(booked) => {
            setWalkInSlot(null);
            feedback.success((say) =>
              say('bookings.walkIn.done', { time: at(booked.start), party: booked.partySize }),
            );
          }}
        />
      )}
    </Flex>
  );
}
