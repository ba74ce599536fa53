// The bookings' outbox against DynamoDB Local: a change committed whose publishing never happened (the Lambda
// stopped in between) is published by the sweep once it is old enough, once, with its original event ids.
import type { ScheduledEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as housekeepingHandler } from '../../functions/bookings/lapse-offers';
import { cancelMyBooking, createBooking, rescheduleBooking } from '../../lib/bookings/bookings';
import {
  BOOKING_OUTBOX_PK,
  bookingKey,
  bookingOutboxIndex,
  bookingOutboxKey,
  type Venue,
} from '../../lib/bookings/model';
import { OUTBOX_SWEEP_AGE_MS, sweepBookingOutbox } from '../../lib/bookings/outbox';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { lambdaContext } from '../support/lambda';
import { acceptingEventBridge, unique } from '../support/members';
import { bookingItem, seedVenue } from '../support/bookings';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

// Earlier than every other test's clock, so that the sweeps here find only this file's outbox items.
/** Monday 2 June 2025, 10:00 in Shanghai. */
const NOW = new Date('2025-06-02T02:00:00.000Z');
/** 14:00 and 15:00 in Shanghai on 3 June. */
const AT_14 = '2025-06-03T06:00:00.000Z';
const AT_15 = '2025-06-03T07:00:00.000Z';
const later = (ms: number) => new Date(NOW.getTime() + ms);

const table = () => tableNameFromEnv('main');

const book = (venue: Pick<Venue, 'id'>, customerId: string, correlationId = unique('corr')) =>
  createBooking(
    {
      customerId,
      venueId: venue.id,
      start: AT_14,
      partySize: 2,
      channel: 'member',
      idempotencyKey: unique('key'),
      correlationId,
    },
    NOW,
  );

/** The ids of the member's bookings (the member list, gsi1). */
async function bookingIdsOf(customerId: string): Promise<string[]> {
  const { Items } = await documents.query({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}#BOOKINGS` },
  });
  return (Items ?? []).map((item) => String(item.bookingId));
}

const outboxItems = async (bookingId: string) =>
  (
    await documents.query({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :outbox)',
      ExpressionAttributeValues: { ':pk': bookingKey(bookingId).pk, ':outbox': 'OUTBOX#' },
      ConsistentRead: true,
    })
  ).Items ?? [];

/** The events EventBridge was sent (or, in an outage, offered), as type, event id, correlation id, booking. */
const sent = () =>
  eventBridge.published().map((event) => ({
    type: event.type,
    eventId: event.metadata.eventId,
    correlationId: (event.metadata as { correlationId?: string }).correlationId,
    bookingId: event.data.bookingId,
  }));

/** A booking committed while EventBridge was down: the request failed after its write, as in a crash. */
async function bookedDuringOutage(venue: Venue, customerId: string, correlationId: string) {
  eventBridge.outage();
  await expect(book(venue, customerId, correlationId)).rejects.toThrow('EventBridge is unavailable');
  const attempted = sent();
  eventBridge.reset();
  const [bookingId] = await bookingIdsOf(customerId);
  return { bookingId: bookingId!, attempted };
}

