import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { problems } from '../http/problem';
import { venueSchema, type Capacity, type Venue } from './model';
import { getVenue } from './repository';
import { isCalendarDate } from './slots';

/**
 * What staff send to create and edit venues and what members see of them, apart from the venue writes
 * (venues.ts), so that the member routes load no staff code.
 */

export const venueIdSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits and -'),
      z.describe("A venue's id, as staff chose it when creating the venue"),
    ),
);

/** Every date a venue names is a real one (the model checks the form only: 2027-02-30 passes it). */
const datesAreReal = (
  venue: { closedDates?: string[]; specialHours?: Record<string, unknown> },
  context: {
    addIssue: (issue: { code: 'custom'; input: unknown; path: PropertyKey[]; message: string }) => void;
  },
) => {
  venue.closedDates?.forEach((day, index) => {
    if (!isCalendarDate(day))
      context.addIssue({
        code: 'custom',
        input: day,
        path: ['closedDates', index],
        message: 'must be a real date',
      });
  });
  for (const day of Object.keys(venue.specialHours ?? {}))
    if (!isCalendarDate(day))
      context.addIssue({
        code: 'custom',
        input: day,
        path: ['specialHours', day],
        message: 'must be a real date',
      });
};

/** The resources of a venue have distinct ids, and a resources venue has at least one. */
const resourcesAreDistinct = (
  capacity: Capacity | undefined,
  context: {
    addIssue: (issue: { code: 'custom'; input: unknown; path: PropertyKey[]; message: string }) => void;
  },
) => {
  if (capacity?.mode !== 'resources') return;
  if (capacity.resources.length === 0)
    context.addIssue({
      code: 'custom',
      input: capacity.resources,
      path: ['capacity', 'resources'],
      message: 'must list at least one resource',
    });
  const seen = new Set<string>();
  capacity.resources.forEach((resource, index) => {
    if (seen.has(resource.id))
      context.addIssue({
        code: 'custom',
        input: resource.id,
        path: ['capacity', 'resources', index, 'id'],
        message: `must be unique within the venue (${resource.id} is listed twice)`,
      });
    seen.add(resource.id);
  });
};

/** What staff send to create a venue: the venue without its dates, version and time zone (the programme's). */
export const venueInputSchema = lazySchema(() => {
  const shape = venueSchema.def.shape;
  return z
    .strictObject({
      id: venueIdSchema,
      name: shape.name,
      description: shape.description,
      kind: shape.kind,
      storeId: z.optional(
        z
          .string()
          .check(
            z.minLength(1),
            z.maxLength(40),
            z.describe("The store the venue belongs to (an active store); absent for the mall's own venues"),
          ),
      ),
      status: z._default(shape.status, 'active'),
      hours: shape.hours,
      closedDates: z._default(shape.closedDates, []),
      specialHours: z._default(shape.specialHours, {}),
      slotMinutes: shape.slotMinutes,
      minNoticeMinutes: shape.minNoticeMinutes,
      maxAdvanceDays: shape.maxAdvanceDays,
      freeCancellationMinutes: shape.freeCancellationMinutes,
      noShowGraceMinutes: shape.noShowGraceMinutes,
      strikePolicy: shape.strikePolicy,
      capacity: shape.capacity,
    })
    .check(
      z.superRefine((venue, context) => {
        datesAreReal(venue, context);
        resourcesAreDistinct(venue.capacity, context);
      }),
    );
});
export type VenueInput = z.infer<typeof venueInputSchema>;

/** A partial update: each field sent replaces the stored one whole; `version` is the version it was made on. */
export const venuePatchSchema = lazySchema(() => {
  const shape = venueSchema.def.shape;
  return z
    .strictObject({
      name: z.optional(shape.name),
      description: z.optional(
        z.nullable(z.string().check(z.maxLength(500), z.describe('The description; null removes it'))),
      ),
      status: z.optional(shape.status),
      hours: z.optional(shape.hours),
      closedDates: z.optional(shape.closedDates),
      specialHours: z.optional(shape.specialHours),
      slotMinutes: z.optional(shape.slotMinutes),
      minNoticeMinutes: z.optional(shape.minNoticeMinutes),
      maxAdvanceDays: z.optional(shape.maxAdvanceDays),
      freeCancellationMinutes: z.optional(shape.freeCancellationMinutes),
      noShowGraceMinutes: z.optional(shape.noShowGraceMinutes),
      strikePolicy: z.optional(shape.strikePolicy),
      // The mode stays as created; in resources mode every resource stays listed (rename, reseat, retire).
      capacity: z.optional(shape.capacity),
      version: z
        .int()
        .check(
          z.positive(),
          z.describe('The version the edit was made on: another edit since then is a 409 VERSION_CONFLICT'),
        ),
    })
    .check(
      z.superRefine((patch, context) => {
        datesAreReal(patch, context);
        resourcesAreDistinct(patch.capacity, context);
      }),
    );
});
export type VenuePatch = z.infer<typeof venuePatchSchema>;

/** What members see of a venue: what it is, when it opens and how it books; not its status or version. */
export const memberVenueSchema = lazySchema(() =>
  z.pick(venueSchema, {
    id: true,
    name: true,
    description: true,
    kind: true,
    storeId: true,
    timeZone: true,
    hours: true,
    closedDates: true,
    specialHours: true,
    slotMinutes: true,
    minNoticeMinutes: true,
    maxAdvanceDays: true,
    freeCancellationMinutes: true,
    noShowGraceMinutes: true,
    strikePolicy: true,
  }),
);
export type MemberVenue = z.infer<typeof memberVenueSchema>;

/** A member's view: resources as their names and seats (active ones), or the covers of a slot. */
export const memberVenueViewSchema = lazySchema(() =>
  z.extend(memberVenueSchema, {
    capacity: z
      .discriminatedUnion('mode', [
        z.object({
          mode: z.literal('pool'),
          coversPerSlot: z.int().check(z.describe('Covers each slot holds; a booking takes its party size')),
        }),
        z.object({
          mode: z.literal('resources'),
          resources: z
            .array(
              z.object({
                id: z.string(),
                name: z.string(),
                seats: z.int().check(z.describe('How many people it seats at most')),
              }),
            )
            .check(z.describe('The resources taking bookings (a member may ask for one by id)')),
        }),
      ])
      .check(z.describe('pool: covers per slot; resources: the resources taking bookings, with their seats')),
  }),
);
export type MemberVenueView = z.infer<typeof memberVenueViewSchema>;

export function toMemberVenue(venue: Venue): MemberVenueView {
  const { status: _status, version: _version, createdAt: _c, updatedAt: _u, ...shown } = venue;
  return {
    ...shown,
    capacity:
      venue.capacity.mode === 'pool'
        ? venue.capacity
        : {
            mode: 'resources',
            resources: venue.capacity.resources
              .filter((resource) => resource.active)
              .map(({ id, name, seats }) => ({ id, name, seats })),
          },
  };
}

/** A venue members may see and book: an inactive one is as absent as an unknown one. */
export async function requireBookableVenue(venueId: string): Promise<Venue> {
  const venue = await getVenue(venueId);
  if (!venue || venue.status !== 'active') throw problems.notFound('Venue');
  return venue;
}
