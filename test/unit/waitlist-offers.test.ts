// The pure choice of whom freed room is offered to: waitlist order, the party that fits, the smallest free resource.
import { describe, expect, it } from 'vitest';
import type { Booking, Capacity } from '../../lib/bookings/model';
import { bookingIdOfPlace, chooseOffer } from '../../lib/bookings/waitlist';

const waitlisted = (bookingId: string, partySize: number, extra: Partial<Booking> = {}): Booking => ({
  bookingId,
  customerId: `c-${bookingId}`,
  venueId: 'v',
  start: '2030-01-10T06:00:00.000Z',
  end: '2030-01-10T07:00:00.000Z',
  day: '2030-01-10',
  partySize,
  status: 'waitlisted',
  channel: 'member',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  waitlistedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
  ...extra,
});
const pool = (coversPerSlot: number): Capacity => ({ mode: 'pool', coversPerSlot });
const tables: Capacity = {
  mode: 'resources',
  resources: [
    { id: 't6', name: 'Table 6', seats: 6, active: true },
    { id: 't2', name: 'Table 2', seats: 2, active: true },
    { id: 't4b', name: 'Table 4 B', seats: 4, active: true },
    { id: 't4a', name: 'Table 4 A', seats: 4, active: true },
    { id: 't8', name: 'Table 8', seats: 8, active: false },
  ],
};
const free = (taken: number, held: string[] = []) => ({ taken, heldResources: new Set(held) });

describe('chooseOffer in pool mode', () => {
  it('offers the first waitlisted member whose party fits the covers free', () => {
    const list = [waitlisted('a', 4), waitlisted('b', 2), waitlisted('c', 1)];
    expect(chooseOffer(pool(10), free(8), list)?.booking.bookingId).toBe('b');
  });

  it('offers the first in line when they fit, even if a smaller party waits behind', () => {
    const list = [waitlisted('a', 2), waitlisted('b', 1)];
    expect(chooseOffer(pool(10), free(8), list)?.booking.bookingId).toBe('a');
  });

  it('offers nothing when no party fits, or when the slot is full', () => {
    expect(chooseOffer(pool(10), free(9), [waitlisted('a', 2)])).toBeUndefined();
    expect(chooseOffer(pool(10), free(10), [waitlisted('a', 1)])).toBeUndefined();
    // Over-full (capacity lowered since): nothing, rather than a negative room.
    expect(chooseOffer(pool(10), free(12), [waitlisted('a', 1)])).toBeUndefined();
  });

  it('passes over members no longer waiting (offered, cancelled)', () => {
    const list = [
      waitlisted('a', 1, { status: 'offered' }),
      waitlisted('b', 1, { status: 'cancelled' }),
      waitlisted('c', 1),
    ];
    expect(chooseOffer(pool(10), free(9), list)?.booking.bookingId).toBe('c');
  });
});

describe('chooseOffer in resources mode', () => {
  it('takes the smallest free active resource that seats the party, then by id', () => {
    expect(chooseOffer(tables, free(0), [waitlisted('a', 3)])).toMatchObject({ resourceId: 't4a' });
    expect(chooseOffer(tables, free(0, ['t4a']), [waitlisted('a', 3)])).toMatchObject({ resourceId: 't4b' });
    expect(chooseOffer(tables, free(0, ['t4a', 't4b']), [waitlisted('a', 3)])).toMatchObject({
      resourceId: 't6',
    });
  });

  it('never offers an inactive resource, and skips a party only an inactive one would seat', () => {
    const list = [waitlisted('a', 8), waitlisted('b', 2)];
    expect(chooseOffer(tables, free(0, ['t2']), list)).toMatchObject({
      booking: { bookingId: 'b' },
      resourceId: 't4a',
    });
  });

  it('offers a member who asked for a resource only that one', () => {
    const asked = waitlisted('a', 2, { resourceId: 't6', resourceRequested: true });
    expect(chooseOffer(tables, free(0, ['t6']), [asked, waitlisted('b', 2)])).toMatchObject({
      booking: { bookingId: 'b' },
      resourceId: 't2',
    });
    expect(chooseOffer(tables, free(0), [asked])).toMatchObject({ resourceId: 't6' });
  });
});

describe('bookingIdOfPlace', () => {
  it('reads the booking id off a waitlist place sort key', () => {
    expect(bookingIdOfPlace('WAITLIST#2030-01-10T06:00:00.000Z#2030-01-01T00:00:00.000Z#01JE0001')).toBe(
      '01JE0001',
    );
  });
});
