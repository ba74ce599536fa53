import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { customerKey } from '../customers/repository';
import { documents, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import {
  BOOKING_STATUSES,
  bookingKey,
  bookingSchema,
  HOLDS_ROOM,
  venueDayPk,
  type Booking,
  type Venue,
} from './model';
import { withoutKeys } from './repository';
import { isoWithOffset, slotsOfDay } from './slots';

/**
 * A venue's day as its staff see it: every slot with its occupancy, its bookings and its waitlist. The
 * bookings come from the venue-day index (gsi2, keys only) and one BatchGet per hundred of them; the slot
 * counters and waitlist places from one query of the venue-day partition.
 */

const table = () => tableNameFromEnv('main');
const BATCH_GET_LIMIT = 100;
const UNPROCESSED_ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads items by key, a hundred a call (BatchGetItem's limit), asking again for the keys DynamoDB leaves
 * unprocessed (throttling, the 16 MB cap) with a growing pause; throws if some are still left after that.
 */
export async function batchGetAll(
  keys: Record<string, unknown>[],
  projection?: { expression: string; names?: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const name = table();
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending = keys.slice(i, i + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= UNPROCESSED_ATTEMPTS) throw new Error('DynamoDB left keys unprocessed; retry');
      if (attempt > 0) await sleep(25 * 2 ** attempt);
      const { Responses, UnprocessedKeys } = await documents.batchGet({
        RequestItems: {
          [name]: {
            Keys: pending,
            ConsistentRead: true,
            ...(projection
              ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names }
              : {}),
          },
        },
      });
      items.push(...(Responses?.[name] ?? []));
      pending = (UnprocessedKeys?.[name]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return items;
}

/** The booking ids of a venue's day, in start order, from the keys-only venue-day index. */
export async function bookingIdsOfDay(
  venueId: string,
  day: string,
  startRange?: { from: string; to: string },
): Promise<string[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: startRange ? 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to' : 'gsi2pk = :pk',
    ExpressionAttributeValues: {
      ':pk': venueDayPk(venueId, day),
      ...(startRange ? { ':from': startRange.from, ':to': startRange.to } : {}),
    },
  });
  return items.map((item) => String(item.pk).slice('BOOKING#'.length));
}

/** The booking records of these ids (any that vanished meanwhile left out). */
export async function bookingsById(bookingIds: string[]): Promise<Booking[]> {
  const items = await batchGetAll(bookingIds.map(bookingKey));
  return items.map((item) => bookingSchema.parse(withoutKeys(item)));
}

/** A member's name as a role without `customers:pii` sees it in member 360: its first character. */
export const maskedName = (name: string) => [...name][0] + '*'.repeat(Math.max(1, [...name].length - 1));

const memberSchema = lazySchema(() =>
  z.strictObject({
    customerId: z.string().check(z.describe('The member')),
    name: z.optional(z.string().check(z.describe('Masked: the first character only'))),
  }),
);

const bookingLineSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string().check(z.describe('The booking')),
    status: z.enum(BOOKING_STATUSES).check(z.describe('Where the booking stands')),
    member: memberSchema.check(z.describe('Who booked')),
    partySize: z.int().check(z.describe('Covers or seats the booking takes')),
    resourceId: z.optional(z.string().check(z.describe('The resource it holds (resources mode)'))),
    note: z.optional(z.string().check(z.describe("The member's note to the venue"))),
    channel: z.enum(['member', 'staff']).check(z.describe('member: booked online; staff: a walk-in')),
    attendedAt: z.optional(z.string().check(z.describe('When it was checked in, with the venue offset'))),
    noShowAt: z.optional(z.string().check(z.describe('When it was marked a no-show, with the venue offset'))),
  }),
);

const waitlistLineSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string().check(z.describe('The waitlisted booking')),
    status: z.enum(BOOKING_STATUSES).check(z.describe('waitlisted, or offered while an offer holds room')),
    member: memberSchema.check(z.describe('Who waits')),
    partySize: z.int().check(z.describe('Covers or seats wanted')),
    position: z.int().check(z.describe('1 is offered first')),
    offerExpiresAt: z.optional(z.string().check(z.describe('Until when an offer holds its room'))),
  }),
);

const capacityViewSchema = lazySchema(() =>
  z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('pool'),
      taken: z.int().check(z.describe('Covers held by confirmed bookings and open offers')),
      covers: z.int().check(z.describe('Covers the slot has')),
    }),
    z.strictObject({
      mode: z.literal('resources'),
      resources: z
        .array(
          z.strictObject({
            resourceId: z.string().check(z.describe('The resource')),
            name: z.string(),
            seats: z.int().check(z.describe('Seats it has')),
            bookingId: z.nullable(z.string()).check(z.describe('The booking holding it; null when free')),
          }),
        )
        .check(z.describe("Each of the venue's resources in this slot")),
    }),
  ]),
);

