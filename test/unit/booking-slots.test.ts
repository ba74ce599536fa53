import { describe, expect, it } from 'vitest';
import { venueSchema, type Venue } from '../../lib/bookings/model';
import {
  addDays,
  bookingWindowRefusal,
  isCalendarDate,
  isLateCancellation,
  isoWithOffset,
  localDayOf,
  slotStartingAt,
  slotsOfDay,
  weekdayOf,
} from '../../lib/bookings/slots';

const everyDay = [{ open: '10:00', close: '22:00' }];
const workshop: Venue = {
  id: 'demo-workshop',
  name: 'Workshop',
  kind: 'event',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: {
    mon: everyDay,
    tue: everyDay,
    wed: everyDay,
    thu: everyDay,
    fri: everyDay,
    sat: everyDay,
    sun: [],
  },
  closedDates: ['2027-01-01'],
  specialHours: { '2027-02-06': [{ open: '12:00', close: '15:30' }] },
  slotMinutes: 60,
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: { mode: 'pool', coversPerSlot: 10 },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
};

describe('a venue calendar', () => {
  it('is a valid venue record', () => {
    expect(venueSchema.safeParse(workshop).success).toBe(true);
  });

  it('refuses hours that close before they open or overlap', () => {
    const bad = { ...workshop, hours: { ...workshop.hours, mon: [{ open: '12:00', close: '11:00' }] } };
    expect(venueSchema.safeParse(bad).success).toBe(false);
    const overlapping = {
      ...workshop,
      hours: {
        ...workshop.hours,
        mon: [
          { open: '10:00', close: '14:00' },
          { open: '13:00', close: '18:00' },
        ],
      },
    };
    expect(venueSchema.safeParse(overlapping).success).toBe(false);
    const untilMidnight = {
      ...workshop,
      hours: { ...workshop.hours, mon: [{ open: '18:00', close: '00:00' }] },
    };
    expect(venueSchema.safeParse(untilMidnight).success).toBe(true);
  });

  it('cuts a day into slots in Shanghai time, stored as UTC', () => {
    const slots = slotsOfDay(workshop, '2026-12-07');
    expect(weekdayOf('2026-12-07')).toBe('mon');
    expect(slots).toHaveLength(12);
    expect(slots[0]!.start.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(slots.at(-1)!.end.toISOString()).toBe('2026-12-07T14:00:00.000Z');
    expect(isoWithOffset(slots[0]!.start, 'Asia/Shanghai')).toBe('2026-12-07T10:00:00+08:00');
  });

  it('has no slots on a closed weekday or date, and special hours on a holiday', () => {
    expect(slotsOfDay(workshop, '2026-12-06')).toEqual([]); // a Sunday
    expect(slotsOfDay(workshop, '2027-01-01')).toEqual([]);
    const special = slotsOfDay(workshop, '2027-02-06');
    // 12:00–15:30 in hours: three whole slots, the last half hour left out.
    expect(special.map((slot) => isoWithOffset(slot.start, 'Asia/Shanghai'))).toEqual([
      '2027-02-06T12:00:00+08:00',
      '2027-02-06T13:00:00+08:00',
      '2027-02-06T14:00:00+08:00',
    ]);
  });

  it('keeps a slot after UTC midnight on its Shanghai day', () => {
    const late = { ...workshop, hours: { ...workshop.hours, mon: [{ open: '07:00', close: '09:00' }] } };
    const [first] = slotsOfDay(late, '2026-12-07');
    expect(first!.start.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(localDayOf(first!.start, 'Asia/Shanghai')).toBe('2026-12-07');
    expect(slotStartingAt(late, first!.start)?.day).toBe('2026-12-07');
    expect(slotStartingAt(late, new Date('2026-12-06T23:30:00.000Z'))).toBeUndefined();
  });

  it('counts calendar days across month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 30)).toBe('2028-03-30');
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });
});

describe('the booking window', () => {
  const slot = (iso: string) => slotStartingAt(workshop, new Date(iso))!;

  it('refuses a slot inside the minimum notice and allows one just outside', () => {
    const now = new Date('2026-12-07T08:00:00+08:00');
    expect(bookingWindowRefusal(workshop, slot('2026-12-07T10:00:00+08:00'), now)).toBeUndefined();
    expect(
      bookingWindowRefusal(workshop, slot('2026-12-07T10:00:00+08:00'), new Date(now.getTime() + 1)),
    ).toBe('too-soon');
    expect(
      bookingWindowRefusal(
        workshop,
        slot('2026-12-07T10:00:00+08:00'),
        new Date('2026-12-07T10:00:00+08:00'),
      ),
    ).toBe('past');
  });

  it('opens a whole day at Shanghai midnight, across a month end', () => {
    // 30 days after 31 December is 30 January.
    const beforeMidnight = new Date('2026-12-31T23:59:00+08:00');
    const afterMidnight = new Date('2027-01-01T00:00:00+08:00');
    const lastDay = slot('2027-01-30T21:00:00+08:00');
    const dayAfter = slot('2027-01-31T10:00:00+08:00');
    expect(dayAfter).toBeUndefined(); // a Sunday
    const monday = slot('2027-02-01T10:00:00+08:00');
    expect(bookingWindowRefusal(workshop, lastDay, beforeMidnight)).toBeUndefined();
    expect(bookingWindowRefusal(workshop, slot('2027-01-30T10:00:00+08:00'), beforeMidnight)).toBeUndefined();
    expect(bookingWindowRefusal(workshop, monday, afterMidnight)).toBe('too-far');
    expect(bookingWindowRefusal(workshop, slot('2027-01-29T10:00:00+08:00'), beforeMidnight)).toBeUndefined();
    // At 23:59 UTC on 31 December it is already 1 January in Shanghai: 31 January is in the window.
    expect(
      bookingWindowRefusal({ ...workshop, maxAdvanceDays: 31 }, monday, new Date('2026-12-31T23:59:00Z')),
    ).toBeUndefined();
  });

  it('calls a cancellation late once the free period before the start has begun', () => {
    const start = new Date('2026-12-07T10:00:00+08:00');
    expect(isLateCancellation(workshop, start, new Date('2026-12-07T09:00:00+08:00'))).toBe(false);
    expect(isLateCancellation(workshop, start, new Date('2026-12-07T09:00:01+08:00'))).toBe(true);
  });
});
