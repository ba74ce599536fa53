// What staff may send to create or edit a venue, and what an edit makes of the stored venue: checked
// without a table, as pure functions of the input.
import { describe, expect, it } from 'vitest';
import { venueSchema, type Venue } from '../../lib/bookings/model';
import { venueInputSchema, venuePatchSchema } from '../../lib/bookings/venue-schemas';
import { patchedVenue } from '../../lib/bookings/venues';
import { Problem } from '../../lib/http/problem';

const periods = [{ open: '11:00', close: '14:00' }];
const hours = { mon: periods, tue: periods, wed: periods, thu: periods, fri: periods, sat: periods, sun: [] };
const input = {
  id: 'plaza-hotpot',
  name: '火锅',
  kind: 'restaurant',
  storeId: 'plaza-l5-002',
  hours,
  slotMinutes: 90,
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 120,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2-1', name: 'Table for 2', seats: 2, active: true },
      { id: 't4-1', name: 'Table for 4', seats: 4, active: true },
    ],
  },
};

const stored: Venue = venueSchema.parse({
  ...venueInputSchema.parse(input),
  description: 'Level 5',
  timeZone: 'Asia/Shanghai',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 4,
});
const NOW = new Date('2026-12-05T08:00:00.000Z');

const fieldsRefused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return error.extra.errors?.map((fieldError) => fieldError.field);
    throw error;
  }
  throw new Error('accepted');
};

describe('a new venue', () => {
  it('is active, with no closed dates or special hours, unless they are sent', () => {
    expect(venueInputSchema.parse(input)).toMatchObject({
      status: 'active',
      closedDates: [],
      specialHours: {},
    });
  });

  it.each([
    [
      'resource ids listed twice',
      {
        capacity: {
          mode: 'resources',
          resources: [input.capacity.resources[0], input.capacity.resources[0]],
        },
      },
      ['capacity', 'resources', 1, 'id'],
    ],
    [
      'a resources venue with none',
      { capacity: { mode: 'resources', resources: [] } },
      ['capacity', 'resources'],
    ],
    ['a closed date that does not exist', { closedDates: ['2027-02-29'] }, ['closedDates', 0]],
    [
      'special hours on a date that does not exist',
      { specialHours: { '2026-04-31': [] } },
      ['specialHours', '2026-04-31'],
    ],
    ['its own time zone', { timeZone: 'UTC' }, []],
    ['a version', { version: 3 }, []],
  ])('is refused with %s', (_, change, path) => {
    const result = venueInputSchema.safeParse({ ...input, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });

  it('takes 29 February in a leap year', () => {
    expect(venueInputSchema.safeParse({ ...input, closedDates: ['2028-02-29'] }).success).toBe(true);
  });
});

describe('an edit', () => {
  it('replaces what it names, keeps the rest, and bumps the version', () => {
    const edited = patchedVenue(
      stored,
      venuePatchSchema.parse({ version: 4, slotMinutes: 60, closedDates: ['2026-12-25'] }),
      NOW,
    );
    expect(edited).toEqual({
      ...stored,
      slotMinutes: 60,
      closedDates: ['2026-12-25'],
      version: 5,
      updatedAt: NOW.toISOString(),
    });
  });

  it('removes the description sent as null, and keeps one left out', () => {
    expect(patchedVenue(stored, { version: 4, description: null }, NOW)).not.toHaveProperty('description');
    expect(patchedVenue(stored, { version: 4 }, NOW).description).toBe('Level 5');
  });

  it('adds, renames, reseats and retires resources, never drops one', () => {
    const resources = [
      { id: 't2-1', name: 'Window table', seats: 3, active: true },
      { id: 't4-1', name: 'Table for 4', seats: 4, active: false },
      { id: 't6-1', name: 'Table for 6', seats: 6, active: true },
    ];
    const edited = patchedVenue(stored, { version: 4, capacity: { mode: 'resources', resources } }, NOW);
    expect(edited.capacity).toEqual({ mode: 'resources', resources });
    expect(
      fieldsRefused(() =>
        patchedVenue(
          stored,
          { version: 4, capacity: { mode: 'resources', resources: resources.slice(1) } },
          NOW,
        ),
      ),
    ).toEqual(['body.capacity.resources']);
  });

  it('keeps the capacity mode it was created with', () => {
    expect(
      fieldsRefused(() =>
        patchedVenue(stored, { version: 4, capacity: { mode: 'pool', coversPerSlot: 20 } }, NOW),
      ),
    ).toEqual(['body.capacity.mode']);
  });

  it('fills in nothing it was not sent', () => {
    expect(venuePatchSchema.parse({ version: 1 })).toEqual({ version: 1 });
  });

  it('must name the version it was made on', () => {
    expect(venuePatchSchema.safeParse({ name: 'X' }).success).toBe(false);
  });
});
