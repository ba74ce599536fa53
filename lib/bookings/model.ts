import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/**
 * The bookings service's records and where they live in the main table (lib/db/tables.ts lists the rows).
 *
 * | item                | pk                          | sk                           | notes                               |
 * |---------------------|-----------------------------|------------------------------|-------------------------------------|
 * | venue               | VENUE#<venueId>             | VENUE                        | gsi1: VENUES / <kind>#<venueId>     |
 * | pool slot           | VENUEDAY#<venueId>#<day>    | SLOT#<start>                 | `taken` covers, conditional counter |
 * | resource slot       | VENUEDAY#<venueId>#<day>    | SLOT#<start>#RES#<resource>  | the booking holding the resource    |
 * | member's slot guard | VENUEDAY#<venueId>#<day>    | MEMBER#<customerId>#<start>  | one live booking a member per slot  |
 * | waitlist place      | VENUEDAY#<venueId>#<day>    | WAITLIST#<start>#<at>#<id>   | first come, first offered           |
 * | booking             | BOOKING#<bookingId>         | BOOKING                      | gsi1: CUSTOMER#<id>#BOOKINGS /      |
 * |                     |                             |                              | <start>#<id>; gsi2 (keys only):     |
 * |                     |                             |                              | VENUEDAY#<venueId>#<day> / <start>#<id> |
 * | booking's outbox    | BOOKING#<bookingId>         | OUTBOX#<change>              | a change's events until published;  |
 * |                     |                             |                              | gsi1 (sparse): BOOKINGOUTBOX /      |
 * |                     |                             |                              | <createdAt>#<bookingId>#<change>,   |
 * |                     |                             |                              | the outbox sweep (outbox.ts)        |
 * | strikes             | CUSTOMER#<customerId>       | BOOKINGSTRIKES#<venueId>     | no-shows and late cancellations,    |
 * |                     |                             |                              | suspension end                      |
 * | waitlist offer      | OFFERS                      | <offerExpiresAt>#<bookingId> | open offers by expiry (the lapse    |
 * |                     |                             |                              | query); outbox of their events      |
 *
 * `<day>` is the slot's calendar date in the venue's time zone (YYYY-MM-DD) and `<start>` its UTC instant
 * (`toISOString()`), so that one Query of a venue-day partition reads every slot's occupancy of that day
 * (availability is one query a venue-day), and sort keys order by time.
 *
 * A booking occupies exactly one slot of its venue. In `pool` mode the slot's counter item holds the covers
 * taken and is written on the condition that they stay within capacity; in `resources` mode each resource of
 * a slot is its own item, put on the condition that it does not exist. Either way capacity is enforced by
 * DynamoDB in the same transaction that writes the booking, never by a read before the write.
 */

export const VENUE_KINDS = ['restaurant', 'salon', 'event', 'parking', 'service'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = () =>
  z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00–23:59)'));
const calendarDate = () =>
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD'));

const minutesOfClock = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * One opening period of a day, local time. `close` is after `open` on the same day, except `24:00`-style
 * closing at midnight, written `00:00` (a period open until midnight).
 */
export const openingPeriodSchema = lazySchema(() =>
  z
    .strictObject({
      open: clockTime().check(z.describe('Opening time, local HH:MM')),
      close: clockTime().check(z.describe('Closing time, local HH:MM, after the opening; 00:00 is midnight')),
    })
    .check(
      z.refine(
        (period) => period.close === '00:00' || minutesOfClock(period.close) > minutesOfClock(period.open),
        { message: 'must close after it opens (00:00 closes at midnight)', path: ['close'] },
      ),
    ),
);
export type OpeningPeriod = z.infer<typeof openingPeriodSchema>;

/** The periods of one day, in order and not overlapping; an empty list is a closed day. */
export const dayHoursSchema = lazySchema(() =>
  z.array(openingPeriodSchema).check(
    z.maxLength(4),
    z.refine(
      (periods) =>
        periods.every(
          (period, index) => index === 0 || minutesOfClock(period.open) >= closingMinute(periods[index - 1]!),
        ),
      'must list periods in order, none overlapping the one before',
    ),
    z.describe(
      "A day's opening periods, in order and not overlapping (at most 4); an empty list is a closed day",
    ),
  ),
);

