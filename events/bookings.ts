import * as z from '../lib/zod';
import { defineEvent } from './envelope';

/** What every booking event says about the booking, so that notices and campaigns need no second read. */
const bookingFacts = () => ({
  bookingId: z.string().check(z.minLength(1)),
  customerId: z.string().check(z.minLength(1)),
  venueId: z.string().check(z.minLength(1)),
  venueKind: z.enum(['restaurant', 'salon', 'event', 'parking', 'service']),
  /** The store the venue belongs to; absent for the mall's own venues. */
  storeId: z.optional(z.string()),
  /** The booked slot, UTC. */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  partySize: z.int().check(z.positive()),
  resourceId: z.optional(z.string()),
});

const example = {
  bookingId: '01JE0000000000000000000001',
  customerId: '01JD0000000000000000000000',
  venueId: 'demo-workshop',
  venueKind: 'event' as const,
  start: '2026-12-12T06:00:00.000Z',
  end: '2026-12-12T07:00:00.000Z',
  partySize: 2,
};

export const BookingConfirmed = defineEvent({
  source: 'sbm.crm.bookings',
  detailType: 'BookingConfirmed',
  schemaVersion: 1,
  description:
    'A booking holds its room: booked online, entered by staff as a walk-in, or a waitlist offer taken. Reminders are scheduled from it.',
  data: () =>
    z.strictObject({
      ...bookingFacts(),
      channel: z.enum(['member', 'staff']),
      /** `waitlist`: the member took a waitlist offer. */
      via: z.enum(['booking', 'waitlist']),
      confirmedAt: z.iso.datetime(),
    }),
  example: { ...example, channel: 'member', via: 'booking', confirmedAt: '2026-12-06T09:00:00.000Z' },
});

export const BookingCancelled = defineEvent({
  source: 'sbm.crm.bookings',
  detailType: 'BookingCancelled',
  schemaVersion: 1,
  description:
    'A booking or a waitlist place was cancelled, by the member or by staff. Room it held is free again (the waitlist is offered it); a late cancellation counts half a strike.',
  data: () =>
    z.strictObject({
      ...bookingFacts(),
      /** The status it had: confirmed, waitlisted or offered. */
      previousStatus: z.enum(['confirmed', 'waitlisted', 'offered']),
      /** Inside the venue's free-cancellation period. */
      late: z.boolean(),
      by: z.enum(['member', 'staff']),
      cancelledAt: z.iso.datetime(),
    }),
  example: {
    ...example,
    previousStatus: 'confirmed',
    late: false,
    by: 'member',
    cancelledAt: '2026-12-07T09:00:00.000Z',
  },
});

export const BookingRescheduled = defineEvent({
  source: 'sbm.crm.bookings',
  detailType: 'BookingRescheduled',
  schemaVersion: 1,
  description:
    'A confirmed booking moved to another slot of its venue in one transaction: the new slot taken, the old one freed (the waitlist of the old slot is offered it).',
  data: () =>
    z.strictObject({
      ...bookingFacts(),
      previousStart: z.iso.datetime(),
      previousEnd: z.iso.datetime(),
      previousResourceId: z.optional(z.string()),
      rescheduledAt: z.iso.datetime(),
    }),
  example: {
    ...example,
    start: '2026-12-13T06:00:00.000Z',
    end: '2026-12-13T07:00:00.000Z',
    previousStart: example.start,
    previousEnd: example.end,
    rescheduledAt: '2026-12-07T09:00:00.000Z',
  },
});

export const BookingAttended = defineEvent({
  source: 'sbm.crm.bookings',
  detailType: 'BookingAttended',
  schemaVersion: 1,
  description:
    "The member showed up: the venue's staff scanned the booking's check-in code (or checked it in by hand). Campaigns on the `bookingAttended` trigger award from it, once per booking.",
  data: () =>
    z.strictObject({ ...bookingFacts(), attendedAt: z.iso.datetime(), by: z.enum(['code', 'staff']) }),
  example: { ...example, attendedAt: '2026-12-12T05:55:00.000Z', by: 'code' },
});

export const BookingNoShow = defineEvent({
  source: 'sbm.crm.bookings',
  detailType: 'BookingNoShow',
  schemaVersion: 1,
  description:
    "A confirmed booking was not checked in by its start plus the venue's grace period (or staff marked it). It counts a strike (a late cancellation counts half); enough strikes within the venue's window suspend online booking there.",
  data: () =>
    z.strictObject({
      ...bookingFacts(),
      markedAt: z.iso.datetime(),
      by: z.enum(['schedule', 'staff']),
    }),
  example: { ...example, markedAt: '2026-12-12T06:15:00.000Z', by: 'schedule' },
});

export const WaitlistOffered = defineEvent({
  source: 'sbm.crm.bookings',
  detailType: 'WaitlistOffered',
  schemaVersion: 1,
  description:
    'Room freed in a full slot is held for the first waitlisted member who fits, until `offerExpiresAt`; the member confirms it or it passes on to the next.',
  data: () =>
    z.strictObject({ ...bookingFacts(), offeredAt: z.iso.datetime(), offerExpiresAt: z.iso.datetime() }),
  example: { ...example, offeredAt: '2026-12-07T09:00:00.000Z', offerExpiresAt: '2026-12-07T09:15:00.000Z' },
});
