import { defineAuditSubject } from '../audit/subjects';
import { PROGRAMME_TIME_ZONE } from '../calendar';
import { documents, isConditionFailure } from '../db/client';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { fieldErrorsFrom, Problem, problems } from '../http/problem';
import { getStore } from '../pos/stores';
import { assertAllStoresAccess, assertStoreAccess } from '../auth/store-scope';
import type { Permission } from '../auth/permissions';
import type { StaffPrincipal } from '../auth/principal';
import { venueKey, VENUE_LIST_PK, venueListSortKey, venueSchema, type Venue, type VenueKind } from './model';
import { bookingProblems } from './problems';
import type { VenueInput, VenuePatch } from './venue-schemas';

/**
 * Venues as staff keep them and members browse them. A venue's kind and store are fixed when it is
 * created (the kind is part of its list key); everything else changes by PATCH on the version read.
 * Resources are never removed, only deactivated: a resource may hold bookings, and a booking names it.
 */

/** A venue in the audit trail (`venue:<id>`): its fields are the mall's, kept as they are. */
export const venueAuditSubject = defineAuditSubject('venue');

const table = () => tableNameFromEnv('main');

const storeRefused = (storeId: string) =>
  problems.validation([{ field: 'body.storeId', message: `storeId names no active store (${storeId})` }]);

const toItem = (venue: Venue) => ({
  ...venueKey(venue.id),
  gsi1pk: VENUE_LIST_PK,
  gsi1sk: venueListSortKey(venue),
  ...venue,
});

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, ...record } = item;
  return record;
};
/** Object-level check: a store's venue is its staff's; the mall's own only staff of every store reach. */
export function assertVenueAccess(
  staff: StaffPrincipal,
  permission: Permission,
  venue: Pick<Venue, 'storeId'>,
) {
  if (venue.storeId) assertStoreAccess(staff, permission, venue.storeId);
  else assertAllStoresAccess(staff, permission);
}

const venueOf = (item: Record<string, unknown>) => venueSchema.parse(withoutKeys(item));

