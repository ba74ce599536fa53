import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { venueDayPk, type Venue } from './model';
import { bookingWindowRefusal, isoWithOffset, slotsOfDay } from './slots';

/**
 * What a venue-day has left to book: its slots from the hours, less what the occupancy items of its
 * partition hold. Occupancy is matched to a slot by its exact start, as bookings take it (a booking made
 * under an earlier slot length keeps its own start and counts against no slot of the new length).
 */

/** The occupancy items of a venue-day as the one query reads them: a slot's sort key and covers taken. */
export interface OccupancyItem {
  sk: string;
  /** Pool counters only: the covers the slot's live bookings and offers hold. */
  taken?: number;
}

export const availabilitySchema = lazySchema(() =>
  z.object({
    venueId: z.string().check(z.describe('The venue the slots are of')),
    date: z.string().check(z.describe('The local date at the venue')),
    timeZone: z.string().check(z.describe("The venue's time zone (IANA), the offset of every time given")),
    slots: z
      .array(
        z.object({
          start: z
            .string()
            .check(z.describe('The slot start, ISO 8601 with the venue offset (2026-12-12T14:00:00+08:00)')),
          end: z.string().check(z.describe('The slot end, ISO 8601 with the venue offset')),
          remaining: z
            .int()
            .check(
              z.describe(
                'pool venues: covers left in the slot, whatever the party size; resources venues: how many ' +
                  'active resources that seat the party are free in the slot',
              ),
            ),
          bookable: z
            .boolean()
            .check(
              z.describe(
                'Whether the party can book the slot now: room for it, and inside the booking window ' +
                  '(not started, not within the minimum notice, not beyond the maximum advance). Slots outside ' +
                  'the window are listed too, so a day shows its whole shape',
              ),
            ),
        }),
      )
      .check(z.describe("The day's slots in order; none on a closed day")),
  }),
);
export type Availability = z.infer<typeof availabilitySchema>;

const SLOT_PREFIX = 'SLOT#';
const RESOURCE_MARK = '#RES#';

/**
 * The availability of a local day for a party at `now`. Pool: covers per slot less those taken, bookable
 * while the party fits. Resources: the active resources seating the party that no booking holds in the slot.
 */
export function availabilityOf(
  venue: Venue,
  day: string,
  occupancy: readonly OccupancyItem[],
  partySize: number,
  now = new Date(),
): Availability {
  const taken = new Map<string, number>();
  const held = new Map<string, Set<string>>();
  for (const item of occupancy) {
    if (!item.sk.startsWith(SLOT_PREFIX)) continue;
    const rest = item.sk.slice(SLOT_PREFIX.length);
    const mark = rest.indexOf(RESOURCE_MARK);
    if (mark < 0) taken.set(rest, (taken.get(rest) ?? 0) + (item.taken ?? 0));
    else {
      const start = rest.slice(0, mark);
      const resources = held.get(start) ?? new Set<string>();
      resources.add(rest.slice(mark + RESOURCE_MARK.length));
      held.set(start, resources);
    }
  }
  const capacity = venue.capacity;
  const fitting =
    capacity.mode === 'resources'
      ? capacity.resources.filter((resource) => resource.active && resource.seats >= partySize)
      : [];
  const slots = slotsOfDay(venue, day).map((slot) => {
    const start = slot.start.toISOString();
    const remaining =
      capacity.mode === 'pool'
        ? Math.max(0, capacity.coversPerSlot - (taken.get(start) ?? 0))
        : fitting.filter((resource) => !held.get(start)?.has(resource.id)).length;
    const room = capacity.mode === 'pool' ? remaining >= partySize : remaining > 0;
    return {
      start: isoWithOffset(slot.start, venue.timeZone),
      end: isoWithOffset(slot.end, venue.timeZone),
      remaining,
      bookable: room && bookingWindowRefusal(venue, slot, now) === undefined,
    };
  });
  return { venueId: venue.id, date: day, timeZone: venue.timeZone, slots };
}

/**
 * Every slot occupancy item of a venue-day in one Query of its partition (`SLOT#…`: pool counters and
 * held resources; member guards and waitlist places are left out by the key condition), page after page.
 */
export async function readVenueDayOccupancy(venueId: string, day: string): Promise<OccupancyItem[]> {
  const items: OccupancyItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :day AND begins_with(sk, :slots)',
      ExpressionAttributeValues: { ':day': venueDayPk(venueId, day), ':slots': SLOT_PREFIX },
      ProjectionExpression: 'sk, taken',
      ExclusiveStartKey: startKey,
    });
    for (const item of page.Items ?? [])
      items.push({ sk: String(item.sk), ...(typeof item.taken === 'number' ? { taken: item.taken } : {}) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
