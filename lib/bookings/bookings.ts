import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents, queryAll } from '../db/client';
import { decodeCursor, encodeCursor } from '../db/cursor';
import {
  idempotencyRecordPut,
  readIdempotencyRecord,
  requestHashOf,
  saveIdempotentResult,
  type IdempotencyRecordRef,
} from '../db/idempotency-record';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { problems } from '../http/problem';
import {
  largestParty,
  memberGuardDeleted,
  memberGuardPut,
  poolCoversReleased,
  poolCoversTaken,
  resourceCandidates,
  resourceReleased,
  resourceTaken,
  type SlotPlace,
  type TransactItem,
} from './capacity';
import {
  bookingKey,
  HOLDS_ROOM,
  memberBookingsIndex,
  venueDayBookingsIndex,
  venueDayPk,
  waitlistPlaceKey,
  waitlistPrefix,
  type Booking,
  type BookingStatus,
  type Resource,
  type Venue,
} from './model';
import { flushOutbox, outboxPut, publishOutbox, type OutboxEvent } from './outbox';
import { bookingProblems } from './problems';
import { getBooking, getStrikes, getVenue, requireMembersBooking, requireVenue } from './repository';
import {
  bookingWindowRefusal,
  isLateCancellation,
  slotsOfDay,
  slotStartingAt,
  localDayOf,
  type Slot,
  type WindowRefusal,
} from './slots';
import { bookingFacts, bookingViewSchema, toBookingView, type BookingView } from './views';

/**
 * Taking, cancelling, moving and listing bookings. Every change is one TransactWriteItems with a condition
 * on each item: the slot's room (a pool counter or a resource item), the member's slot guard, the booking
 * at its version, the Idempotency-Key record, and the booking's events in an outbox item beside it, which
 * is published right after the commit and removed once out (a crash in between is finished by the retry of
 * the same request, the next change of the booking, or at the latest the outbox sweep: outbox.ts).
 */

const table = () => tableNameFromEnv('main');
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Transactions tried per request: other resources of the slot, or a conflict with a racing transaction. */
const MAX_ATTEMPTS = 8;
/** Statuses of a booking the member still holds, or waits for, at its slot. */
const LIVE: ReadonlySet<BookingStatus> = new Set(['confirmed', 'offered', 'waitlisted']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A short random pause before retrying a transaction that collided with another on the same slot. */
const backOff = (attempt: number) => sleep(Math.random() * 20 * 2 ** Math.min(attempt, 4));

// ---------------------------------------------------------------------------------------------------------
// The rules a slot must pass, in the order their refusals are given.

const placeOf = (booking: Pick<Booking, 'venueId' | 'day' | 'start'>): SlotPlace => ({
  venueId: booking.venueId,
  day: booking.day,
  start: booking.start,
});

/** The slot starting at `start`, or why there is none: closed then, or not a slot's start. */
export function requireSlot(venue: Venue, start: Date): Slot {
  const slot = slotStartingAt(venue, start);
  if (slot) return slot;
  const within = slotsOfDay(venue, localDayOf(start, venue.timeZone)).some(
    (open) => open.start.getTime() < start.getTime() && start.getTime() < open.end.getTime(),
  );
  throw within ? bookingProblems.notASlot(venue.slotMinutes) : bookingProblems.venueClosed();
}

/** The refusal of a slot outside the booking window, saying which side of it. */
export function windowProblem(
  refusal: WindowRefusal,
  venue: Pick<Venue, 'minNoticeMinutes' | 'maxAdvanceDays'>,
) {
  switch (refusal) {
    case 'past':
      return bookingProblems.outsideBookingWindow('The slot has started already.');
    case 'too-soon':
      return bookingProblems.outsideBookingWindow(
        `Bookings need at least ${venue.minNoticeMinutes} minutes' notice before the start.`,
      );
    case 'too-far':
      return bookingProblems.outsideBookingWindow(
        `Bookings open at most ${venue.maxAdvanceDays} days in advance.`,
      );
  }
}

/** A walk-in starts now: no minimum notice, and the slot under way may be taken until it ends. */
export function walkInWindowRefusal(
  venue: Pick<Venue, 'minNoticeMinutes' | 'maxAdvanceDays' | 'timeZone'>,
  slot: Pick<Slot, 'start' | 'end' | 'day'>,
  now: Date,
): WindowRefusal | undefined {
  const refusal = bookingWindowRefusal(venue, slot, now);
  if (refusal === 'too-soon') return undefined;
  if (refusal === 'past' && slot.end.getTime() > now.getTime()) return undefined;
  return refusal;
}

type Channel = 'member' | 'staff';

/**
 * Whether the venue takes this party at this start, checked before any write: the slot, the window, the
 * party's size, the resource asked for and the member's suspension. Answers the slot and, in resources
 * mode, the resources that may take the party, best first.
 */
async function checkBookable(
  venue: Venue,
  request: { customerId: string; start: Date; partySize: number; resourceId?: string; channel: Channel },
  now: Date,
): Promise<{ slot: Slot; candidates: Resource[] | undefined }> {
  if (venue.status !== 'active') throw bookingProblems.venueUnavailable();
  const slot = requireSlot(venue, request.start);
  const refusal =
    request.channel === 'staff'
      ? walkInWindowRefusal(venue, slot, now)
      : bookingWindowRefusal(venue, slot, now);
  if (refusal) throw windowProblem(refusal, venue);
  const largest = largestParty(venue.capacity);
  if (largest === 0) throw bookingProblems.venueUnavailable();
  if (request.partySize > largest) throw bookingProblems.partyTooLarge(largest);
  let candidates: Resource[] | undefined;
  if (venue.capacity.mode === 'resources') {
    candidates = resourceCandidates(venue.capacity.resources, request.partySize, request.resourceId);
    if (candidates.length === 0) throw bookingProblems.resourceUnavailable();
  } else if (request.resourceId !== undefined) throw bookingProblems.resourceUnavailable();
  if (request.channel === 'member') {
    const strikes = await getStrikes(request.customerId, venue.id);
    if (strikes?.suspendedUntil && strikes.suspendedUntil > now.toISOString())
      throw bookingProblems.suspended(strikes.suspendedUntil);
  }
  return { slot, candidates };
}

const parseBooking = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...record } = item;
  return record as Booking;
};

