// The availability of a venue-day as a pure function of the venue, its occupancy items, the party and the
// clock: what each slot has left, and whether the party may book it now.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availabilityOf, type OccupancyItem } from '../../lib/bookings/availability';
import { venueSchema, type Venue, type WeeklyHours } from '../../lib/bookings/model';

const daily = (periods: { open: string; close: string }[]): WeeklyHours => ({
  mon: periods,
  tue: periods,
  wed: periods,
  thu: periods,
  fri: periods,
  sat: periods,
  sun: periods,
});

const workshop: Venue = venueSchema.parse({
  id: 'workshop',
  name: '手作工坊',
  kind: 'event',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: daily([{ open: '10:00', close: '22:00' }]),
  closedDates: ['2026-12-25'],
  specialHours: { '2026-12-31': [{ open: '18:00', close: '20:00' }] },
  slotMinutes: 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: { mode: 'pool', coversPerSlot: 10 },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
});

const restaurant: Venue = {
  ...workshop,
  id: 'restaurant',
  kind: 'restaurant',
  hours: daily([
    { open: '11:00', close: '14:00' },
    { open: '17:00', close: '22:00' },
  ]),
  slotMinutes: 90,
  minNoticeMinutes: 120,
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2-1', name: 'Table for 2', seats: 2, active: true },
      { id: 't4-1', name: 'Table for 4', seats: 4, active: true },
      { id: 't4-2', name: 'Table for 4', seats: 4, active: true },
      { id: 't6-1', name: 'Table for 6', seats: 6, active: false },
    ],
  },
};

// Thursday 10 December 2026, 08:00 in Shanghai: days ahead of the days asked about.
const EARLY = new Date('2026-12-10T00:00:00.000Z');
const DAY = '2026-12-12';
const poolSlot = (utc: string, taken: number): OccupancyItem => ({ sk: `SLOT#${utc}`, taken });
const heldResource = (utc: string, resourceId: string): OccupancyItem => ({
  sk: `SLOT#${utc}#RES#${resourceId}`,
});

describe('availability of a pool venue', () => {
  it('lists every slot of the day with the covers left, times with the venue offset', () => {
    const day = availabilityOf(workshop, DAY, [poolSlot('2026-12-12T03:00:00.000Z', 7)], 1, EARLY);
    expect(day.timeZone).toBe('Asia/Shanghai');
    expect(day.slots).toHaveLength(12);
    expect(day.slots[0]).toEqual({
      start: '2026-12-12T10:00:00+08:00',
      end: '2026-12-12T11:00:00+08:00',
      remaining: 10,
      bookable: true,
    });
    expect(day.slots[1]).toMatchObject({ start: '2026-12-12T11:00:00+08:00', remaining: 3 });
    expect(day.slots.at(-1)).toMatchObject({
      start: '2026-12-12T21:00:00+08:00',
      end: '2026-12-12T22:00:00+08:00',
    });
  });

  it('makes a slot bookable only while the party fits in what is left', () => {
    const occupancy = [poolSlot('2026-12-12T03:00:00.000Z', 7), poolSlot('2026-12-12T04:00:00.000Z', 10)];
    const forThree = availabilityOf(workshop, DAY, occupancy, 3, EARLY).slots;
    const forFour = availabilityOf(workshop, DAY, occupancy, 4, EARLY).slots;
    expect(forThree[1]).toMatchObject({ remaining: 3, bookable: true });
    expect(forFour[1]).toMatchObject({ remaining: 3, bookable: false });
    expect(forThree[2]).toMatchObject({ remaining: 0, bookable: false });
  });

  it('never shows less than nothing, even when capacity was lowered below what is booked', () => {
    const lowered: Venue = { ...workshop, capacity: { mode: 'pool', coversPerSlot: 4 } };
    const slots = availabilityOf(lowered, DAY, [poolSlot('2026-12-12T02:00:00.000Z', 7)], 1, EARLY).slots;
    expect(slots[0]).toMatchObject({ remaining: 0, bookable: false });
  });

  it('ignores what is not a slot item, and counts a booking only in the slot that starts with it', () => {
    const slots = availabilityOf(
      workshop,
      DAY,
      [
        { sk: 'MEMBER#c1#2026-12-12T02:00:00.000Z' },
        { sk: 'WAITLIST#2026-12-12T02:00:00.000Z#x#b1' },
        // Booked when slots were 30 minutes long: it keeps its own start.
        poolSlot('2026-12-12T02:30:00.000Z', 5),
      ],
      1,
      EARLY,
    ).slots;
    expect(slots.map((slot) => slot.remaining)).toEqual(Array(12).fill(10));
  });

  it('keeps remaining between nothing and the covers per slot, whatever is booked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 30 })), {
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 12 }),
        (bookings, party) => {
          const occupancy = bookings.map(([hour, taken]) =>
            poolSlot(new Date(Date.UTC(2026, 11, 12, 2 + hour)).toISOString(), taken),
          );
          for (const slot of availabilityOf(workshop, DAY, occupancy, party, EARLY).slots) {
            expect(slot.remaining).toBeGreaterThanOrEqual(0);
            expect(slot.remaining).toBeLessThanOrEqual(10);
            expect(slot.bookable).toBe(slot.remaining >= party);
          }
        },
      ),
    );
  });
});