export const venueDayViewSchema = lazySchema(() =>
  z.strictObject({
    venueId: z.string().check(z.describe('The venue')),
    date: z.string().check(z.describe('The local date at the venue')),
    slots: z
      .array(
        z.strictObject({
          start: z.string().check(z.describe('ISO 8601 with the venue offset')),
          end: z.string().check(z.describe('ISO 8601 with the venue offset')),
          capacity: capacityViewSchema.check(z.describe("The slot's occupancy")),
          bookings: z.array(bookingLineSchema).check(z.describe("The slot's bookings, any status")),
          waitlist: z.array(waitlistLineSchema).check(z.describe("The slot's waitlist, in order")),
        }),
      )
      .check(z.describe('The slots of the day in time order')),
  }),
);
export type VenueDayView = z.infer<typeof venueDayViewSchema>;

/** The members' names, masked, by id (erased members and those who gave none have none). */
async function maskedNamesOf(customerIds: string[]): Promise<Map<string, string>> {
  const items = await batchGetAll([...new Set(customerIds)].map(customerKey), {
    expression: 'customerId, #name',
    names: { '#name': 'name' },
  });
  return new Map(
    items
      .filter((item) => typeof item.name === 'string' && item.name.length > 0)
      .map((item) => [String(item.customerId), maskedName(String(item.name))]),
  );
}

/** The day view: each slot of the day (and any slot a booking holds that the hours no longer have). */
export async function venueDay(venue: Venue, day: string): Promise<VenueDayView> {
  const [bookingIds, partition] = await Promise.all([
    bookingIdsOfDay(venue.id, day),
    queryAll({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': venueDayPk(venue.id, day) },
    }),
  ]);
  const counters = new Map<string, number>();
  const places: { start: string; bookingId: string }[] = [];
  for (const item of partition) {
    const sk = String(item.sk);
    if (sk.startsWith('WAITLIST#')) {
      // WAITLIST#<start>#<waitlistedAt>#<bookingId>: in sort-key order, first come first.
      const [, start, , bookingId] = sk.split('#');
      if (start && bookingId) places.push({ start, bookingId });
    } else if (/^SLOT#[^#]+$/.test(sk)) counters.set(sk.slice('SLOT#'.length), Number(item.taken ?? 0));
  }
  const waitlisted = new Set(places.map((place) => place.bookingId));
  const bookings = await bookingsById([...new Set([...bookingIds, ...waitlisted])]);
  const names = await maskedNamesOf(bookings.map((booking) => booking.customerId));
  const byId = new Map(bookings.map((booking) => [booking.bookingId, booking]));
  const at = (iso: string) => isoWithOffset(new Date(iso), venue.timeZone);
  const member = (booking: Booking) => {
    const name = names.get(booking.customerId);
    return { customerId: booking.customerId, ...(name ? { name } : {}) };
  };

  const slots = new Map<string, { start: string; end: string }>();
  for (const slot of slotsOfDay(venue, day))
    slots.set(slot.start.toISOString(), { start: slot.start.toISOString(), end: slot.end.toISOString() });
  for (const booking of bookings)
    if (!slots.has(booking.start)) slots.set(booking.start, { start: booking.start, end: booking.end });

  return {
    venueId: venue.id,
    date: day,
    slots: [...slots.values()]
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((slot) => {
        const ofSlot = bookings.filter((booking) => booking.start === slot.start);
        const holding = ofSlot.filter((booking) => HOLDS_ROOM.has(booking.status));
        return {
          start: at(slot.start),
          end: at(slot.end),
          capacity:
            venue.capacity.mode === 'pool'
              ? {
                  mode: 'pool' as const,
                  taken:
                    counters.get(slot.start) ?? holding.reduce((sum, booking) => sum + booking.partySize, 0),
                  covers: venue.capacity.coversPerSlot,
                }
              : {
                  mode: 'resources' as const,
                  resources: venue.capacity.resources.map((resource) => ({
                    resourceId: resource.id,
                    name: resource.name,
                    seats: resource.seats,
                    bookingId:
                      holding.find((booking) => booking.resourceId === resource.id)?.bookingId ?? null,
                  })),
                },
          bookings: ofSlot
            .filter((booking) => !waitlisted.has(booking.bookingId) && booking.status !== 'waitlisted')
            .map((booking) => ({
              bookingId: booking.bookingId,
              status: booking.status,
              member: member(booking),
              partySize: booking.partySize,
              ...(booking.resourceId ? { resourceId: booking.resourceId } : {}),
              ...(booking.note ? { note: booking.note } : {}),
              channel: booking.channel,
              ...(booking.attendedAt ? { attendedAt: at(booking.attendedAt) } : {}),
              ...(booking.noShowAt ? { noShowAt: at(booking.noShowAt) } : {}),
            })),
          waitlist: places
            .filter((place) => place.start === slot.start)
            .flatMap((place) => {
              const booking = byId.get(place.bookingId);
              return booking ? [booking] : [];
            })
            .map((booking, index) => ({
              bookingId: booking.bookingId,
              status: booking.status,
              member: member(booking),
              partySize: booking.partySize,
              position: index + 1,
              ...(booking.offerExpiresAt ? { offerExpiresAt: at(booking.offerExpiresAt) } : {}),
            })),
        };
      }),
  };
}
