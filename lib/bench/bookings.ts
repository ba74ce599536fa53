import { randomUUID } from 'node:crypto';
import { PROGRAMME_TIME_ZONE } from '../calendar';
import { documents } from '../db/client';
import {
  poolSlotKey,
  venueDayPk,
  venueKey,
  venueListSortKey,
  VENUE_LIST_PK,
  WEEKDAYS,
  type Venue,
} from '../bookings/model';
import { addDays, localDayOf, slotsOfDay } from '../bookings/slots';
import type { HttpClient } from './http';
import { elapsedMs, percentile, round, runPool } from './stats';

/**
 * The bookings figures: availability latency (the venue read and one query of a venue-day, over HTTP)
 * against the raw query it rests on, and bookings a second on one hot slot (each a transaction of the
 * slot counter, the member's guard and the booking, an idempotency record and an event) against the raw
 * conditional counter update that enforces the capacity. Both baselines run in the same run, interleaved
 * with what they are compared to, so that a slow spell weighs on both alike.
 */
export async function measureBookings(
  http: HttpClient,
  tableName: string,
  members: { customerId: string; accessToken: string }[],
  options: { run: string; availabilityRequests: number; concurrency: number },
) {
  const venueId = `bench-${options.run}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
  const allDay = [{ open: '00:00', close: '00:00' }];
  const now = new Date();
  const venue: Venue = {
    id: venueId,
    name: 'Bench hall',
    kind: 'event',
    status: 'active',
    timeZone: PROGRAMME_TIME_ZONE,
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, allDay])) as Venue['hours'],
    closedDates: [],
    specialHours: {},
    slotMinutes: 60,
    minNoticeMinutes: 0,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 60,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacity: { mode: 'pool', coversPerSlot: 10_000 },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await documents.put({
    TableName: tableName,
    Item: { ...venueKey(venueId), ...venue, gsi1pk: VENUE_LIST_PK, gsi1sk: venueListSortKey(venue) },
  });
  const day = addDays(localDayOf(now, venue.timeZone), 1);
  const slots = slotsOfDay(venue, day);
  const hotSlot = slots[12]!;
  const partition = venueDayPk(venueId, day);

  const clients = members.slice(0, options.concurrency);
  const perClient = Math.max(1, Math.ceil(options.availabilityRequests / clients.length));
  const availability = async () => {
    const latencies: number[] = [];
    await Promise.all(
      clients.map(async ({ accessToken }) => {
        for (let i = 0; i < perClient; i++) {
          const started = performance.now();
          const response = await http.send(
            'GET',
            `/v1/venues/${venueId}/availability?date=${day}&partySize=2`,
            {
              headers: { authorization: `Bearer ${accessToken}` },
            },
          );
          latencies.push(elapsedMs(started));
          if (response.status !== 200)
            throw new Error(`Availability answered ${response.status}: ${response.body.slice(0, 300)}`);
        }
      }),
    );
    return latencies;
  };
  const rawQueries = async () => {
    const latencies: number[] = [];
    await Promise.all(
      clients.map(async () => {
        for (let i = 0; i < perClient; i++) {
          const started = performance.now();
          await documents.query({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
            ExpressionAttributeValues: { ':pk': partition, ':slot': 'SLOT#' },
          });
          latencies.push(elapsedMs(started));
        }
      }),
    );
    return latencies;
  };

  // Occupancy on every slot of the day, so that the query reads a full day's items.
  for (const slot of slots)
    await documents.put({
      TableName: tableName,
      Item: { ...poolSlotKey(venueId, day, slot.start.toISOString()), taken: 1 },
    });
  await availability();
  await rawQueries();
  const api: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < 4; round++) {
    api.push(...(await availability()));
    raw.push(...(await rawQueries()));
  }

  // One hot slot: every member books it once, at the run's concurrency; then the raw counter the same way.
  const start = hotSlot.start.toISOString();
  const bookingStarted = performance.now();
  let refused = 0;
  await runPool(options.concurrency, members.length, async (i) => {
    const response = await http.send('POST', '/v1/bookings', {
      headers: { authorization: `Bearer ${members[i]!.accessToken}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ venueId, start, partySize: 1 }),
    });
    if (response.status !== 201) refused++;
  });
  const bookingMs = elapsedMs(bookingStarted);
  if (refused > 0) throw new Error(`${refused} of ${members.length} bookings of the hot slot were refused`);
  const rawKey = { pk: `${partition}-raw`, sk: `SLOT#${start}` };
  const rawStarted = performance.now();
  await runPool(options.concurrency, members.length, async () => {
    await documents.update({
      TableName: tableName,
      Key: rawKey,
      UpdateExpression: 'ADD taken :one',
      ConditionExpression: 'attribute_not_exists(taken) OR taken <= :room',
      ExpressionAttributeValues: { ':one': 1, ':room': 10_000 - 1 },
    });
  });
  const rawMs = elapsedMs(rawStarted);
  const bookingsPerSecond = members.length / (bookingMs / 1000);
  const rawPerSecond = members.length / (rawMs / 1000);
  return {
    availability_p50_ms: round(percentile(api, 50)),
    availability_p99_ms: round(percentile(api, 99)),
    raw_day_query_p99_ms: round(percentile(raw, 99)),
    availability_p99_ratio: round(percentile(api, 99) / percentile(raw, 99), 3),
    hot_slot_bookings_per_s: round(bookingsPerSecond, 1),
    raw_hot_slot_updates_per_s: round(rawPerSecond, 1),
    hot_slot_ratio: round(bookingsPerSecond / rawPerSecond, 3),
  };
}