/** Creates a venue under the id staff chose (409 VENUE_EXISTS when taken), in the programme's time zone. */
export async function createVenue(input: VenueInput, now = new Date()): Promise<Venue> {
  if (input.storeId !== undefined) {
    const store = await getStore(input.storeId);
    if (!store?.active) throw storeRefused(input.storeId);
  }
  const venue = venueSchema.parse({
    ...input,
    timeZone: PROGRAMME_TIME_ZONE,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  });
  try {
    await documents.put({
      TableName: table(),
      Item: toItem(venue),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  } catch (error) {
    if (isConditionFailure(error)) throw bookingProblems.venueExists(venue.id);
    throw error;
  }
  return venue;
}

const versionConflict = (version: number) =>
  new Problem(409, 'VERSION_CONFLICT', 'Conflict', `The venue is at version ${version}.`);

/**
 * The stored venue with the fields of a patch in place of theirs. The capacity mode is fixed (the
 * occupancy items of booked slots are of that mode) and no resource is dropped (bookings may name it).
 */
export function patchedVenue(stored: Venue, patch: VenuePatch, now: Date): Venue {
  const { version: _version, description, ...changes } = patch;
  const errors: { field: string; message: string }[] = [];
  if (changes.capacity && changes.capacity.mode !== stored.capacity.mode)
    errors.push({
      field: 'body.capacity.mode',
      message: `capacity.mode cannot change once a venue is created (it is ${stored.capacity.mode})`,
    });
  else if (changes.capacity?.mode === 'resources' && stored.capacity.mode === 'resources') {
    const kept = new Set(changes.capacity.resources.map((resource) => resource.id));
    const dropped = stored.capacity.resources.filter((resource) => !kept.has(resource.id));
    if (dropped.length > 0)
      errors.push({
        field: 'body.capacity.resources',
        message: `resources must keep every resource of the venue; set active: false to retire ${dropped.map((resource) => resource.id).join(', ')}`,
      });
  }
  if (errors.length > 0) throw problems.validation(errors);
  const merged: Record<string, unknown> = {
    ...stored,
    ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
    updatedAt: now.toISOString(),
    version: stored.version + 1,
  };
  if (description === null) delete merged.description;
  else if (description !== undefined) merged.description = description;
  const edited = venueSchema.safeParse(merged);
  if (!edited.success) throw problems.validation(fieldErrorsFrom(edited.error.issues, 'body'));
  return edited.data;
}

/**
 * Applies a patch made on `patch.version`, on the condition that the venue is still at that version.
 * Bookings already made keep their slots: slot length and hours apply to what is booked from now on.
 */
export async function updateVenue(
  venueId: string,
  patch: VenuePatch,
  now = new Date(),
  authorize: (venue: Venue) => void = () => undefined,
): Promise<{ before: Venue; after: Venue }> {
  const { Item } = await documents.get({ TableName: table(), Key: venueKey(venueId), ConsistentRead: true });
  if (!Item) throw problems.notFound(`Venue ${venueId}`);
  const before = venueOf(Item);
  authorize(before);
  if (before.version !== patch.version) throw versionConflict(before.version);
  const after = patchedVenue(before, patch, now);
  try {
    await documents.put({
      TableName: table(),
      Item: toItem(after),
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': before.version },
    });
  } catch (error) {
    if (isConditionFailure(error)) throw versionConflict(before.version + 1);
    throw error;
  }
  return { before, after };
}

export interface VenueFilter {
  kind?: VenueKind;
  storeId?: string;
  status?: Venue['status'];
}

const matches = (venue: Venue, filter: VenueFilter, stores?: ReadonlySet<string>) =>
  (!filter.storeId || venue.storeId === filter.storeId) &&
  (!filter.status || venue.status === filter.status) &&
  // A store-scoped viewer sees their stores' venues, never the mall's own.
  (!stores || (venue.storeId !== undefined && stores.has(venue.storeId)));

const venueListQuery = (kind?: VenueKind) => ({
  TableName: table(),
  IndexName: 'gsi1',
  KeyConditionExpression: kind ? 'gsi1pk = :venues AND begins_with(gsi1sk, :kind)' : 'gsi1pk = :venues',
  ExpressionAttributeValues: kind
    ? { ':venues': VENUE_LIST_PK, ':kind': `${kind}#` }
    : { ':venues': VENUE_LIST_PK },
});

/**
 * One page of venues in the order of kind and id, filtered; a store-scoped viewer pages through their
 * stores' venues alone, and their cursor opens for that view only. A mall holds tens of venues, so a page is
 * filled by reading on through the list rather than by an index per filter.
 */
export async function listVenues(
  page: { limit: number; cursor?: string },
  filter: VenueFilter = {},
  stores?: ReadonlySet<string>,
): Promise<{ items: Venue[]; nextCursor: string | null }> {
  const scope = {
    partition: { gsi1pk: VENUE_LIST_PK },
    view: JSON.stringify([filter.kind, filter.storeId, filter.status, stores ? [...stores].sort() : 'all']),
  };
  const after = await decodeCursor(page.cursor, scope);
  const items: Venue[] = [];
  let startKey: Record<string, unknown> | undefined = after && {
    ...venueKey(String(after.gsi1sk).slice(String(after.gsi1sk).indexOf('#') + 1)),
    gsi1pk: VENUE_LIST_PK,
    gsi1sk: after.gsi1sk,
  };
  let more = false;
  do {
    const result = await documents.query({
      ...venueListQuery(filter.kind),
      Limit: page.limit + 1 - items.length,
      ExclusiveStartKey: startKey,
    });
    for (const item of result.Items ?? []) {
      const venue = venueOf(item);
      if (!matches(venue, filter, stores)) continue;
      if (items.length === page.limit) {
        more = true;
        break;
      }
      items.push(venue);
    }
    startKey = result.LastEvaluatedKey;
  } while (!more && startKey);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      more && last
        ? ((await encodeCursor({ gsi1pk: VENUE_LIST_PK, gsi1sk: venueListSortKey(last) }, scope)) ?? null)
        : null,
  };
}

/** The active venues members may book, of one kind or all, in the order of kind and id. */
export async function listActiveVenues(kind?: VenueKind): Promise<Venue[]> {
  const venues: Venue[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await documents.query({ ...venueListQuery(kind), ExclusiveStartKey: startKey });
    venues.push(...(result.Items ?? []).map(venueOf).filter((venue) => venue.status === 'active'));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return venues;
}
