import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import {
  bookingKey,
  bookingSchema,
  strikeKey,
  strikeRecordSchema,
  venueKey,
  venueSchema,
  type Booking,
  type StrikeRecord,
  type Venue,
} from './model';

/** The reads every part of the bookings service shares; each part writes its own transitions. */

const table = () => tableNameFromEnv('main');

/** Strips the table's keys and index attributes off an item before it is parsed as a record. */
export const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...record } = item;
  return record;
};

export async function getVenue(venueId: string): Promise<Venue | undefined> {
  const { Item } = await documents.get({ TableName: table(), Key: venueKey(venueId), ConsistentRead: true });
  return Item ? venueSchema.parse(withoutKeys(Item)) : undefined;
}

export async function requireVenue(venueId: string): Promise<Venue> {
  const venue = await getVenue(venueId);
  if (!venue) throw problems.notFound('Venue');
  return venue;
}

export async function getBooking(bookingId: string): Promise<Booking | undefined> {
  const { Item } = await documents.get({
    TableName: table(),
    Key: bookingKey(bookingId),
    ConsistentRead: true,
  });
  return Item ? bookingSchema.parse(withoutKeys(Item)) : undefined;
}

/** A member's own booking; another member's is as absent as a missing one (no probing of ids). */
export async function requireMembersBooking(bookingId: string, customerId: string): Promise<Booking> {
  const booking = await getBooking(bookingId);
  if (!booking || booking.customerId !== customerId) throw problems.notFound('Booking');
  return booking;
}

export async function getStrikes(customerId: string, venueId: string): Promise<StrikeRecord | undefined> {
  const { Item } = await documents.get({
    TableName: table(),
    Key: strikeKey(customerId, venueId),
    ConsistentRead: true,
  });
  return Item ? strikeRecordSchema.parse(withoutKeys(Item)) : undefined;
}