/**
 * Whether the member holds or waits for another booking at the venue whose time overlaps the slot (slots of
 * other lengths overlap after a venue changed its slot length). A slot is at most a day long, so the
 * member's bookings starting from a day before the slot cover every one that can overlap it.
 */
async function holdsOverlapping(
  customerId: string,
  venueId: string,
  slot: Pick<Slot, 'start' | 'end'>,
  except?: string,
): Promise<boolean> {
  const { gsi1pk } = memberBookingsIndex({ customerId, start: '', bookingId: '' });
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': gsi1pk,
      ':from': new Date(slot.start.getTime() - DAY_MS).toISOString(),
      ':to': slot.end.toISOString(),
    },
  });
  return items
    .map(parseBooking)
    .some(
      (booking) =>
        booking.venueId === venueId &&
        booking.bookingId !== except &&
        LIVE.has(booking.status) &&
        booking.start < slot.end.toISOString() &&
        booking.end > slot.start.toISOString(),
    );
}

/** The resources of a slot some booking holds now. */
async function heldResources(place: SlotPlace): Promise<Set<string>> {
  const prefix = `SLOT#${place.start}#RES#`;
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': venueDayPk(place.venueId, place.day), ':prefix': prefix },
    ConsistentRead: true,
  });
  return new Set(items.map((item) => String(item.sk).slice(prefix.length)));
}

/** A waitlisted booking's place in its slot's list, 1 first. */
async function waitlistPosition(booking: Booking): Promise<number> {
  if (!booking.waitlistedAt) return 1;
  const own = waitlistPlaceKey(booking).sk;
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': venueDayPk(booking.venueId, booking.day),
      ':prefix': waitlistPrefix(booking.start),
    },
    ConsistentRead: true,
    ProjectionExpression: 'sk',
  });
  return items.filter((item) => String(item.sk) < own).length + 1;
}

async function viewOf(booking: Booking, venue: Venue | undefined): Promise<BookingView> {
  return toBookingView(
    booking,
    venue,
    booking.status === 'waitlisted' ? { position: await waitlistPosition(booking) } : {},
  );
}

const bookingItem = (booking: Booking) => ({
  ...bookingKey(booking.bookingId),
  ...memberBookingsIndex(booking),
  ...venueDayBookingsIndex(booking),
  ...booking,
});

