import { documents, isConditionFailure, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { Problem, problems } from '../http/problem';
import {
  checkInKey,
  checkInTiming,
  checkInWindow,
  isNoShowAt,
  readCheckInCode,
  signCheckInCode,
} from './check-in';
import { bookingIdsOfDay, bookingsById } from './day-view';
import { bookingKey, VENUE_LIST_PK, venueSchema, type Booking, type Venue } from './model';
import { bookingProblems } from './problems';
import { getBooking, requireMembersBooking, requireVenue, withoutKeys } from './repository';
import { addDays, isoWithOffset, localDayOf } from './slots';
import { bookingFacts } from './views';

/**
 * A booking's attendance: the member's check-in code, the staff's scan of it, check-in and no-show by hand.
 * Each transition is one conditional update of the booking (confirmed, at the version read), so two scans
 * at once check in once; its event rides on the booking (`pendingEvent`) until published.
 */

const table = () => tableNameFromEnv('main');

export type PendingEvent = NonNullable<Booking['pendingEvent']>;

/** The catalogue event of a booking's pending transition, with an id fixed by the booking. */
export function attendanceEvent(booking: Booking, venue: Pick<Venue, 'kind' | 'storeId'>): DomainEvent {
  const pending = booking.pendingEvent!;
  if (pending.name === 'BookingAttended')
    return {
      name: 'BookingAttended',
      eventId: eventIdOf('BookingAttended', booking.bookingId),
      data: {
        ...bookingFacts(booking, venue),
        attendedAt: booking.attendedAt!,
        by: pending.by === 'code' ? 'code' : 'staff',
      },
    };
  return {
    name: 'BookingNoShow',
    eventId: eventIdOf('BookingNoShow', booking.bookingId),
    data: {
      ...bookingFacts(booking, venue),
      markedAt: booking.noShowAt!,
      by: pending.by === 'schedule' ? 'schedule' : 'staff',
    },
  };
}

/**
 * Publishes the pending events of these bookings, then takes each off its booking (only if it is still
 * that one). Safe to repeat: the events' ids are the bookings', and consumers apply an id once.
 */
export async function publishPendingEvents(bookings: Booking[], venue: Pick<Venue, 'kind' | 'storeId'>) {
  const pending = bookings.filter((booking) => booking.pendingEvent);
  if (pending.length === 0) return;
  const byCorrelation = new Map<string, Booking[]>();
  for (const booking of pending) {
    const correlationId = booking.pendingEvent!.correlationId;
    byCorrelation.set(correlationId, [...(byCorrelation.get(correlationId) ?? []), booking]);
  }
  for (const [correlationId, ofRequest] of byCorrelation)
    await publishEvents(
      ofRequest.map((booking) => attendanceEvent(booking, venue)),
      correlationId,
    );
  await inBatches(pending, SWEEP_CONCURRENCY, async (booking) => {
    try {
      await documents.update({
        TableName: table(),
        Key: bookingKey(booking.bookingId),
        UpdateExpression: 'REMOVE pendingEvent',
        ConditionExpression: 'pendingEvent.#name = :name',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': booking.pendingEvent!.name },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  });
}

/** The check-in code of a member's own confirmed booking, with the window it opens. */
export async function checkInCodeFor(customerId: string, bookingId: string, now = new Date()) {
  const booking = await requireMembersBooking(bookingId, customerId);
  if (booking.status !== 'confirmed') throw bookingProblems.notChangeable(booking.status);
  const venue = await requireVenue(booking.venueId);
  if (checkInTiming(booking, venue, now) === 'closed') throw bookingProblems.checkInClosed();
  const { code, expiresAt } = signCheckInCode(booking, await checkInKey(), now);
  const window = checkInWindow(booking, venue);
  const at = (instant: Date) => isoWithOffset(instant, venue.timeZone);
  return {
    code,
    expiresAt: at(expiresAt),
    validFrom: at(window.opensAt),
    validUntil: at(window.closesAt),
  };
}

type Transition = { to: 'attended'; by: 'code' | 'staff' } | { to: 'no-show'; by: 'staff' | 'schedule' };

/**
 * Moves a confirmed booking, as read, to attended or no-show in one conditional update carrying its event;
 * answers the booking as written, or undefined when it changed since it was read.
 */
export async function transitionBooking(
  booking: Booking,
  transition: Transition,
  correlationId: string,
  now: Date,
): Promise<Booking | undefined> {
  const at = now.toISOString();
  const pendingEvent: PendingEvent = {
    name: transition.to === 'attended' ? 'BookingAttended' : 'BookingNoShow',
    by: transition.by,
    correlationId,
  };
  try {
    const { Attributes } = await documents.update({
      TableName: table(),
      Key: bookingKey(booking.bookingId),
      UpdateExpression: `SET #status = :to, ${transition.to === 'attended' ? 'attendedAt' : 'noShowAt'} = :at, updatedAt = :at, pendingEvent = :event, version = :next`,
      ConditionExpression: '#status = :confirmed AND version = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':to': transition.to,
        ':at': at,
        ':event': pendingEvent,
        ':confirmed': 'confirmed',
        ':version': booking.version,
        ':next': booking.version + 1,
      },
      ReturnValues: 'ALL_NEW',
    });
    return {
      ...booking,
      status: transition.to,
      ...(transition.to === 'attended' ? { attendedAt: at } : { noShowAt: at }),
      updatedAt: at,
      pendingEvent,
      version: Number(Attributes?.version),
    };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Why a booking in this status cannot be checked in; an attended one finishes its event on the way. */
async function refusalOfCheckIn(booking: Booking, venue: Venue): Promise<Problem> {
  if (booking.status === 'attended') {
    // Checked in by an earlier scan (perhaps this one's, timed out), which may have stopped before its event.
    await publishPendingEvents([booking], venue);
    return bookingProblems.alreadyCheckedIn();
  }
  return bookingProblems.notChangeable(booking.status);
}

/**
 * Checks a booking in, at its venue, inside its window, once: by a scanned code, or by staff picking it
 * from the day view. Answers the booking as checked in.
 */
async function checkIn(
  venue: Venue,
  bookingId: string,
  by: 'code' | 'staff',
  correlationId: string,
  now: Date,
): Promise<Booking> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const booking = await getBooking(bookingId);
    if (!booking || booking.venueId !== venue.id)
      throw by === 'code' ? codeInvalid() : problems.notFound('Booking');
    if (booking.status !== 'confirmed') throw await refusalOfCheckIn(booking, venue);
    const timing = checkInTiming(booking, venue, now);
    if (timing === 'too-early')
      throw bookingProblems.checkInTooEarly(
        isoWithOffset(checkInWindow(booking, venue).opensAt, venue.timeZone),
      );
    if (timing === 'closed') throw bookingProblems.checkInClosed();
    const attended = await transitionBooking(booking, { to: 'attended', by }, correlationId, now);
    if (attended) {
      await publishPendingEvents([attended], venue);
      return attended;
    }
    // Changed since read (a concurrent scan, a reschedule): judge it again as it is now.
  }
  throw new Problem(409, 'CONFLICT', 'Conflict', 'The booking kept changing; try again.');
}

const codeInvalid = (detail?: string) => {
  const problem = bookingProblems.checkInCodeInvalid();
  return detail ? new Problem(problem.status, problem.code, problem.title, detail) : problem;
};

/** A scanned code: it must be ours, unaltered, unexpired, and of this venue. */
export async function checkInByCode(venue: Venue, code: string, correlationId: string, now = new Date()) {
  const reading = readCheckInCode(code, await checkInKey(), now);
  if (!reading.valid)
    throw reading.reason === 'expired'
      ? codeInvalid('The code has expired: ask the member to refresh it in the app and scan again.')
      : codeInvalid();
  // Another venue's code is as invalid here as an altered one: staff scan at the wrong desk either way.
  if (reading.payload.v !== venue.id) throw codeInvalid();
  return checkIn(venue, reading.payload.b, 'code', correlationId, now);
}

/** Staff check a member in by hand (no phone at hand): the same window and the same once-only rule. */
export const checkInByStaff = (venue: Venue, bookingId: string, correlationId: string, now = new Date()) =>
  checkIn(venue, bookingId, 'staff', correlationId, now);

/**
 * Staff mark a confirmed booking of their venue a no-show once it has started (the schedule does so for
 * every booking once the grace period has passed).
 */
export async function markNoShowByStaff(
  venue: Venue,
  bookingId: string,
  correlationId: string,
  now = new Date(),
): Promise<Booking> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const booking = await getBooking(bookingId);
    if (!booking || booking.venueId !== venue.id) throw problems.notFound('Booking');
    if (booking.status === 'no-show') {
      await publishPendingEvents([booking], venue);
      return booking;
    }
    if (booking.status !== 'confirmed') throw bookingProblems.notChangeable(booking.status);
    if (now.getTime() < Date.parse(booking.start)) throw bookingProblems.notStarted();
    const marked = await transitionBooking(booking, { to: 'no-show', by: 'staff' }, correlationId, now);
    if (marked) {
      await publishPendingEvents([marked], venue);
      return marked;
    }
  }
  throw new Problem(409, 'CONFLICT', 'Conflict', 'The booking kept changing; try again.');
}

/** How far back the sweep looks: yesterday's late bookings, and a day of missed runs, are still found. */
export const NO_SHOW_LOOKBACK_MS = 36 * 3600_000;
/**
 * The most bookings one sweep reads (keys, BatchGets of a hundred, and the updates of those due). A run that
 * reaches it stops and says so; the next one starts at another venue (the order turns every run), so no
 * venue waits behind a busy one forever. 5,000 is a busy mall's day and a half of bookings many times
 * over, well within the function's timeout.
 */
export const MAX_BOOKINGS_PER_SWEEP = 5_000;
const SWEEP_EVERY_MS = 5 * 60_000;
/** Transitions written at once by a sweep. */
const SWEEP_CONCURRENCY = 10;

/** The local days at a venue that hold the starts of [from, to]. */
export function localDaysBetween(from: Date, to: Date, timeZone: string): string[] {
  const days: string[] = [];
  for (let day = localDayOf(from, timeZone); day <= localDayOf(to, timeZone); day = addDays(day, 1))
    days.push(day);
  return days;
}

/** The active venues, from the venue list (gsi1), in an order that turns with each run. */
async function activeVenuesInTurn(now: Date): Promise<Venue[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': VENUE_LIST_PK },
  });
  const venues = items
    .map((item) => venueSchema.parse(withoutKeys(item)))
    .filter((venue) => venue.status === 'active');
  if (venues.length === 0) return venues;
  const turn = Math.floor(now.getTime() / SWEEP_EVERY_MS) % venues.length;
  return [...venues.slice(turn), ...venues.slice(0, turn)];
}

async function inBatches<T>(items: T[], size: number, each: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}

export interface SweepOutcome {
  venues: number;
  bookingsRead: number;
  markedNoShow: number;
  /** Whether the run stopped at MAX_BOOKINGS_PER_SWEEP before the last venue. */
  cut: boolean;
}

/**
 * The no-show sweep: every confirmed booking of an active venue whose check-in window closed within the
 * last 36 hours becomes a no-show, each on the condition that it is still confirmed at the version read
 * (a check-in at the same moment wins or loses whole). Events a crash left on bookings go out too. A second
 * run changes nothing.
 */
export async function markNoShows(correlationId: string, now = new Date()): Promise<SweepOutcome> {
  const outcome: SweepOutcome = { venues: 0, bookingsRead: 0, markedNoShow: 0, cut: false };
  const from = new Date(now.getTime() - NO_SHOW_LOOKBACK_MS);
  for (const venue of await activeVenuesInTurn(now)) {
    // Bookings that started before now − grace: their window has closed.
    const cutoff = new Date(now.getTime() - venue.noShowGraceMinutes * 60_000).toISOString();
    const ids: string[] = [];
    for (const day of localDaysBetween(from, now, venue.timeZone))
      ids.push(...(await bookingIdsOfDay(venue.id, day, { from: from.toISOString(), to: cutoff })));
    if (outcome.bookingsRead + ids.length > MAX_BOOKINGS_PER_SWEEP) {
      outcome.cut = true;
      break;
    }
    outcome.venues++;
    outcome.bookingsRead += ids.length;
    const bookings = await bookingsById(ids);
    const toPublish = bookings.filter((booking) => booking.pendingEvent);
    await inBatches(
      bookings.filter((booking) => isNoShowAt(booking, venue, now)),
      SWEEP_CONCURRENCY,
      async (booking) => {
        const marked = await transitionBooking(
          booking,
          { to: 'no-show', by: 'schedule' },
          correlationId,
          now,
        );
        if (!marked) return; // checked in (or changed) since read: that change stands
        outcome.markedNoShow++;
        toPublish.push(marked);
      },
    );
    await publishPendingEvents(toPublish, venue);
  }
  return outcome;
}
