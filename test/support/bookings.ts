import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import {
  bookingKey,
  memberSlotGuardKey,
  poolSlotKey,
  strikeKey,
  venueDayPk,
  venueKey,
  venueListSortKey,
  VENUE_LIST_PK,
  WEEKDAYS,
  type Venue,
} from '../../lib/bookings/model';
import { uniqueId } from './ids';

const table = () => tableNameFromEnv('main');

/** A venue put straight into the table with the model's keys, open 10:00–22:00 Shanghai in 60-minute slots. */
export async function seedVenue(overrides: Partial<Venue> = {}): Promise<Venue> {
  const venue: Venue = {
    id: uniqueId('v'),
    name: 'Test workshop',
    kind: 'event',
    status: 'active',
    timeZone: 'Asia/Shanghai',
    hours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, [{ open: '10:00', close: '22:00' }]]),
    ) as Venue['hours'],
    closedDates: [],
    specialHours: {},
    slotMinutes: 60,
    minNoticeMinutes: 0,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 60,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacity: { mode: 'pool', coversPerSlot: 10 },
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
  await documents.put({
    TableName: table(),
    Item: { ...venueKey(venue.id), gsi1pk: VENUE_LIST_PK, gsi1sk: venueListSortKey(venue), ...venue },
  });
  return venue;
}

/** Tables of 2, 2, 4 and 6 seats. */
export const restaurantTables = [
  { id: 't2-a', name: 'Two A', seats: 2, active: true },
  { id: 't2-b', name: 'Two B', seats: 2, active: true },
  { id: 't4', name: 'Four', seats: 4, active: true },
  { id: 't6', name: 'Six', seats: 6, active: true },
];

export async function coversTaken(venueId: string, day: string, start: string): Promise<number> {
  const { Item } = await documents.get({
    TableName: table(),
    Key: poolSlotKey(venueId, day, start),
    ConsistentRead: true,
  });
  return Number(Item?.taken ?? 0);
}

export async function bookingItem(bookingId: string) {
  const { Item } = await documents.get({
    TableName: table(),
    Key: bookingKey(bookingId),
    ConsistentRead: true,
  });
  return Item;
}

export async function guardOf(venueId: string, day: string, start: string, customerId: string) {
  const { Item } = await documents.get({
    TableName: table(),
    Key: memberSlotGuardKey(venueId, day, start, customerId),
    ConsistentRead: true,
  });
  return Item;
}

/** Every item of a venue-day partition, by sort key. */
export async function venueDayItems(venueId: string, day: string) {
  const { Items } = await documents.query({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': venueDayPk(venueId, day) },
    ConsistentRead: true,
  });
  return Items ?? [];
}

/** The venue's bookings of a day, read through gsi2 and then each record. */
export async function bookingsOfDay(venueId: string, day: string) {
  const { Items } = await documents.query({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': venueDayPk(venueId, day) },
  });
  return Promise.all((Items ?? []).map(async (item) => (await bookingItem(String(item.pk).slice(8)))!));
}

export async function suspend(customerId: string, venueId: string, until: string) {
  await documents.put({
    TableName: table(),
    Item: { ...strikeKey(customerId, venueId), customerId, venueId, strikes: [], suspendedUntil: until },
  });
}

/** A request's outcome: 'ok', or the problem's code. */
export const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