/** The minute of the day a period closes: 1,440 for `00:00` (midnight). */
export const closingMinute = (period: OpeningPeriod) =>
  period.close === '00:00' ? 24 * 60 : minutesOfClock(period.close);
export const openingMinute = (period: OpeningPeriod) => minutesOfClock(period.open);

export const weeklyHoursSchema = lazySchema(() =>
  z
    .strictObject(
      Object.fromEntries(WEEKDAYS.map((day) => [day, dayHoursSchema])) as Record<
        Weekday,
        typeof dayHoursSchema
      >,
    )
    .check(z.describe('Opening periods per weekday, local time')),
);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const resourceSchema = lazySchema(() =>
  z.strictObject({
    id: z
      .string()
      .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits and -')),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
    seats: z.int().check(z.gte(1), z.lte(100), z.describe('How many people it seats at most')),
    /** An inactive resource takes no new bookings; the ones it holds stay. */
    active: z
      .boolean()
      .check(
        z.describe('false: takes no new bookings; the bookings it holds stay (resources are never removed)'),
      ),
  }),
);
export type Resource = z.infer<typeof resourceSchema>;

export const capacitySchema = lazySchema(() =>
  z
    .discriminatedUnion('mode', [
      z.strictObject({
        mode: z.literal('pool'),
        coversPerSlot: z
          .int()
          .check(
            z.gte(1),
            z.lte(10_000),
            z.describe('Covers each slot holds; a booking takes its party size'),
          ),
      }),
      z.strictObject({
        mode: z.literal('resources'),
        resources: z
          .array(resourceSchema)
          .check(
            z.maxLength(60),
            z.describe(
              'Tables, stylists or rooms, ids unique; a booking takes the smallest free one that fits',
            ),
          ),
      }),
    ])
    .check(z.describe('pool: covers per slot shared by all bookings; resources: named resources with seats')),
);
export type Capacity = z.infer<typeof capacitySchema>;

export const strikePolicySchema = lazySchema(() =>
  z
    .strictObject({
      /** Strikes (a no-show is 1, a late cancellation 0.5) within `windowDays` that suspend online booking. */
      strikes: z
        .number()
        .check(
          z.gte(1),
          z.lte(20),
          z.describe(
            'Strikes (a no-show 1, a late cancellation 0.5) within windowDays that suspend online booking',
          ),
        ),
      windowDays: z.int().check(z.gte(1), z.lte(365), z.describe('The days strikes count over')),
      suspensionDays: z
        .int()
        .check(z.gte(1), z.lte(365), z.describe('How long online booking stays suspended')),
    })
    .check(z.describe('Missed bookings that suspend online booking at the venue')),
);
export type StrikePolicy = z.infer<typeof strikePolicySchema>;

