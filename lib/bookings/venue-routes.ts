import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { nextCursorSchema, paginationQuerySchema } from '../db/cursor';
import { defineRoute } from '../http/route';
import { notSignedIn, problemResponse, staffRouteProblems } from '../http/problem';
import { availabilitySchema } from './availability';
import { VENUE_KINDS, venueSchema, type Venue } from './model';
import { isCalendarDate } from './slots';
import {
  memberVenueViewSchema,
  toMemberVenue,
  venueIdSchema,
  venueInputSchema,
  venuePatchSchema,
  type VenueInput,
} from './venue-schemas';

const problem = problemResponse;
const venueParams = lazySchema(() => z.strictObject({ venueId: venueIdSchema }));

const everyDay = (open: string, close: string) =>
  Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ open, close }]]),
  ) as VenueInput['hours'];

const venueInputExample = {
  id: 'plaza-hotpot',
  name: '海底捞 (SBM Plaza L5-002)',
  description: 'Haidilao hot pot, level 5. Tables of 2, 4 and 6.',
  kind: 'restaurant',
  storeId: 'plaza-l5-002',
  hours: {
    ...everyDay('11:00', '14:00'),
    fri: [
      { open: '11:00', close: '14:00' },
      { open: '17:00', close: '00:00' },
    ],
  },
  closedDates: ['2027-02-06'],
  specialHours: { '2027-01-01': [{ open: '12:00', close: '20:00' }] },
  slotMinutes: 90,
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 120,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2-1', name: '2人桌 1 (Table for 2)', seats: 2, active: true },
      { id: 't4-1', name: '4人桌 1 (Table for 4)', seats: 4, active: true },
      { id: 't6-1', name: '6人桌 1 (Table for 6)', seats: 6, active: true },
    ],
  },
} satisfies z.input<typeof venueInputSchema>;

const venueExample: Venue = {
  ...venueInputExample,
  kind: 'restaurant',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  capacity: { mode: 'resources', resources: venueInputExample.capacity.resources },
  createdAt: '2026-12-01T02:15:40.112Z',
  updatedAt: '2026-12-01T02:15:40.112Z',
  version: 1,
};

const workshopExample: Venue = {
  id: 'atrium-workshop',
  name: '中庭手作工坊',
  description: 'Atrium craft workshop, level 1: pottery and candle making, 10 places an hour.',
  kind: 'event',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: everyDay('10:00', '22:00'),
  closedDates: [],
  specialHours: {},
  slotMinutes: 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: { mode: 'pool', coversPerSlot: 10 },
  createdAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-28T09:41:12.530Z',
  version: 3,
};

const staffProblems = {
  ...staffRouteProblems,
  403: problem(
    "Your roles lack the permission (FORBIDDEN), or the venue is another store's or the mall's own and your permission reaches only your stores",
  ),
};

export const createVenueRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/venues',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: 'Create a venue under an id of your choosing, in the programme time zone',
  description:
    'A venue with a `storeId` belongs to that store (it must exist and be active: 400 otherwise) and its ' +
    "managers keep it; one without is the mall's own (events, parking), kept by staff of every store. " +
    'Slots are cut from each opening period from its opening, every `slotMinutes`; a period closing at ' +
    'midnight is written `00:00`. In `resources` mode each resource has a unique id and a number of seats; ' +
    'a booking takes the smallest free one that seats the party. `kind`, `storeId` and the capacity mode ' +
    'are fixed once created.',
  body: venueInputSchema,
  bodyExample: venueInputExample,
  responses: {
    201: { description: 'Created', schema: venueSchema, example: venueExample },
    400: problem('Invalid venue: naming the field (unknown or inactive store, resource ids not unique, ...)'),
    409: problem('VENUE_EXISTS: the id is taken'),
    ...staffProblems,
  },
});

export const listVenuesForStaffRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/venues',
  auth: { kind: 'staff', permission: 'bookings:read' },
  tag: 'bookings admin',
  summary: "Venues in the order of kind and id, inactive ones too; a store manager sees their stores' only",
  query: lazySchema(() =>
    z.extend(paginationQuerySchema, {
      kind: z.optional(z.enum(VENUE_KINDS)),
      storeId: z.optional(z.string().check(z.maxLength(40), z.describe("Only this store's venues"))),
      status: z.optional(z.enum(['active', 'inactive'])),
    }),
  ),
  responses: {
    200: {
      description: 'One page',
      schema: lazySchema(() => z.object({ items: z.array(venueSchema), nextCursor: nextCursorSchema })),
      example: { items: [workshopExample, venueExample], nextCursor: null },
    },
    400: problem('Bad filter, limit or cursor'),
    ...staffRouteProblems,
  },
});

export const getVenueForStaffRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/venues/{venueId}',
  auth: { kind: 'staff', permission: 'bookings:read' },
  tag: 'bookings admin',
  summary: 'One venue with its version, to edit it',
  params: venueParams,
  responses: {
    200: { description: 'The venue', schema: venueSchema, example: venueExample },
    404: problem('No such venue'),
    ...staffProblems,
  },
});

