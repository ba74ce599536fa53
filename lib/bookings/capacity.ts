import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableNameFromEnv } from '../db/tables';
import { memberSlotGuardKey, poolSlotKey, resourceSlotKey, type Resource, type Venue } from './model';

/**
 * The writes that take and give back room in a slot, each under the condition that keeps capacity true
 * when it is written (never a read before the write), for a booking's transaction to include.
 */

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');

/** Where a booking sits: its venue-day partition and its slot's start (UTC, `toISOString()`). */
export interface SlotPlace {
  venueId: string;
  day: string;
  start: string;
}

/** Covers of a pool slot, on condition that the party still fits under the venue's capacity now. */
export const poolCoversTaken = (
  place: SlotPlace,
  partySize: number,
  coversPerSlot: number,
): TransactItem => ({
  Update: {
    TableName: table(),
    Key: poolSlotKey(place.venueId, place.day, place.start),
    UpdateExpression: 'ADD taken :party',
    ConditionExpression: 'attribute_not_exists(taken) OR taken <= :room',
    ExpressionAttributeValues: { ':party': partySize, ':room': coversPerSlot - partySize },
  },
});

/** Covers given back, never below zero (they were taken by this very booking). */
export const poolCoversReleased = (place: SlotPlace, partySize: number): TransactItem => ({
  Update: {
    TableName: table(),
    Key: poolSlotKey(place.venueId, place.day, place.start),
    UpdateExpression: 'ADD taken :minus',
    ConditionExpression: 'taken >= :party',
    ExpressionAttributeValues: { ':minus': -partySize, ':party': partySize },
  },
});

/** A resource of a slot, on condition that no booking holds it. */
export const resourceTaken = (place: SlotPlace, resourceId: string, bookingId: string): TransactItem => ({
  Put: {
    TableName: table(),
    Item: { ...resourceSlotKey(place.venueId, place.day, place.start, resourceId), bookingId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** A resource given back, only by the booking holding it. */
export const resourceReleased = (place: SlotPlace, resourceId: string, bookingId: string): TransactItem => ({
  Delete: {
    TableName: table(),
    Key: resourceSlotKey(place.venueId, place.day, place.start, resourceId),
    ConditionExpression: 'bookingId = :booking',
    ExpressionAttributeValues: { ':booking': bookingId },
  },
});

/** One live booking a member per slot: the guard is put only where none is. */
export const memberGuardPut = (place: SlotPlace, customerId: string, bookingId: string): TransactItem => ({
  Put: {
    TableName: table(),
    Item: { ...memberSlotGuardKey(place.venueId, place.day, place.start, customerId), bookingId, customerId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The guard removed, if it is this booking's (a waitlisted booking has none). */
export const memberGuardDeleted = (
  place: SlotPlace,
  customerId: string,
  bookingId: string,
): TransactItem => ({
  Delete: {
    TableName: table(),
    Key: memberSlotGuardKey(place.venueId, place.day, place.start, customerId),
    ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :booking',
    ExpressionAttributeValues: { ':booking': bookingId },
  },
});

/**
 * The resources that may take a party, best first: active, seating the party, the smallest first (then by
 * id), so that large tables stay free for large parties. A resource asked for is the only candidate.
 */
export function resourceCandidates(
  resources: readonly Resource[],
  partySize: number,
  requested?: string,
): Resource[] {
  return resources
    .filter((resource) => resource.active && resource.seats >= partySize)
    .filter((resource) => requested === undefined || resource.id === requested)
    .sort((a, b) => a.seats - b.seats || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The largest party one booking may hold at the venue (0: nothing can be booked there now). */
export function largestParty(capacity: Venue['capacity']): number {
  if (capacity.mode === 'pool') return capacity.coversPerSlot;
  return Math.max(0, ...capacity.resources.filter((r) => r.active).map((r) => r.seats));
}