describe('availability of a resources venue', () => {
  // Slots of 90 minutes cut from each period: 11:00, 12:30 (14:00 leaves no whole slot), 17:00, 18:30, 20:00.
  const first = '2026-12-12T03:00:00.000Z';

  it('cuts slots from each opening period', () => {
    expect(
      availabilityOf(restaurant, DAY, [], 2, EARLY).slots.map((slot) => slot.start.slice(11, 16)),
    ).toEqual(['11:00', '12:30', '17:00', '18:30', '20:00']);
  });

  it('counts the free active resources that seat the party', () => {
    expect(availabilityOf(restaurant, DAY, [], 2, EARLY).slots[0]).toMatchObject({
      remaining: 3,
      bookable: true,
    });
    // The table for 6 takes no bookings: a party of 5 fits nowhere.
    expect(availabilityOf(restaurant, DAY, [], 5, EARLY).slots[0]).toMatchObject({
      remaining: 0,
      bookable: false,
    });
    expect(availabilityOf(restaurant, DAY, [], 3, EARLY).slots[0]).toMatchObject({ remaining: 2 });
  });

  it('leaves out resources held in the slot, and only in that slot', () => {
    const oneHeld = availabilityOf(restaurant, DAY, [heldResource(first, 't4-1')], 3, EARLY).slots;
    expect(oneHeld[0]).toMatchObject({ remaining: 1, bookable: true });
    expect(oneHeld[1]).toMatchObject({ remaining: 2 });
    const bothHeld = availabilityOf(
      restaurant,
      DAY,
      [heldResource(first, 't4-1'), heldResource(first, 't4-2')],
      3,
      EARLY,
    ).slots;
    // The table for 2 is free but does not seat three.
    expect(bothHeld[0]).toMatchObject({ remaining: 0, bookable: false });
    expect(
      availabilityOf(restaurant, DAY, [heldResource(first, 't4-1'), heldResource(first, 't4-2')], 2, EARLY)
        .slots[0],
    ).toMatchObject({ remaining: 1, bookable: true });
  });
});

describe('the booking window', () => {
  it('lists the slots that started or are within the notice as not bookable', () => {
    // 11:30 in Shanghai with 120 minutes' notice: 10:00 and 11:00 have started, 12:00 and 13:00 are too soon.
    const now = new Date('2026-12-12T03:30:00.000Z');
    const slots = availabilityOf({ ...workshop, minNoticeMinutes: 120 }, DAY, [], 1, now).slots;
    expect(slots).toHaveLength(12);
    expect(slots.slice(0, 5).map((slot) => slot.bookable)).toEqual([false, false, false, false, true]);
    expect(slots.every((slot) => slot.remaining === 10)).toBe(true);
  });

  it('opens a day at the venue midnight, maxAdvanceDays after today', () => {
    // 23:59 on 11 November in Shanghai: 11 December is 30 days ahead, 12 December not yet.
    const lastMinute = new Date('2026-11-11T15:59:00.000Z');
    expect(
      availabilityOf(workshop, '2026-12-11', [], 1, lastMinute).slots.every((slot) => slot.bookable),
    ).toBe(true);
    expect(availabilityOf(workshop, DAY, [], 1, lastMinute).slots.some((slot) => slot.bookable)).toBe(false);
    const midnight = new Date('2026-11-11T16:00:00.000Z');
    expect(availabilityOf(workshop, DAY, [], 1, midnight).slots.every((slot) => slot.bookable)).toBe(true);
  });
});

describe('closed dates and special hours', () => {
  it('gives a closed date no slots', () => {
    expect(availabilityOf(workshop, '2026-12-25', [], 1, EARLY)).toEqual({
      venueId: 'workshop',
      date: '2026-12-25',
      timeZone: 'Asia/Shanghai',
      slots: [],
    });
  });

  it("takes a special day's own hours instead of its weekday's", () => {
    const slots = availabilityOf(workshop, '2026-12-31', [], 1, EARLY).slots;
    expect(slots.map((slot) => [slot.start, slot.end])).toEqual([
      ['2026-12-31T18:00:00+08:00', '2026-12-31T19:00:00+08:00'],
      ['2026-12-31T19:00:00+08:00', '2026-12-31T20:00:00+08:00'],
    ]);
  });

  it('closes a day whose special hours are empty', () => {
    const holiday: Venue = { ...workshop, specialHours: { [DAY]: [] } };
    expect(availabilityOf(holiday, DAY, [], 1, EARLY).slots).toEqual([]);
  });
});