export const venueSchema = lazySchema(() =>
  z.strictObject({
    id: z
      .string()
      .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits and -')),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
    description: z.optional(z.string().check(z.maxLength(500))),
    kind: z
      .enum(VENUE_KINDS)
      .check(z.describe('What is booked: a restaurant table, a salon chair, an event place, …')),
    /** The store the venue belongs to; absent for the mall's own venues (events, parking). */
    storeId: z.optional(z.string()),
    status: z
      .enum(['active', 'inactive'])
      .check(z.describe('inactive: hidden from members, takes no bookings')),
    timeZone: z.string().check(z.describe("The venue's time zone (IANA): hours and dates are local to it")),
    hours: weeklyHoursSchema,
    /** Dates (local) the venue is closed all day. */
    closedDates: z
      .array(calendarDate())
      .check(z.maxLength(366), z.describe('Local dates the venue is closed all day')),
    /** Dates (local) with other hours than their weekday's, holidays say. */
    specialHours: z
      .record(calendarDate(), dayHoursSchema)
      .check(z.describe("Local dates with other hours than their weekday's (a holiday); [] closes the day")),
    slotMinutes: z
      .int()
      .check(
        z.gte(5),
        z.lte(24 * 60),
        z.describe('Slot length; slots are cut from each opening period from its opening time'),
      ),
    /** A booking must start at least this long after it is made. */
    minNoticeMinutes: z
      .int()
      .check(
        z.gte(0),
        z.lte(60 * 24 * 30),
        z.describe('A booking must start at least this long after it is made'),
      ),
    /** A booking may start at most this many days after it is made. */
    maxAdvanceDays: z
      .int()
      .check(z.gte(1), z.lte(365), z.describe('A booking may start at most this many local days ahead')),
    /** Cancelling is free until this many minutes before the start; later is a late cancellation. */
    freeCancellationMinutes: z
      .int()
      .check(
        z.gte(0),
        z.lte(60 * 24 * 30),
        z.describe(
          'Cancelling is free until this many minutes before the start; later is a late cancellation',
        ),
      ),
    /** How long after the start a member may still check in before the booking is a no-show. */
    noShowGraceMinutes: z
      .int()
      .check(
        z.gte(0),
        z.lte(24 * 60),
        z.describe('How long after the start a member may still check in before the booking is a no-show'),
      ),
    strikePolicy: strikePolicySchema,
    capacity: capacitySchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** Bumped by every change; a PATCH may be conditioned on it. */
    version: z
      .int()
      .check(z.positive(), z.describe('Bumped by every change; an edit names the version it was made on')),
  }),
);
export type Venue = z.infer<typeof venueSchema>;

export const BOOKING_STATUSES = [
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'attended',
  'no-show',
  'offer-lapsed',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses that hold room in a slot: a confirmed booking and a waitlist offer not yet taken or lapsed. */
export const HOLDS_ROOM: ReadonlySet<BookingStatus> = new Set(['confirmed', 'offered']);

export const bookingSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string(),
    customerId: z.string(),
    venueId: z.string(),
    /** The slot's start and end, UTC. */
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    /** The slot's local date at the venue: the venue-day partition it lives in. */
    day: calendarDate(),
    partySize: z.int().check(z.gte(1), z.lte(100)),
    resourceId: z.optional(z.string()),
    /** The member asked for this resource by name (a stylist, say), rather than the smallest that fits. */
    resourceRequested: z.optional(z.boolean()),
    note: z.optional(z.string().check(z.maxLength(280))),
    status: z.enum(BOOKING_STATUSES),
    /** `member` online, `staff` a walk-in entered at the venue. */
    channel: z.enum(['member', 'staff']),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** When a waitlisted booking joined the list (its place in the queue). */
    waitlistedAt: z.optional(z.iso.datetime()),
    /** Until when an offer holds its room. */
    offerExpiresAt: z.optional(z.iso.datetime()),
    cancelledAt: z.optional(z.iso.datetime()),
    /** A cancellation inside the venue's free-cancellation period. */
    lateCancellation: z.optional(z.boolean()),
    attendedAt: z.optional(z.iso.datetime()),
    noShowAt: z.optional(z.iso.datetime()),
    /**
     * The event of the last attendance transition until it is out (a one-item outbox): written with the
     * transition, removed once published; whoever finds it (a second scan, the no-show sweep) publishes it.
     */
    pendingEvent: z.optional(
      z.strictObject({
        name: z.enum(['BookingAttended', 'BookingNoShow']),
        by: z.enum(['code', 'staff', 'schedule']),
        correlationId: z.string(),
      }),
    ),
    /** Bumped by every change of the record; transitions are conditioned on it. */
    version: z.int().check(z.positive()),
  }),
);
export type Booking = z.infer<typeof bookingSchema>;