/** The labels of a transaction's items whose condition failed, and whether it collided with another. */
function failuresOf(error: unknown, labels: string[]) {
  const reasons = conditionFailedReasons(error);
  if (!reasons) throw error;
  return {
    failed: new Set(labels.filter((_, index) => reasons[index] === 'ConditionalCheckFailed')),
    conflict: reasons.some((reason) => reason === 'TransactionConflict'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Taking a booking.

export interface NewBooking {
  customerId: string;
  venueId: string;
  /** The slot's start, UTC (momentSchema normalises any offset). */
  start: string;
  partySize: number;
  resourceId?: string;
  note?: string;
  /** Join the slot's waitlist when it is full (members only). */
  waitlist?: boolean;
  /** `member` online; `staff` a walk-in entered at the venue. */
  channel: Channel;
  idempotencyKey: string;
  correlationId: string;
}

const newBookingRef = (request: Pick<NewBooking, 'customerId' | 'channel' | 'idempotencyKey'>) => ({
  customerId: request.customerId,
  scope: request.channel === 'staff' ? 'walk-in' : 'book',
  key: request.idempotencyKey,
});

/** The first answer for an Idempotency-Key (its events finished if a crash stopped them), if any. */
async function replayed(ref: IdempotencyRecordRef, hash: string): Promise<BookingView | undefined> {
  const stored = await readIdempotencyRecord(ref, hash, { bookingId: z.string() });
  if (!stored) return undefined;
  await flushOutbox(stored.bookingId);
  if (stored.result) return bookingViewSchema.parse(stored.result);
  // Written with the booking but its answer not kept yet (a crash right after): rebuilt from the booking.
  const booking = (await getBooking(stored.bookingId))!;
  const view = await viewOf(booking, await getVenue(booking.venueId));
  await saveIdempotentResult(ref, view);
  return view;
}

type Attempt = { booking: Booking } | 'replay' | 'full' | 'resource-taken' | 'conflict';

/**
 * Takes a booking: room in the slot (pool covers, or the smallest free resource that fits), the member's
 * slot guard, the booking and its Idempotency-Key in one transaction. A full slot is a 409 SLOT_FULL, or a
 * place on its waitlist when asked. A replay of the key answers the first result.
 */
export async function createBooking(
  request: NewBooking,
  now = new Date(),
): Promise<{ view: BookingView; replayed: boolean }> {
  const ref = newBookingRef(request);
  const hash = requestHashOf([
    request.venueId,
    request.start,
    request.partySize,
    request.resourceId ?? null,
    request.note ?? null,
    request.waitlist ?? false,
  ]);
  const earlier = await replayed(ref, hash);
  if (earlier) return { view: earlier, replayed: true };

  const venue = await requireVenue(request.venueId);
  const { slot, candidates } = await checkBookable(
    venue,
    { ...request, start: new Date(request.start) },
    now,
  );
  if (await holdsOverlapping(request.customerId, venue.id, slot)) throw bookingProblems.duplicate();
  const place: SlotPlace = { venueId: venue.id, day: slot.day, start: slot.start.toISOString() };
  const held = candidates ? await heldResources(place) : new Set<string>();

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const resource = candidates?.find((candidate) => !held.has(candidate.id));
    const outcome =
      candidates && !resource ? 'full' : await tryConfirm(request, venue, slot, resource, hash, now);
    if (outcome === 'replay') {
      const view = await replayed(ref, hash);
      if (view) return { view, replayed: true };
    } else if (outcome === 'resource-taken') held.add(resource!.id);
    else if (outcome === 'conflict') await backOff(attempt);
    else if (outcome === 'full') {
      if (!request.waitlist || request.channel !== 'member') throw bookingProblems.slotFull();
      return joinWaitlist(request, venue, slot, hash, now);
    } else return { view: await finishConfirmed(ref, outcome.booking, venue), replayed: false };
  }
  throw bookingProblems.busy();
}

const confirmedEvent = (booking: Booking, venue: Venue, now: Date): OutboxEvent => ({
  name: 'BookingConfirmed',
  eventId: eventIdOf('BookingConfirmed', booking.bookingId),
  data: {
    ...bookingFacts(booking, venue),
    channel: booking.channel,
    via: 'booking',
    confirmedAt: now.toISOString(),
  },
});

async function tryConfirm(
  request: NewBooking,
  venue: Venue,
  slot: Slot,
  resource: Resource | undefined,
  hash: string,
  now: Date,
): Promise<Attempt> {
  const bookingId = ulid(now.getTime());
  const place: SlotPlace = { venueId: venue.id, day: slot.day, start: slot.start.toISOString() };
  const booking: Booking = {
    bookingId,
    customerId: request.customerId,
    venueId: venue.id,
    start: place.start,
    end: slot.end.toISOString(),
    day: slot.day,
    partySize: request.partySize,
    ...(resource ? { resourceId: resource.id } : {}),
    ...(request.resourceId ? { resourceRequested: true } : {}),
    ...(request.note ? { note: request.note } : {}),
    status: 'confirmed',
    channel: request.channel,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const labelled: [string, TransactItem][] = [
    ['idempotency', idempotencyRecordPut(newBookingRef(request), hash, { bookingId }, now)],
    [
      'room',
      venue.capacity.mode === 'pool'
        ? poolCoversTaken(place, request.partySize, venue.capacity.coversPerSlot)
        : resourceTaken(place, resource!.id, bookingId),
    ],
    ['guard', memberGuardPut(place, request.customerId, bookingId)],
    [
      'booking',
      {
        Put: {
          TableName: table(),
          Item: bookingItem(booking),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    [
      'outbox',
      outboxPut(bookingId, 'confirmed', [confirmedEvent(booking, venue, now)], request.correlationId, now),
    ],
  ];
  try {
    await documents.transactWrite({ TransactItems: labelled.map(([, item]) => item) });
    return { booking };
  } catch (error) {
    const { failed, conflict } = failuresOf(
      error,
      labelled.map(([label]) => label),
    );
    if (failed.has('idempotency')) return 'replay';
    if (failed.has('guard')) throw bookingProblems.duplicate();
    if (failed.has('room')) return venue.capacity.mode === 'pool' ? 'full' : 'resource-taken';
    if (conflict) return 'conflict';
    throw error;
  }
}

async function finishConfirmed(ref: IdempotencyRecordRef, booking: Booking, venue: Venue) {
  await flushOutbox(booking.bookingId);
  const view = toBookingView(booking, venue);
  await saveIdempotentResult(ref, view);
  return view;
}

/**
 * A place on a full slot's waitlist: the booking waits with no room taken and no slot guard (the offer
 * takes both), first come, first offered. A member already waiting for, or holding, the slot was refused
 * before.
 */
async function joinWaitlist(
  request: NewBooking,
  venue: Venue,
  slot: Slot,
  hash: string,
  now: Date,
): Promise<{ view: BookingView; replayed: boolean }> {
  const ref = newBookingRef(request);
  const bookingId = ulid(now.getTime());
  const booking: Booking = {
    bookingId,
    customerId: request.customerId,
    venueId: venue.id,
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    day: slot.day,
    partySize: request.partySize,
    ...(request.resourceId ? { resourceId: request.resourceId, resourceRequested: true } : {}),
    ...(request.note ? { note: request.note } : {}),
    status: 'waitlisted',
    channel: request.channel,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    waitlistedAt: now.toISOString(),
    version: 1,
  };
  try {
    await documents.transactWrite({
      TransactItems: [
        idempotencyRecordPut(ref, hash, { bookingId }, now),
        {
          Put: {
            TableName: table(),
            Item: bookingItem(booking),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              ...waitlistPlaceKey(booking),
              bookingId,
              customerId: booking.customerId,
              partySize: booking.partySize,
              waitlistedAt: booking.waitlistedAt,
              ...(booking.resourceId ? { resourceId: booking.resourceId } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') {
      const view = await replayed(ref, hash);
      if (view) return { view, replayed: true };
    }
    throw error;
  }
  const view = await viewOf(booking, venue);
  await saveIdempotentResult(ref, view);
  return { view, replayed: false };
}

// ---------------------------------------------------------------------------------------------------------
// Cancelling.

const CANCELLABLE: ReadonlySet<BookingStatus> = new Set(['confirmed', 'waitlisted', 'offered']);

/** The writes that give back what a booking holds: its room, its slot guard, its waitlist place. */
function releaseItems(booking: Booking, venue: Venue): TransactItem[] {
  const place = placeOf(booking);
  const items: TransactItem[] = [];
  // What the booking itself holds decides, not the venue's mode now (a venue may change its mode).
  if (HOLDS_ROOM.has(booking.status)) {
    if (booking.resourceId) items.push(resourceReleased(place, booking.resourceId, booking.bookingId));
    else if (venue.capacity.mode === 'pool') items.push(poolCoversReleased(place, booking.partySize));
  }
  items.push(memberGuardDeleted(place, booking.customerId, booking.bookingId));
  if (booking.waitlistedAt)
    items.push({
      Delete: {
        TableName: table(),
        Key: waitlistPlaceKey(booking),
        ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :booking',
        ExpressionAttributeValues: { ':booking': booking.bookingId },
      },
    });
  return items;
}

/**
 * Cancels a booking, a waitlist place or an offer before its start, giving back exactly what it held, in
 * one transaction conditioned on the booking's version. Cancelling a cancelled booking answers the same
 * again (a retry of a cancel that went through is no error). A member's cancellation inside the
 * free-cancellation period is late (the attendance part counts its half strike from the event); staff's
 * never is.
 */
async function cancel(
  found: Booking,
  venue: Venue,
  by: Channel,
  correlationId: string,
  now: Date,
): Promise<BookingView> {
  let booking = found;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (booking.status === 'cancelled') {
      await flushOutbox(booking.bookingId);
      return toBookingView(booking, venue);
    }
    if (!CANCELLABLE.has(booking.status) || booking.start <= now.toISOString())
      throw bookingProblems.notChangeable(booking.status);
    const late =
      by === 'member' &&
      HOLDS_ROOM.has(booking.status) &&
      isLateCancellation(venue, new Date(booking.start), now);
    const cancelled: Booking = {
      ...booking,
      status: 'cancelled',
      cancelledAt: now.toISOString(),
      lateCancellation: late,
      updatedAt: now.toISOString(),
      version: booking.version + 1,
    };
    const event: OutboxEvent = {
      name: 'BookingCancelled',
      eventId: eventIdOf('BookingCancelled', booking.bookingId),
      data: {
        ...bookingFacts(booking, venue),
        previousStatus: booking.status as 'confirmed' | 'waitlisted' | 'offered',
        late,
        by,
        cancelledAt: now.toISOString(),
      },
    };
    const items: TransactItem[] = [
      {
        Update: {
          TableName: table(),
          Key: bookingKey(booking.bookingId),
          UpdateExpression:
            'SET #status = :cancelled, cancelledAt = :now, lateCancellation = :late, updatedAt = :now, version = :next',
          ConditionExpression: 'version = :version AND #status = :previous',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':cancelled': 'cancelled',
            ':now': now.toISOString(),
            ':late': late,
            ':next': cancelled.version,
            ':version': booking.version,
            ':previous': booking.status,
          },
        },
      },
      ...releaseItems(booking, venue),
      outboxPut(booking.bookingId, 'cancelled', [event], correlationId, now),
    ];
    try {
      await documents.transactWrite({ TransactItems: items });
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') {
        // Changed meanwhile (a twin cancel, an offer made or lapsed): decided again on what it is now.
        booking = (await getBooking(booking.bookingId))!;
        continue;
      }
      if (reasons.includes('TransactionConflict')) {
        await backOff(attempt);
        continue;
      }
      throw error;
    }
    await publishOutbox(booking.bookingId, 'cancelled', [event], correlationId);
    return toBookingView(cancelled, venue);
  }
  throw bookingProblems.busy();
}

/** A member cancels their own booking (another member's is a 404). */
export async function cancelMyBooking(
  customerId: string,
  bookingId: string,
  correlationId: string,
  now = new Date(),
): Promise<BookingView> {
  const booking = await requireMembersBooking(bookingId, customerId);
  const venue = await requireVenue(booking.venueId);
  return cancel(booking, venue, 'member', correlationId, now);
}

/** A booking of this venue, as staff reach it (404 for a booking of another venue). */
export async function requireVenueBooking(venueId: string, bookingId: string) {
  const venue = await requireVenue(venueId);
  const booking = await getBooking(bookingId);
  if (!booking || booking.venueId !== venueId) throw problems.notFound('Booking');
  return { venue, booking };
}

/** The member a walk-in is for: a registered member, not erased (404 otherwise). */
export async function requireMember(customerId: string) {
  const { Item } = await documents.get({
    TableName: table(),
    Key: { pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' },
    ConsistentRead: true,
    ProjectionExpression: 'customerId, erasedAt',
  });
  if (!Item || Item.erasedAt) throw problems.notFound('Member');
}

/** Staff cancel a booking of their venue: never late (no strike for the member). */
export function cancelBookingByStaff(
  found: { venue: Venue; booking: Booking },
  correlationId: string,
  now = new Date(),
): Promise<BookingView> {
  return cancel(found.booking, found.venue, 'staff', correlationId, now);
}

// ---------------------------------------------------------------------------------------------------------
// Moving.

/**
 * Moves a confirmed booking to another slot of its venue: the new slot's room and guard taken, the old
 * ones given back and the booking moved, in one transaction, or nothing changes. The new slot passes the
 * checks of a new booking; a booking on a resource asked for keeps it (if free), others take the smallest
 * free resource that fits. The same start again changes nothing and answers the booking as it is.
 */
export async function rescheduleBooking(
  request: {
    customerId: string;
    bookingId: string;
    start: string;
    idempotencyKey: string;
    correlationId: string;
  },
  now = new Date(),
): Promise<{ view: BookingView; replayed: boolean }> {
  const ref = { customerId: request.customerId, scope: 'reschedule', key: request.idempotencyKey };
  const hash = requestHashOf([request.bookingId, request.start]);
  const earlier = await replayed(ref, hash);
  if (earlier) return { view: earlier, replayed: true };

  let booking = await requireMembersBooking(request.bookingId, request.customerId);
  const venue = await requireVenue(booking.venueId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (booking.status !== 'confirmed' || booking.start <= now.toISOString())
      throw bookingProblems.notChangeable(booking.status);
    if (booking.start === request.start) return { view: toBookingView(booking, venue), replayed: false };
    const { slot, candidates } = await checkBookable(
      venue,
      {
        customerId: booking.customerId,
        start: new Date(request.start),
        partySize: booking.partySize,
        ...(booking.resourceRequested ? { resourceId: booking.resourceId } : {}),
        channel: 'member',
      },
      now,
    );
    if (await holdsOverlapping(booking.customerId, venue.id, slot, booking.bookingId))
      throw bookingProblems.duplicate();
    const place: SlotPlace = { venueId: venue.id, day: slot.day, start: slot.start.toISOString() };
    const held = candidates ? await heldResources(place) : new Set<string>();
    for (; attempt < MAX_ATTEMPTS; attempt++) {
      const resource = candidates?.find((candidate) => !held.has(candidate.id));
      if (candidates && !resource) throw bookingProblems.slotFull();
      const outcome = await tryMove(booking, venue, slot, resource, ref, hash, request.correlationId, now);
      if (outcome === 'replay') {
        const view = await replayed(ref, hash);
        if (view) return { view, replayed: true };
      } else if (outcome === 'resource-taken') held.add(resource!.id);
      else if (outcome === 'conflict') await backOff(attempt);
      else if (outcome === 'full') throw bookingProblems.slotFull();
      else if (outcome === 'changed') break;
      else {
        await flushOutbox(booking.bookingId);
        const view = toBookingView(outcome.booking, venue);
        await saveIdempotentResult(ref, view);
        return { view, replayed: false };
      }
    }
    booking = await requireMembersBooking(request.bookingId, request.customerId);
  }
  throw bookingProblems.busy();
}

async function tryMove(
  booking: Booking,
  venue: Venue,
  slot: Slot,
  resource: Resource | undefined,
  ref: IdempotencyRecordRef,
  hash: string,
  correlationId: string,
  now: Date,
): Promise<Attempt | 'changed'> {
  const to: SlotPlace = { venueId: venue.id, day: slot.day, start: slot.start.toISOString() };
  const moved: Booking = {
    ...booking,
    start: to.start,
    end: slot.end.toISOString(),
    day: to.day,
    updatedAt: now.toISOString(),
    version: booking.version + 1,
  };
  if (resource) moved.resourceId = resource.id;
  else delete moved.resourceId;
  const index = { ...memberBookingsIndex(moved), ...venueDayBookingsIndex(moved) };
  const event: OutboxEvent = {
    name: 'BookingRescheduled',
    eventId: eventIdOf('BookingRescheduled', booking.bookingId, moved.version),
    data: {
      ...bookingFacts(moved, venue),
      previousStart: booking.start,
      previousEnd: booking.end,
      ...(booking.resourceId ? { previousResourceId: booking.resourceId } : {}),
      rescheduledAt: now.toISOString(),
    },
  };
  const labelled: [string, TransactItem][] = [
    ['idempotency', idempotencyRecordPut(ref, hash, { bookingId: booking.bookingId }, now)],
    [
      'room',
      venue.capacity.mode === 'pool'
        ? poolCoversTaken(to, booking.partySize, venue.capacity.coversPerSlot)
        : resourceTaken(to, resource!.id, booking.bookingId),
    ],
    ['guard', memberGuardPut(to, booking.customerId, booking.bookingId)],
    ...releaseItems(booking, venue).map((item): [string, TransactItem] => ['release', item]),
    [
      'booking',
      {
        Update: {
          TableName: table(),
          Key: bookingKey(booking.bookingId),
          UpdateExpression:
            'SET #start = :start, #end = :end, #day = :day, updatedAt = :now, version = :next, ' +
            'gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk' +
            (moved.resourceId ? ', resourceId = :resource' : ''),
          ConditionExpression: 'version = :version AND #status = :confirmed',
          ExpressionAttributeNames: { '#status': 'status', '#start': 'start', '#end': 'end', '#day': 'day' },
          ExpressionAttributeValues: {
            ':start': moved.start,
            ':end': moved.end,
            ':day': moved.day,
            ':now': now.toISOString(),
            ':next': moved.version,
            ':gsi1sk': index.gsi1sk,
            ':gsi2pk': index.gsi2pk,
            ':gsi2sk': index.gsi2sk,
            ':version': booking.version,
            ':confirmed': 'confirmed',
            ...(moved.resourceId ? { ':resource': moved.resourceId } : {}),
          },
        },
      },
    ],
    ['outbox', outboxPut(booking.bookingId, `rescheduled#${moved.version}`, [event], correlationId, now)],
  ];
  try {
    await documents.transactWrite({ TransactItems: labelled.map(([, item]) => item) });
    return { booking: moved };
  } catch (error) {
    const { failed, conflict } = failuresOf(
      error,
      labelled.map(([label]) => label),
    );
    if (failed.has('idempotency')) return 'replay';
    if (failed.has('booking')) return 'changed';
    if (failed.has('guard')) throw bookingProblems.duplicate();
    if (failed.has('room')) return venue.capacity.mode === 'pool' ? 'full' : 'resource-taken';
    if (conflict) return 'conflict';
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Listing.

/**
 * The member's bookings, a page at a time: `upcoming` those still held, waited for or checked in early, soonest
 * first; `past` every booking that started before now, newest first. Each with its venue's name and, on a
 * waitlist, its place.
 */
export async function listMyBookings(
  customerId: string,
  page: { when: 'upcoming' | 'past'; limit: number; cursor?: string },
  now = new Date(),
): Promise<{ items: BookingView[]; nextCursor: string | null }> {
  const { gsi1pk } = memberBookingsIndex({ customerId, start: '', bookingId: '' });
  const scope = { partition: { gsi1pk }, view: page.when };
  let startKey = await decodeCursor(page.cursor, scope);
  const upcoming = page.when === 'upcoming';
  const bookings: Booking[] = [];
  // A filter reads past what it drops: read on until the page is full or the list ends.
  do {
    const result = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: `gsi1pk = :pk AND gsi1sk ${upcoming ? '>=' : '<'} :now`,
      ...(upcoming
        ? {
            // Attended too: a member checked in before the start keeps the booking in view until it starts.
            FilterExpression: '#status IN (:confirmed, :offered, :waitlisted, :attended)',
            ExpressionAttributeNames: { '#status': 'status' },
          }
        : {}),
      ExpressionAttributeValues: {
        ':pk': gsi1pk,
        ':now': now.toISOString(),
        ...(upcoming
          ? {
              ':confirmed': 'confirmed',
              ':offered': 'offered',
              ':waitlisted': 'waitlisted',
              ':attended': 'attended',
            }
          : {}),
      },
      ScanIndexForward: upcoming,
      ExclusiveStartKey: startKey,
      Limit: page.limit - bookings.length,
    });
    bookings.push(...(result.Items ?? []).map(parseBooking));
    startKey = result.LastEvaluatedKey;
  } while (startKey && bookings.length < page.limit);

  const venues = new Map<string, Promise<Venue | undefined>>();
  const venueOf = (venueId: string) => {
    if (!venues.has(venueId)) venues.set(venueId, getVenue(venueId));
    return venues.get(venueId)!;
  };
  const items = await Promise.all(
    bookings.map(async (booking) => viewOf(booking, await venueOf(booking.venueId))),
  );
  return { items, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}
