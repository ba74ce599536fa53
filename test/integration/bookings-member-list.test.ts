// The member's list against DynamoDB Local: a booking checked in before its start stays in view, under
// upcoming until it starts and under past after, never in neither.
import { beforeEach, describe, expect, it } from 'vitest';
import { checkInByStaff } from '../../lib/bookings/attendance';
import { createBooking, listMyBookings } from '../../lib/bookings/bookings';
import { seedVenue } from '../support/bookings';
import { acceptingEventBridge, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

/** Monday 1 March 2027, 10:00 in Shanghai. */
const NOW = new Date('2027-03-01T02:00:00.000Z');
/** 14:00 in Shanghai on 2 March, and ten minutes before it. */
const AT_14 = '2027-03-02T06:00:00.000Z';
const AT_13_50 = new Date('2027-03-02T05:50:00.000Z');
const AT_14_01 = new Date('2027-03-02T06:01:00.000Z');

const listed = async (customerId: string, when: 'upcoming' | 'past', now: Date) =>
  (await listMyBookings(customerId, { when, limit: 10 }, now)).items.map((item) => [
    item.bookingId,
    item.status,
  ]);

describe("the member's list", () => {
  it('keeps a booking checked in before its start under upcoming until it starts, then under past', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { view } = await createBooking(
      {
        customerId,
        venueId: venue.id,
        start: AT_14,
        partySize: 2,
        channel: 'member',
        idempotencyKey: unique('key'),
        correlationId: 'corr',
      },
      NOW,
    );
    await checkInByStaff(venue, view.bookingId, 'corr', AT_13_50);

    expect(await listed(customerId, 'upcoming', AT_13_50)).toEqual([[view.bookingId, 'attended']]);
    expect(await listed(customerId, 'past', AT_13_50)).toEqual([]);
    expect(await listed(customerId, 'upcoming', AT_14_01)).toEqual([]);
    expect(await listed(customerId, 'past', AT_14_01)).toEqual([[view.bookingId, 'attended']]);
  });
});