export const strikeRecordSchema = lazySchema(() =>
  z.strictObject({
    customerId: z.string(),
    venueId: z.string(),
    strikes: z.array(
      z.strictObject({
        at: z.iso.datetime(),
        weight: z.number(),
        bookingId: z.string(),
        reason: z.enum(['no-show', 'late-cancellation']),
      }),
    ),
    /** Online booking at the venue is refused until then. */
    suspendedUntil: z.optional(z.iso.datetime()),
    /** Bumped by every change; a change is conditioned on it (two strikes of a member may arrive at once). */
    version: z.optional(z.int().check(z.positive())),
  }),
);
export type StrikeRecord = z.infer<typeof strikeRecordSchema>;

export const venueKey = (venueId: string) => ({ pk: `VENUE#${venueId}`, sk: 'VENUE' });
export const VENUE_LIST_PK = 'VENUES';
export const venueListSortKey = (venue: Pick<Venue, 'kind' | 'id'>) => `${venue.kind}#${venue.id}`;

export const venueDayPk = (venueId: string, day: string) => `VENUEDAY#${venueId}#${day}`;
export const poolSlotKey = (venueId: string, day: string, start: string) => ({
  pk: venueDayPk(venueId, day),
  sk: `SLOT#${start}`,
});
export const resourceSlotKey = (venueId: string, day: string, start: string, resourceId: string) => ({
  pk: venueDayPk(venueId, day),
  sk: `SLOT#${start}#RES#${resourceId}`,
});
export const memberSlotGuardKey = (venueId: string, day: string, start: string, customerId: string) => ({
  pk: venueDayPk(venueId, day),
  sk: `MEMBER#${customerId}#${start}`,
});
export const waitlistPlaceKey = (
  booking: Pick<Booking, 'venueId' | 'day' | 'start' | 'waitlistedAt' | 'bookingId'>,
) => ({
  pk: venueDayPk(booking.venueId, booking.day),
  sk: `WAITLIST#${booking.start}#${booking.waitlistedAt}#${booking.bookingId}`,
});
export const waitlistPrefix = (start: string) => `WAITLIST#${start}#`;

/**
 * An open waitlist offer, in expiry order, so that the lapse schedule reads the due ones in one query. Offers
 * are rare (room freed in a full slot with a waitlist), so one partition holds them all.
 */
export const OFFERS_PK = 'OFFERS';
export const offerKey = (booking: { offerExpiresAt: string; bookingId: string }) => ({
  pk: OFFERS_PK,
  sk: `${booking.offerExpiresAt}#${booking.bookingId}`,
});

export const bookingKey = (bookingId: string) => ({ pk: `BOOKING#${bookingId}`, sk: 'BOOKING' });
/** gsi1 of a booking: the member's bookings in start order. */
export const memberBookingsIndex = (booking: Pick<Booking, 'customerId' | 'start' | 'bookingId'>) => ({
  gsi1pk: `CUSTOMER#${booking.customerId}#BOOKINGS`,
  gsi1sk: `${booking.start}#${booking.bookingId}`,
});
/** gsi2 (keys only) of a booking: a venue's bookings of a day, for the day view and the no-show sweep. */
export const venueDayBookingsIndex = (booking: Pick<Booking, 'venueId' | 'day' | 'start' | 'bookingId'>) => ({
  gsi2pk: venueDayPk(booking.venueId, booking.day),
  gsi2sk: `${booking.start}#${booking.bookingId}`,
});

/** A booking change's outbox item: its events, beside the booking, until published (outbox.ts). */
export const bookingOutboxKey = (bookingId: string, change: string) => ({
  pk: bookingKey(bookingId).pk,
  sk: `OUTBOX#${change}`,
});
export const BOOKING_OUTBOX_PK = 'BOOKINGOUTBOX';
/**
 * gsi1 of an outbox item: every unpublished booking change, oldest first, for the sweep. Sparse by nature:
 * an item is there only while it exists, i.e. until its events are out.
 */
export const bookingOutboxIndex = (bookingId: string, change: string, createdAt: string) => ({
  gsi1pk: BOOKING_OUTBOX_PK,
  gsi1sk: `${createdAt}#${bookingId}#${change}`,
});

export const strikeKey = (customerId: string, venueId: string) => ({
  pk: `CUSTOMER#${customerId}`,
  sk: `BOOKINGSTRIKES#${venueId}`,
});
