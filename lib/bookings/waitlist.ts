import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { conditionFailedReasons, documents, getItems, isConditionFailure, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { lazySchema } from '../lazy-schema';
import { logger } from '../observability';
import {
  bookingKey,
  bookingSchema,
  memberSlotGuardKey,
  offerKey,
  OFFERS_PK,
  poolSlotKey,
  resourceSlotKey,
  venueDayPk,
  waitlistPlaceKey,
  waitlistPrefix,
  type Booking,
  type Venue,
} from './model';
import { bookingProblems } from './problems';
import { getBooking, getVenue, requireMembersBooking } from './repository';
import { localDayOf } from './slots';
import { bookingFacts, toBookingView, type BookingView } from './views';

/**
 * The waitlist of a full slot. When room is freed (a cancellation, a booking moved away, an offer that
 * lapsed) the first waitlisted member whose party fits is `offered` it: the room is taken for them in the
 * same transaction that marks the offer, exactly as a booking takes it, and held until `offerExpiresAt`.
 * The member confirms it, or the lapse schedule releases it and offers it to the next.
 *
 * Every open offer has an item in the `OFFERS` partition, sorted by expiry (the lapse query). It is also the
 * outbox of the offer's events: `offeredEvent` and `confirmedEvent` are written in the transactions that
 * make those facts and removed once published, so an event is never lost when its write succeeded (the
 * lapse schedule publishes what a crash left behind; event ids are fixed by the booking, so sending twice
 * is harmless).
 */

/** How long an offer holds its room for the member. */
export const OFFER_HOLD_MINUTES = 15;

/** Transactions lost in a row to concurrent ones (another offer, a booking of the same room) before a retry later. */
const MAX_CONFLICTS = 10;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...record } = item;
  return record;
};

/** What occupies a slot now: covers taken (pool) and the resources held (resources). */
export interface SlotOccupancy {
  taken: number;
  heldResources: ReadonlySet<string>;
}

export interface OfferChoice {
  booking: Booking;
  /** In resources mode, the resource the offer takes. */
  resourceId?: string;
}

/**
 * The waitlisted booking the freed room goes to, in waitlist order: the first whose party fits what is free
 * now. A party that does not fit waits (keeping its place) while a smaller one behind it is offered. In
 * resources mode the smallest free active resource that seats the party is taken (the one asked for, when
 * the member asked for one).
 */
export function chooseOffer(
  capacity: Venue['capacity'],
  occupancy: SlotOccupancy,
  waitlist: readonly Booking[],
): OfferChoice | undefined {
  for (const booking of waitlist) {
    if (booking.status !== 'waitlisted') continue;
    if (capacity.mode === 'pool') {
      if (capacity.coversPerSlot - occupancy.taken >= booking.partySize) return { booking };
      continue;
    }
    const resource = capacity.resources
      .filter(
        (candidate) =>
          candidate.active &&
          candidate.seats >= booking.partySize &&
          !occupancy.heldResources.has(candidate.id) &&
          (!booking.resourceRequested || candidate.id === booking.resourceId),
      )
      .sort((a, b) => a.seats - b.seats || a.id.localeCompare(b.id))[0];
    if (resource) return { booking, resourceId: resource.id };
  }
  return undefined;
}

/** The booking id at the end of a waitlist place's sort key (`WAITLIST#<start>#<at>#<bookingId>`). */
export const bookingIdOfPlace = (sk: string) => sk.slice(sk.lastIndexOf('#') + 1);

interface SlotRef {
  venueId: string;
  day: string;
  start: string;
}

