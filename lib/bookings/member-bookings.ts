import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { documents } from '../db/client';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { bookingSchema, memberBookingsIndex, VENUE_KINDS, type Booking, type Venue } from './model';
import { getVenue, withoutKeys } from './repository';
import { bookingViewSchema, toBookingView } from './views';

/**
 * A member's bookings as member 360 shows them to staff: the member's own list (gsi1
 * `CUSTOMER#<id>#BOOKINGS`), upcoming or past as the member sees it, each line with its venue's name and
 * kind and how it was booked. A store-scoped reader sees only the bookings at their stores' venues.
 */

const table = () => tableNameFromEnv('main');

/**
 * A booking line of member 360: the member's view of the booking, without their note to the venue (free
 * text, personal; the venue's day view shows it to the desk that needs it) and with the venue's kind and
 * the channel it was booked through.
 */
export const memberBookingLineSchema = lazySchema(() =>
  z.extend(z.omit(bookingViewSchema, { note: true, position: true }), {
    venueKind: z.optional(
      z.enum(VENUE_KINDS).check(z.describe('What was booked: a restaurant table, a salon chair, …')),
    ),
    channel: z
      .enum(['member', 'staff'])
      .check(z.describe('member: booked online by the member; staff: a walk-in entered at the venue')),
  }),
);
export type MemberBookingLine = z.infer<typeof memberBookingLineSchema>;

export function toMemberBookingLine(booking: Booking, venue: Venue | undefined): MemberBookingLine {
  const { note: _note, position: _position, ...view } = toBookingView(booking, venue);
  return { ...view, ...(venue ? { venueKind: venue.kind } : {}), channel: booking.channel };
}

/** Query rounds a store-scoped reader's page may take to fill, past other stores' bookings. */
const SCOPED_ROUNDS = 10;

/**
 * One page of a member's bookings: `upcoming` those still held or waited for from `now` on (confirmed,
 * offered, waitlisted), soonest first; `past` every booking that started before `now`, newest first. With
 * `stores` (a store-scoped reader), only bookings at venues of those stores: a page may then hold fewer
 * than `limit`, even none, while `nextCursor` goes on. The cursor opens only for the same list and scope.
 */
export async function listMemberBookings(
  customerId: string,
  page: { when: 'upcoming' | 'past'; limit: number; cursor?: string },
  stores: ReadonlySet<string> | undefined,
  now = new Date(),
): Promise<{ items: MemberBookingLine[]; nextCursor: string | null }> {
  const { gsi1pk } = memberBookingsIndex({ customerId, start: '', bookingId: '' });
  const scope = {
    partition: { gsi1pk },
    view: `staff:${page.when}:${stores ? [...stores].sort().join(',') : 'all stores'}`,
  };
  let startKey = await decodeCursor(page.cursor, scope);
  if (stores?.size === 0) return { items: [], nextCursor: null };
  const upcoming = page.when === 'upcoming';

  const venues = new Map<string, Promise<Venue | undefined>>();
  const venueOf = (venueId: string) => {
    if (!venues.has(venueId)) venues.set(venueId, getVenue(venueId));
    return venues.get(venueId)!;
  };
  const visible = (venue: Venue | undefined) =>
    !stores || (venue?.storeId !== undefined && stores.has(venue.storeId));

  const lines: MemberBookingLine[] = [];
  // A filter reads past what it drops: read on until the page is full or the list ends (bounded for a
  // store-scoped reader, whose filter may drop a long run of other stores' bookings).
  for (let round = 0; round < (stores ? SCOPED_ROUNDS : Infinity); round++) {
    const result = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: `gsi1pk = :pk AND gsi1sk ${upcoming ? '>=' : '<'} :now`,
      ...(upcoming
        ? {
            FilterExpression: '#status IN (:confirmed, :offered, :waitlisted)',
            ExpressionAttributeNames: { '#status': 'status' },
          }
        : {}),
      ExpressionAttributeValues: {
        ':pk': gsi1pk,
        ':now': now.toISOString(),
        ...(upcoming
          ? { ':confirmed': 'confirmed', ':offered': 'offered', ':waitlisted': 'waitlisted' }
          : {}),
      },
      ScanIndexForward: upcoming,
      ExclusiveStartKey: startKey,
      // What is still missing, so the page never reads past an item it does not return.
      Limit: page.limit - lines.length,
    });
    const bookings = (result.Items ?? []).map((item) => bookingSchema.parse(withoutKeys(item)));
    const read = await Promise.all(
      bookings.map(async (booking) => ({ booking, venue: await venueOf(booking.venueId) })),
    );
    for (const { booking, venue } of read)
      if (visible(venue)) lines.push(toMemberBookingLine(booking, venue));
    startKey = result.LastEvaluatedKey;
    if (!startKey || lines.length >= page.limit) break;
  }
  return { items: lines, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}