describe('the outbox sweep', () => {
  it('publishes a confirmation whose request stopped after its commit, once, with its original ids', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const correlationId = unique('corr');
    const { bookingId, attempted } = await bookedDuringOutage(venue, customerId, correlationId);
    expect(attempted).toEqual([
      { type: 'BookingConfirmed', eventId: `BookingConfirmed-${bookingId}`, correlationId, bookingId },
    ]);
    expect((await bookingItem(bookingId))?.status).toBe('confirmed');
    expect(await outboxItems(bookingId)).toMatchObject([
      {
        sk: 'OUTBOX#confirmed',
        ...bookingOutboxIndex(bookingId, 'confirmed', NOW.toISOString()),
        createdAt: NOW.toISOString(),
      },
    ]);

    const first = await sweepBookingOutbox(later(OUTBOX_SWEEP_AGE_MS + 60_000));
    expect(first.published).toBeGreaterThanOrEqual(1);
    expect(sent().filter((event) => event.bookingId === bookingId)).toEqual(attempted);
    expect(await outboxItems(bookingId)).toEqual([]);

    eventBridge.reset();
    const second = await sweepBookingOutbox(later(OUTBOX_SWEEP_AGE_MS + 120_000));
    expect(second).toEqual({ published: 0, cut: false });
    expect(sent()).toEqual([]);
  });

  it('leaves an item younger than the age alone, and takes it once it is older', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { bookingId } = await bookedDuringOutage(venue, customerId, unique('corr'));

    await sweepBookingOutbox(later(OUTBOX_SWEEP_AGE_MS));
    expect(sent().filter((event) => event.bookingId === bookingId)).toEqual([]);
    expect(await outboxItems(bookingId)).toHaveLength(1);

    await sweepBookingOutbox(later(OUTBOX_SWEEP_AGE_MS + 1));
    expect(
      sent()
        .filter((event) => event.bookingId === bookingId)
        .map((event) => event.eventId),
    ).toEqual([`BookingConfirmed-${bookingId}`]);
    expect(await outboxItems(bookingId)).toEqual([]);
  });

  it('publishes nothing of changes whose own publishing went through', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { view } = await book(venue, customerId);
    expect(await outboxItems(view.bookingId)).toEqual([]);
    eventBridge.reset();
    await sweepBookingOutbox(later(OUTBOX_SWEEP_AGE_MS + 60_000));
    expect(sent().filter((event) => event.bookingId === view.bookingId)).toEqual([]);
  });

  it('publishes a move and a cancellation stopped after their commits, each with its own id', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { view } = await book(venue, customerId);
    eventBridge.reset();
    eventBridge.outage();
    await expect(
      rescheduleBooking(
        {
          customerId,
          bookingId: view.bookingId,
          start: AT_15,
          idempotencyKey: unique('key'),
          correlationId: 'corr-move',
        },
        later(60_000),
      ),
    ).rejects.toThrow();
    await expect(
      cancelMyBooking(customerId, view.bookingId, 'corr-cancel', later(120_000)),
    ).rejects.toThrow();
    const attempted = sent();
    eventBridge.reset();
    expect((await bookingItem(view.bookingId))?.status).toBe('cancelled');
    expect((await outboxItems(view.bookingId)).map((item) => item.sk).sort()).toEqual([
      'OUTBOX#cancelled',
      'OUTBOX#rescheduled#2',
    ]);

    // Both older than the age by now: the move's (written first) goes out first.
    await sweepBookingOutbox(later(120_000 + OUTBOX_SWEEP_AGE_MS + 1));
    const swept = sent().filter((event) => event.bookingId === view.bookingId);
    expect(swept).toEqual([
      {
        type: 'BookingRescheduled',
        eventId: `BookingRescheduled-${view.bookingId}-2`,
        correlationId: 'corr-move',
        bookingId: view.bookingId,
      },
      {
        type: 'BookingCancelled',
        eventId: `BookingCancelled-${view.bookingId}`,
        correlationId: 'corr-cancel',
        bookingId: view.bookingId,
      },
    ]);
    // The ids are those the stopped requests tried to send.
    expect(new Set(attempted.map((event) => event.eventId))).toEqual(
      new Set(swept.map((event) => event.eventId)),
    );
    expect(await outboxItems(view.bookingId)).toEqual([]);
  });

  it('publishes the other items when one cannot be published, and fails so that the run shows it', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const { bookingId } = await bookedDuringOutage(venue, customerId, unique('corr'));
    // An item whose event the catalogue refuses (a bookingId missing), older than the good one.
    const broken = unique('b');
    const brokenKey = bookingOutboxKey(broken, 'confirmed');
    await documents.put({
      TableName: table(),
      Item: {
        ...brokenKey,
        ...bookingOutboxIndex(broken, 'confirmed', later(-60_000).toISOString()),
        events: [{ name: 'BookingConfirmed', eventId: `BookingConfirmed-${broken}`, data: {} }],
        correlationId: 'corr-broken',
      },
    });
    try {
      await expect(sweepBookingOutbox(later(OUTBOX_SWEEP_AGE_MS + 60_000))).rejects.toThrow(
        '1 booking outbox item(s) could not be published',
      );
      expect(sent().filter((event) => event.bookingId === bookingId)).toHaveLength(1);
      expect(await outboxItems(bookingId)).toEqual([]);
      expect(await outboxItems(broken)).toHaveLength(1);
    } finally {
      await documents.delete({ TableName: table(), Key: brokenKey });
    }
  });

  it('runs in the bookings housekeeping schedule', async () => {
    const venue = await seedVenue();
    const customerId = unique('c');
    const correlationId = unique('corr');
    const { bookingId } = await bookedDuringOutage(venue, customerId, correlationId);
    const event: ScheduledEvent = {
      version: '0',
      id: unique('schedule'),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: later(OUTBOX_SWEEP_AGE_MS + 60_000).toISOString(),
      region: 'ap-east-1',
      resources: [],
      detail: {},
    };
    await housekeepingHandler(event, lambdaContext('lapseOffers'));
    expect(sent().filter((sentEvent) => sentEvent.bookingId === bookingId)).toEqual([
      { type: 'BookingConfirmed', eventId: `BookingConfirmed-${bookingId}`, correlationId, bookingId },
    ]);
    const { Items } = await documents.query({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :at)',
      ExpressionAttributeValues: { ':pk': BOOKING_OUTBOX_PK, ':at': NOW.toISOString() },
    });
    expect((Items ?? []).filter((item) => item.bookingId === bookingId)).toEqual([]);
  });
});