/** The slot's waitlist in order (one query of its places, then the bookings) and what occupies it. */
async function readSlot(slot: SlotRef): Promise<{ occupancy: SlotOccupancy; waitlist: Booking[] }> {
  const pk = venueDayPk(slot.venueId, slot.day);
  const [places, occupied] = await Promise.all([
    queryAll({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': waitlistPrefix(slot.start) },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    }),
    queryAll({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': `SLOT#${slot.start}` },
      ConsistentRead: true,
    }),
  ]);
  const counterSk = poolSlotKey(slot.venueId, slot.day, slot.start).sk;
  const resourcePrefix = `${counterSk}#RES#`;
  const occupancy: SlotOccupancy = {
    taken: Number(occupied.find((item) => item.sk === counterSk)?.taken ?? 0),
    heldResources: new Set(
      occupied
        .map((item) => String(item.sk))
        .filter((sk) => sk.startsWith(resourcePrefix))
        .map((sk) => sk.slice(resourcePrefix.length)),
    ),
  };
  const ids = places.map((place) => bookingIdOfPlace(String(place.sk)));
  const found = new Map(
    (await getItems(ids.map(bookingKey))).map((item) => {
      const booking = bookingSchema.parse(withoutKeys(item));
      return [booking.bookingId, booking] as const;
    }),
  );
  return { occupancy, waitlist: ids.flatMap((id) => found.get(id) ?? []) };
}

/** The room a booking holds in its slot, taken on the same conditions a booking takes it. */
function roomTaken(venue: Venue, booking: Booking, resourceId: string | undefined): TransactItem {
  if (venue.capacity.mode === 'pool') {
    return {
      Update: {
        TableName: table(),
        Key: poolSlotKey(booking.venueId, booking.day, booking.start),
        UpdateExpression: 'ADD taken :party',
        ConditionExpression: 'attribute_not_exists(taken) OR taken <= :room',
        ExpressionAttributeValues: {
          ':party': booking.partySize,
          ':room': venue.capacity.coversPerSlot - booking.partySize,
        },
      },
    };
  }
  return {
    Put: {
      TableName: table(),
      Item: {
        ...resourceSlotKey(booking.venueId, booking.day, booking.start, resourceId!),
        bookingId: booking.bookingId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The room an offered booking holds, given back: the counter by its party, or its resource item. */
function roomReleased(booking: Booking): TransactItem {
  if (booking.resourceId) {
    return {
      Delete: {
        TableName: table(),
        Key: resourceSlotKey(booking.venueId, booking.day, booking.start, booking.resourceId),
        ConditionExpression: 'bookingId = :booking',
        ExpressionAttributeValues: { ':booking': booking.bookingId },
      },
    };
  }
  return {
    Update: {
      TableName: table(),
      Key: poolSlotKey(booking.venueId, booking.day, booking.start),
      UpdateExpression: 'ADD taken :minus',
      ConditionExpression: 'taken >= :party',
      ExpressionAttributeValues: { ':minus': -booking.partySize, ':party': booking.partySize },
    },
  };
}

/**
 * Offers the room now free in a slot to its waitlist, member after member while room remains, each offer
 * one transaction (room taken, booking waitlisted → offered, offer item put). Concurrent runs for the same
 * slot (two cancellations at once) are kept apart by the conditions: a member is offered once (the booking
 * must still be waitlisted) and no more room is taken than the slot has; the loser reads again and goes on.
 * A slot that has started, or a venue that takes no bookings, offers nothing. Answers the offers made.
 */
export async function offerFreedRoom(
  venueId: string,
  start: string,
  correlationId: string,
  now = new Date(),
): Promise<Booking[]> {
  if (new Date(start).getTime() <= now.getTime()) return [];
  const venue = await getVenue(venueId);
  if (!venue || venue.status !== 'active') return [];
  const slot = { venueId, day: localDayOf(new Date(start), venue.timeZone), start };
  const offers: Booking[] = [];
  for (let conflicts = 0; conflicts < MAX_CONFLICTS;) {
    const { occupancy, waitlist } = await readSlot(slot);
    const choice = chooseOffer(venue.capacity, occupancy, waitlist);
    if (!choice) return offers;
    const offered = await offerRoom(venue, choice, correlationId, now);
    if (offered) {
      offers.push(offered);
      conflicts = 0;
    } else conflicts++;
  }
  // Thrown so that the delivery is retried (the offers made stay made): the room still free is offered then.
  logger.warn('waitlist offers stopped after repeated conflicts', { venueId, start, offers: offers.length });
  throw new Error(
    `Waitlist offers for ${venueId} at ${start} met ${MAX_CONFLICTS} conflicting writes in a row`,
  );
}

async function offerRoom(
  venue: Venue,
  { booking, resourceId }: OfferChoice,
  correlationId: string,
  now: Date,
): Promise<Booking | undefined> {
  const offeredAt = now.toISOString();
  // An offer made close to the start holds its room until the start at most.
  const offerExpiresAt = new Date(
    Math.min(now.getTime() + OFFER_HOLD_MINUTES * 60_000, new Date(booking.start).getTime()),
  ).toISOString();
  const offered: Booking = {
    ...booking,
    status: 'offered',
    offerExpiresAt,
    updatedAt: offeredAt,
    version: booking.version + 1,
    ...(resourceId ? { resourceId } : {}),
  };
  const event: DomainEvent<'WaitlistOffered'> = {
    name: 'WaitlistOffered',
    // A booking is offered at most once (waitlisted → offered never returns), so the id is the booking's.
    eventId: eventIdOf('WaitlistOffered', booking.bookingId),
    data: { ...bookingFacts(offered, venue), offeredAt, offerExpiresAt },
  };
  const key = offerKey({ offerExpiresAt, bookingId: booking.bookingId });
  try {
    await documents.transactWrite({
      TransactItems: [
        roomTaken(venue, booking, resourceId),
        {
          Update: {
            TableName: table(),
            Key: bookingKey(booking.bookingId),
            UpdateExpression: `SET #status = :offered, offerExpiresAt = :expires, updatedAt = :now${
              resourceId ? ', resourceId = :resource' : ''
            } ADD version :one`,
            ConditionExpression: '#status = :waitlisted AND version = :version',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':offered': 'offered',
              ':waitlisted': 'waitlisted',
              ':expires': offerExpiresAt,
              ':now': offeredAt,
              ':version': booking.version,
              ':one': 1,
              ...(resourceId ? { ':resource': resourceId } : {}),
            },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              ...key,
              bookingId: booking.bookingId,
              venueId: booking.venueId,
              day: booking.day,
              start: booking.start,
              offerExpiresAt,
              correlationId,
              offeredEvent: event,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  } catch (error) {
    // Room taken or the member offered by a concurrent run (or a conflicting transaction): read again.
    if (error instanceof Error && error.name === 'TransactionCanceledException') return undefined;
    throw error;
  }
  await publishOfferEvents(key);
  return offered;
}

const pendingEventSchema = lazySchema(() =>
  z.object({
    name: z.enum(['WaitlistOffered', 'BookingConfirmed']),
    eventId: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
);
const offerItemSchema = lazySchema(() =>
  z.object({
    pk: z.literal(OFFERS_PK),
    sk: z.string(),
    bookingId: z.string(),
    venueId: z.string(),
    start: z.string(),
    correlationId: z.optional(z.string()),
    confirmedAt: z.optional(z.string()),
    offeredEvent: z.optional(pendingEventSchema),
    confirmedEvent: z.optional(pendingEventSchema),
  }),
);
type OfferItem = z.infer<typeof offerItemSchema>;

async function publishOfferEvents(key: { pk: string; sk: string }) {
  const { Item } = await documents.get({ TableName: table(), Key: key, ConsistentRead: true });
  if (Item) await publishPendingEvents(offerItemSchema.parse(Item));
}

/**
 * Publishes the events an offer item holds, then removes them: a confirmed offer's item is done with
 * (deleted); an open offer's keeps its place in the lapse query. A confirmation written meanwhile keeps
 * its own event (the removal is conditioned on there being none).
 */
async function publishPendingEvents(item: OfferItem) {
  const pending = [item.offeredEvent, item.confirmedEvent].filter((event) => event !== undefined);
  if (pending.length === 0) return;
  await publishEvents(pending as DomainEvent[], item.correlationId ?? item.bookingId);
  const key = { pk: item.pk, sk: item.sk };
  try {
    if (item.confirmedAt) await documents.delete({ TableName: table(), Key: key });
    else
      await documents.update({
        TableName: table(),
        Key: key,
        UpdateExpression: 'REMOVE offeredEvent',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(confirmedAt)',
      });
  } catch (error) {
    // Confirmed meanwhile (its own publishing removes the item) or already gone.
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * The member takes the offer: in one transaction the booking becomes confirmed (while the offer is open),
 * its waitlist place goes, the member's slot guard is put (a member who meanwhile holds another booking in
 * the slot gets DUPLICATE_BOOKING, and the offer stays open until it lapses, so they may still cancel the
 * other one and take it), and the offer item keeps the BookingConfirmed event until it is published.
 * Confirming a confirmed booking again answers it as it is.
 */
export async function confirmOffer(
  customerId: string,
  bookingId: string,
  correlationId: string,
  now = new Date(),
): Promise<BookingView> {
  const booking = await requireMembersBooking(bookingId, customerId);
  const venue = await getVenue(booking.venueId);
  if (booking.status === 'confirmed') return toBookingView(booking, venue);
  if (booking.status === 'offer-lapsed') throw bookingProblems.offerLapsed();
  if (booking.status !== 'offered' || !booking.offerExpiresAt)
    throw bookingProblems.notChangeable(booking.status);
  if (new Date(booking.offerExpiresAt).getTime() <= now.getTime()) throw bookingProblems.offerLapsed();
  if (!venue) throw bookingProblems.venueUnavailable();

  const confirmedAt = now.toISOString();
  const confirmed: Booking = {
    ...booking,
    status: 'confirmed',
    updatedAt: confirmedAt,
    version: booking.version + 1,
  };
  delete confirmed.offerExpiresAt;
  const event: DomainEvent<'BookingConfirmed'> = {
    name: 'BookingConfirmed',
    eventId: eventIdOf('BookingConfirmed', bookingId),
    data: { ...bookingFacts(confirmed, venue), channel: booking.channel, via: 'waitlist', confirmedAt },
  };
  const key = offerKey({ offerExpiresAt: booking.offerExpiresAt, bookingId });
  const confirm = () =>
    documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: table(),
            Key: bookingKey(bookingId),
            UpdateExpression:
              'SET #status = :confirmed, updatedAt = :now REMOVE offerExpiresAt ADD version :one',
            ConditionExpression: '#status = :offered AND offerExpiresAt > :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':confirmed': 'confirmed',
              ':offered': 'offered',
              ':now': confirmedAt,
              ':one': 1,
            },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              ...memberSlotGuardKey(booking.venueId, booking.day, booking.start, customerId),
              bookingId,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Delete: { TableName: table(), Key: waitlistPlaceKey(booking) } },
        {
          Update: {
            TableName: table(),
            Key: key,
            // Whole enough to be published from even were the offer item gone.
            UpdateExpression:
              'SET confirmedAt = :now, confirmedEvent = :event, correlationId = :correlation, bookingId = :booking, venueId = :venue, #start = :start',
            ExpressionAttributeNames: { '#start': 'start' },
            ExpressionAttributeValues: {
              ':booking': bookingId,
              ':venue': booking.venueId,
              ':start': booking.start,
              ':now': confirmedAt,
              ':event': event,
              ':correlation': correlationId,
            },
          },
        },
      ],
    });
  for (let attempt = 1; ; attempt++) {
    try {
      await confirm();
      break;
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      if (!reasons) throw error;
      if (reasons[1] === 'ConditionalCheckFailed' && reasons[0] !== 'ConditionalCheckFailed')
        throw bookingProblems.duplicate();
      // The lapse (or a twin confirmation) got there first, or a transaction in flight on the same items.
      const current = await getBooking(bookingId);
      if (current?.status === 'confirmed') return toBookingView(current, venue);
      if (current?.status === 'offer-lapsed') throw bookingProblems.offerLapsed();
      if (current?.status !== 'offered' || !current.offerExpiresAt)
        throw bookingProblems.notChangeable(current?.status ?? booking.status);
      if (new Date(current.offerExpiresAt).getTime() <= now.getTime()) throw bookingProblems.offerLapsed();
      if (attempt >= 3) throw error;
    }
  }
  await publishOfferEvents(key);
  return toBookingView(confirmed, venue);
}

/**
 * Lapses the offers due at `now`: each in one transaction (booking offered → offer-lapsed while its offer
 * is due, its room released, its waitlist place and offer item deleted), then the freed room is offered to
 * the next members of each slot. A confirmation racing a lapse: exactly one of the two transactions meets
 * its condition. First publishes events that a crash left on offer items. Answers the offers lapsed.
 */
export async function lapseOffers(correlationId: string, now = new Date()): Promise<number> {
  const failures: unknown[] = [];
  try {
    await publishLeftoverEvents();
  } catch (error) {
    failures.push(error);
  }
  const due = await queryAll({
    TableName: table(),
    // Sort keys are `<offerExpiresAt>#<bookingId>`: every offer expiring at `now` or before sorts below this.
    KeyConditionExpression: 'pk = :pk AND sk < :after',
    ExpressionAttributeValues: { ':pk': OFFERS_PK, ':after': `${now.toISOString()}$` },
    ConsistentRead: true,
  });
  const freed = new Map<string, { venueId: string; start: string }>();
  let lapsed = 0;
  for (const item of due.map((entry) => offerItemSchema.parse(entry))) {
    if (item.confirmedAt) continue; // taken; its events are on their way
    try {
      if (await lapseOffer(item, now)) {
        lapsed++;
        freed.set(`${item.venueId}#${item.start}`, { venueId: item.venueId, start: item.start });
      }
    } catch (error) {
      failures.push(error);
    }
  }
  for (const slot of freed.values()) {
    try {
      await offerFreedRoom(slot.venueId, slot.start, correlationId, now);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `${failures.length} waitlist offer step(s) failed`);
  return lapsed;
}

async function lapseOffer(item: OfferItem, now: Date): Promise<boolean> {
  const booking = await getBooking(item.bookingId);
  const key = { pk: item.pk, sk: item.sk };
  if (
    !booking ||
    booking.status !== 'offered' ||
    `${booking.offerExpiresAt}#${booking.bookingId}` !== item.sk
  ) {
    // The booking left the offer another way (cancelled while offered): only its leftovers go.
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Delete: {
              TableName: table(),
              Key: key,
              ConditionExpression: 'attribute_not_exists(offeredEvent)',
            },
          },
          ...(booking && booking.status !== 'waitlisted' && booking.waitlistedAt
            ? [{ Delete: { TableName: table(), Key: waitlistPlaceKey(booking) } }]
            : []),
        ],
      });
    } catch (error) {
      if (!conditionFailedReasons(error)) throw error;
    }
    return false;
  }
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: table(),
            Key: bookingKey(booking.bookingId),
            UpdateExpression: 'SET #status = :lapsed, updatedAt = :now ADD version :one',
            ConditionExpression: '#status = :offered AND offerExpiresAt <= :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':lapsed': 'offer-lapsed',
              ':offered': 'offered',
              ':now': now.toISOString(),
              ':one': 1,
            },
          },
        },
        roomReleased(booking),
        { Delete: { TableName: table(), Key: waitlistPlaceKey(booking) } },
        // An offer whose WaitlistOffered is not out yet waits for it, so the event is not lost.
        {
          Delete: { TableName: table(), Key: key, ConditionExpression: 'attribute_not_exists(offeredEvent)' },
        },
      ],
    });
    return true;
  } catch (error) {
    // Confirmed, cancelled or lapsed by a twin run meanwhile.
    if (conditionFailedReasons(error)) return false;
    throw error;
  }
}

/** Events a crash left on offer items (written, not yet published): offers are few, so one partition read. */
async function publishLeftoverEvents() {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'attribute_exists(offeredEvent) OR attribute_exists(confirmedEvent)',
    ExpressionAttributeValues: { ':pk': OFFERS_PK },
    ConsistentRead: true,
  });
  for (const item of items) await publishPendingEvents(offerItemSchema.parse(item));
}

/** A waitlisted booking's place in its slot's waitlist, 1 first (places before it + 1); none once it left the list. */
export async function waitlistPosition(booking: Booking): Promise<number | undefined> {
  if (booking.status !== 'waitlisted' || !booking.waitlistedAt) return undefined;
  const own = waitlistPlaceKey(booking);
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({
      TableName: table(),
      // Inclusive of its own place, so the count is the position.
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :own',
      ExpressionAttributeValues: { ':pk': own.pk, ':first': waitlistPrefix(booking.start), ':own': own.sk },
      Select: 'COUNT',
      ExclusiveStartKey,
    });
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}
