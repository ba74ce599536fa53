// The pure rules of taking a booking: which resource a party gets, how large a party may be, which refusal
// a start outside the hours or the window gets, and when a cancellation is late.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireSlot, walkInWindowRefusal, windowProblem } from '../../lib/bookings/bookings';
import {
  largestParty,
  memberGuardDeleted,
  poolCoversReleased,
  poolCoversTaken,
  resourceCandidates,
} from '../../lib/bookings/capacity';
import { WEEKDAYS, type Resource, type Venue } from '../../lib/bookings/model';
import { isLateCancellation } from '../../lib/bookings/slots';

const table = (id: string, seats: number, active = true): Resource => ({ id, name: id, seats, active });
const tables = [table('t6', 6), table('t2-b', 2), table('t4', 4), table('t2-a', 2), table('t8', 8, false)];

const venue: Venue = {
  id: 'v',
  name: 'Venue',
  kind: 'restaurant',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: Object.fromEntries(
    WEEKDAYS.map((day) => [day, [{ open: '10:00', close: '22:00' }]]),
  ) as Venue['hours'],
  closedDates: ['2027-03-03'],
  specialHours: {},
  slotMinutes: 60,
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: { mode: 'resources', resources: tables },
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  version: 1,
};

const codeOf = (act: () => unknown) => {
  try {
    act();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('resource choice', () => {
  it('gives a party the smallest active resource that seats it, ties by id', () => {
    expect(resourceCandidates(tables, 2).map((r) => r.id)).toEqual(['t2-a', 't2-b', 't4', 't6']);
    expect(resourceCandidates(tables, 3).map((r) => r.id)).toEqual(['t4', 't6']);
    expect(resourceCandidates(tables, 7)).toEqual([]);
  });

  it('makes a resource asked for the only candidate, if it is active and seats the party', () => {
    expect(resourceCandidates(tables, 2, 't6').map((r) => r.id)).toEqual(['t6']);
    expect(resourceCandidates(tables, 5, 't4')).toEqual([]);
    expect(resourceCandidates(tables, 2, 't8')).toEqual([]);
  });

  it('never offers a resource too small or inactive, and always offers the fitting ones in seat order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ seats: fc.integer({ min: 1, max: 12 }), active: fc.boolean() }), {
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 12 }),
        (specs, party) => {
          const resources = specs.map((spec, i) => table(`r${i}`, spec.seats, spec.active));
          const candidates = resourceCandidates(resources, party);
          expect(candidates.every((r) => r.active && r.seats >= party)).toBe(true);
          expect(candidates).toHaveLength(resources.filter((r) => r.active && r.seats >= party).length);
          for (let i = 1; i < candidates.length; i++)
            expect(candidates[i]!.seats).toBeGreaterThanOrEqual(candidates[i - 1]!.seats);
        },
      ),
    );
  });

  it('takes the largest party the active resources seat, or the pool', () => {
    expect(largestParty(venue.capacity)).toBe(6);
    expect(largestParty({ mode: 'pool', coversPerSlot: 10 })).toBe(10);
    expect(largestParty({ mode: 'resources', resources: [table('x', 4, false)] })).toBe(0);
  });
});

describe('the capacity writes', () => {
  it('lets a party into a pool slot only while the covers taken leave room for it', () => {
    const update = poolCoversTaken({ venueId: 'v', day: '2027-03-02', start: 'S' }, 3, 10).Update!;
    expect(update.ConditionExpression).toBe('attribute_not_exists(taken) OR taken <= :room');
    expect(update.ExpressionAttributeValues).toEqual({ ':party': 3, ':room': 7 });
    expect(poolCoversReleased({ venueId: 'v', day: 'd', start: 'S' }, 3).Update!.ConditionExpression).toBe(
      'taken >= :party',
    );
    expect(memberGuardDeleted({ venueId: 'v', day: 'd', start: 'S' }, 'c', 'b').Delete!.Key).toEqual({
      pk: 'VENUEDAY#v#d',
      sk: 'MEMBER#c#S',
    });
  });
});

describe('which refusal a start gets', () => {
  it('is VENUE_CLOSED outside the hours and on a closed date, NOT_A_SLOT between slot starts', () => {
    expect(codeOf(() => requireSlot(venue, new Date('2027-03-02T14:00:00+08:00')))).toBe('ok');
    expect(codeOf(() => requireSlot(venue, new Date('2027-03-02T09:00:00+08:00')))).toBe('VENUE_CLOSED');
    expect(codeOf(() => requireSlot(venue, new Date('2027-03-02T22:00:00+08:00')))).toBe('VENUE_CLOSED');
    expect(codeOf(() => requireSlot(venue, new Date('2027-03-03T14:00:00+08:00')))).toBe('VENUE_CLOSED');
    expect(codeOf(() => requireSlot(venue, new Date('2027-03-02T14:30:00+08:00')))).toBe('NOT_A_SLOT');
    expect(codeOf(() => requireSlot(venue, new Date('2027-03-02T14:00:01+08:00')))).toBe('NOT_A_SLOT');
  });

  it('says which side of the window a start is on', () => {
    expect(windowProblem('too-soon', venue)).toMatchObject({
      status: 422,
      code: 'OUTSIDE_BOOKING_WINDOW',
      detail: expect.stringContaining('120 minutes'),
    });
    expect(windowProblem('too-far', venue).detail).toContain('30 days in advance');
    expect(windowProblem('past', venue).detail).toContain('started');
  });

  it('lets a walk-in take the slot under way and one without notice, never a past or too distant one', () => {
    const slot = {
      start: new Date('2027-03-02T14:00:00+08:00'),
      end: new Date('2027-03-02T15:00:00+08:00'),
      day: '2027-03-02',
    };
    expect(walkInWindowRefusal(venue, slot, new Date('2027-03-02T13:59:00+08:00'))).toBeUndefined();
    expect(walkInWindowRefusal(venue, slot, new Date('2027-03-02T14:59:00+08:00'))).toBeUndefined();
    expect(walkInWindowRefusal(venue, slot, new Date('2027-03-02T15:00:00+08:00'))).toBe('past');
    expect(walkInWindowRefusal(venue, slot, new Date('2027-01-30T15:00:00+08:00'))).toBe('too-far');
  });
});

describe('a late cancellation', () => {
  const start = new Date('2027-03-02T14:00:00+08:00');
  it('is one inside the free-cancellation period before the start', () => {
    expect(isLateCancellation(venue, start, new Date('2027-03-02T13:00:00+08:00'))).toBe(false);
    expect(isLateCancellation(venue, start, new Date('2027-03-02T13:00:01+08:00'))).toBe(true);
  });
});
