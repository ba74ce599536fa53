// The bookings' outbox against a mocked DynamoDB and EventBridge: what a change puts in its transaction, how
// old an item must be before the sweep takes it, and that one item the catalogue refuses holds up no other.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { bookingOutboxIndex, bookingOutboxKey } from '../../lib/bookings/model';
import {
  MAX_OUTBOX_ITEMS_PER_SWEEP,
  OUTBOX_SWEEP_AGE_MS,
  outboxPut,
  sweepBookingOutbox,
  type OutboxEvent,
} from '../../lib/bookings/outbox';

const dynamo = mockClient(DynamoDBDocumentClient);
const eventBridge = mockClient(EventBridgeClient);
const NOW = new Date('2027-03-01T02:00:00.000Z');

const cancelled = (bookingId: string): OutboxEvent => ({
  name: 'BookingCancelled',
  eventId: `BookingCancelled-${bookingId}`,
  data: {
    bookingId,
    customerId: 'c-1',
    venueId: 'v-1',
    venueKind: 'event',
    start: '2027-03-02T06:00:00.000Z',
    end: '2027-03-02T07:00:00.000Z',
    partySize: 2,
    previousStatus: 'confirmed',
    late: false,
    by: 'member',
    cancelledAt: '2027-03-01T01:00:00.000Z',
  },
});

const itemOf = (bookingId: string, createdAt: string, events = [cancelled(bookingId)]) => ({
  ...bookingOutboxKey(bookingId, 'cancelled'),
  ...bookingOutboxIndex(bookingId, 'cancelled', createdAt),
  bookingId,
  change: 'cancelled',
  events,
  correlationId: `corr-${bookingId}`,
  createdAt,
});

const sentEventIds = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => (JSON.parse(entry.Detail!) as { metadata: { eventId: string } }).metadata.eventId);

beforeEach(() => {
  dynamo.reset();
  eventBridge.reset();
  dynamo.on(DeleteCommand).resolves({});
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({})),
  }));
});

describe('the outbox item of a change', () => {
  it('is put only once, beside its booking and on the sweep index by its creation, with its events and their ids', () => {
    const put = outboxPut('b-1', 'rescheduled#3', [cancelled('b-1')], 'corr', NOW).Put!;
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put.Item).toEqual({
      pk: 'BOOKING#b-1',
      sk: 'OUTBOX#rescheduled#3',
      gsi1pk: 'BOOKINGOUTBOX',
      gsi1sk: '2027-03-01T02:00:00.000Z#b-1#rescheduled#3',
      bookingId: 'b-1',
      change: 'rescheduled#3',
      events: [cancelled('b-1')],
      correlationId: 'corr',
      createdAt: NOW.toISOString(),
    });
  });
});

describe('the sweep', () => {
  it('asks the index only for items older than the age, oldest first, and stops at its bound', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    expect(await sweepBookingOutbox(NOW)).toEqual({ published: 0, cut: false });
    const query = dynamo.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :cutoff',
      ExpressionAttributeValues: {
        ':pk': 'BOOKINGOUTBOX',
        ':cutoff': new Date(NOW.getTime() - OUTBOX_SWEEP_AGE_MS).toISOString(),
      },
      Limit: MAX_OUTBOX_ITEMS_PER_SWEEP,
    });
    expect(query.ScanIndexForward).not.toBe(false);
  });

  it('publishes each item with its stored ids and correlation, then deletes it', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [itemOf('b-1', '2027-03-01T01:00:00.000Z'), itemOf('b-2', '2027-03-01T01:30:00.000Z')],
    });
    expect(await sweepBookingOutbox(NOW)).toEqual({ published: 2, cut: false });
    expect(sentEventIds().sort()).toEqual(['BookingCancelled-b-1', 'BookingCancelled-b-2']);
    const correlations = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? [])
      .map((entry) => (JSON.parse(entry.Detail!) as { metadata: { correlationId: string } }).metadata);
    expect(correlations.map((metadata) => metadata.correlationId).sort()).toEqual(['corr-b-1', 'corr-b-2']);
    expect(dynamo.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key)).toEqual(
      expect.arrayContaining([bookingOutboxKey('b-1', 'cancelled'), bookingOutboxKey('b-2', 'cancelled')]),
    );
  });

  it('goes on past an item the catalogue refuses, keeps that one, and fails at the end', async () => {
    const refused = { ...cancelled('b-9'), data: { bookingId: 'b-9' } } as unknown as OutboxEvent;
    dynamo.on(QueryCommand).resolves({
      Items: [
        itemOf('b-9', '2027-03-01T00:00:00.000Z', [refused]),
        itemOf('b-1', '2027-03-01T01:00:00.000Z'),
      ],
    });
    await expect(sweepBookingOutbox(NOW)).rejects.toThrow('1 booking outbox item(s) could not be published');
    expect(sentEventIds()).toEqual(['BookingCancelled-b-1']);
    expect(dynamo.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key)).toEqual([
      bookingOutboxKey('b-1', 'cancelled'),
    ]);
  });

  it('keeps an item whose events EventBridge did not take', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [itemOf('b-1', '2027-03-01T01:00:00.000Z')] });
    eventBridge.on(PutEventsCommand).rejects(new Error('EventBridge is unavailable'));
    await expect(sweepBookingOutbox(NOW)).rejects.toThrow();
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(0);
  });
});