export const updateVenueRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/venues/{venueId}',
  auth: { kind: 'staff', permission: 'bookings:write' },
  tag: 'bookings admin',
  summary: "Change a venue's terms: hours, closed dates, special hours, slots, windows, policies, capacity",
  description:
    'A partial update: each field sent replaces the stored one whole (`closedDates` and `specialHours` ' +
    'included: send the list as it should be), the rest keep their values. `version` is the version the ' +
    'edit was made on: another edit since is a 409 `VERSION_CONFLICT`. Resources are never removed, as ' +
    'bookings name them: `capacity.resources` lists every resource the venue has (rename one, change its ' +
    'seats, add new ones, or set `active: false` to stop it taking bookings); the capacity mode stays. ' +
    'Bookings already made keep their slots whatever the new hours or slot length: the change applies to ' +
    'what is booked from now on.',
  params: venueParams,
  body: venuePatchSchema,
  bodyExample: {
    version: 1,
    closedDates: ['2027-02-06', '2027-02-07'],
    capacity: {
      mode: 'resources',
      resources: [
        ...venueInputExample.capacity.resources.slice(0, 2),
        { id: 't6-1', name: '6人桌 1 (Table for 6)', seats: 6, active: false },
        { id: 't8-1', name: '8人包间 (Private room for 8)', seats: 8, active: true },
      ],
    },
  },
  responses: {
    200: {
      description: 'Updated',
      schema: venueSchema,
      example: {
        ...venueExample,
        closedDates: ['2027-02-06', '2027-02-07'],
        capacity: {
          mode: 'resources',
          resources: [
            ...venueInputExample.capacity.resources.slice(0, 2),
            { id: 't6-1', name: '6人桌 1 (Table for 6)', seats: 6, active: false },
            { id: 't8-1', name: '8人包间 (Private room for 8)', seats: 8, active: true },
          ],
        },
        updatedAt: '2026-12-03T07:30:02.918Z',
        version: 2,
      },
    },
    400: problem('Invalid edit, naming the field: a resource left out, the capacity mode changed, ...'),
    404: problem('No such venue'),
    409: problem('VERSION_CONFLICT: the venue changed since the version the edit was made on'),
    ...staffProblems,
  },
});

export const listVenuesRoute = defineRoute({
  method: 'GET',
  path: '/v1/venues',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: 'Venues members can book, in the order of kind and id',
  query: lazySchema(() => z.strictObject({ kind: z.optional(z.enum(VENUE_KINDS)) })),
  responses: {
    200: {
      description: 'Venues',
      schema: lazySchema(() => z.object({ items: z.array(memberVenueViewSchema) })),
      example: { items: [workshopExample, venueExample].map(toMemberVenue) },
    },
    400: problem('Unknown kind'),
    401: notSignedIn,
  },
});

export const getVenueRoute = defineRoute({
  method: 'GET',
  path: '/v1/venues/{venueId}',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: 'One venue members can book: its hours, slot length, booking window and capacity',
  params: venueParams,
  responses: {
    200: { description: 'The venue', schema: memberVenueViewSchema, example: toMemberVenue(venueExample) },
    404: problem('No such venue, or one taking no bookings'),
    401: notSignedIn,
  },
});

export const getAvailabilityRoute = defineRoute({
  method: 'GET',
  path: '/v1/venues/{venueId}/availability',
  auth: { kind: 'customer' },
  tag: 'bookings',
  summary: "A day's slots at a venue and the room each has left for a party",
  description:
    'Computed from the hours of the date (its weekday, special hours or a closed date: no slots), the ' +
    "capacity and the slot's live bookings and waitlist offers. `remaining` counts covers in a pool " +
    'venue and free resources that seat the party in a resources venue. A slot is `bookable` when the ' +
    'party fits and it is inside the booking window now; slots outside the window are listed as not ' +
    'bookable, so the day keeps its shape. The answer may lag a booking made a moment ago by up to a second.',
  params: venueParams,
  query: lazySchema(() =>
    z.strictObject({
      date: z
        .string()
        .check(
          z.refine(isCalendarDate, 'must be a real date YYYY-MM-DD'),
          z.describe('The local date at the venue'),
        ),
      partySize: z._default(
        z.coerce.number().check(z.int(), z.gte(1), z.lte(100), z.describe('People in the party')),
        1,
      ),
    }),
  ),
  responses: {
    200: {
      description: 'The slots of the day',
      schema: availabilitySchema,
      example: {
        venueId: workshopExample.id,
        date: '2026-12-12',
        timeZone: 'Asia/Shanghai',
        slots: [
          {
            start: '2026-12-12T10:00:00+08:00',
            end: '2026-12-12T11:00:00+08:00',
            remaining: 0,
            bookable: false,
          },
          {
            start: '2026-12-12T11:00:00+08:00',
            end: '2026-12-12T12:00:00+08:00',
            remaining: 3,
            bookable: true,
          },
          {
            start: '2026-12-12T12:00:00+08:00',
            end: '2026-12-12T13:00:00+08:00',
            remaining: 10,
            bookable: true,
          },
        ],
      },
    },
    400: problem('Not a real date, or a party size outside 1–100'),
    404: problem('No such venue, or one taking no bookings'),
    401: notSignedIn,
  },
});
