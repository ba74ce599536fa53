// Completing a registration against DynamoDB Local: one new answer however sign-ins race, and the
// CustomerRegistered event out under its one id even when a sign-in dies on the way.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  completeRegistration,
  registrationEvent,
  REGISTRATION_CLAIM_MS,
} from '../../lib/customers/registration';
import {
  claimRegistration,
  findOrRegisterCustomer,
  getCustomerRecord,
  type CustomerRecord,
} from '../../lib/customers/repository';
import { publishEvent } from '../../lib/events/publisher';

const eventBridge = mockClient(EventBridgeClient);
/** The CustomerRegistered event ids sent, by the PutEvents calls from the `from`th on. */
const registrationsPublished = (from = 0) =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .slice(from)
    .flatMap((call) =>
      (call.args[0].input.Entries ?? [])
        .filter((entry) => entry.DetailType === 'CustomerRegistered')
        .map((entry) => (JSON.parse(entry.Detail!) as { metadata: { eventId: string } }).metadata.eventId),
    );

const accepted = (input: { Entries: unknown[] }) => ({
  FailedEntryCount: 0,
  Entries: input.Entries.map(() => ({ EventId: 'e' })),
});

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake(accepted);
});

async function newMember(): Promise<CustomerRecord> {
  const { record } = await findOrRegisterCustomer({
    openid: `openid-it-${Math.random().toString(36).slice(2)}`,
  });
  return record;
}
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe('completeRegistration', () => {
  it('answers new for exactly one of 8 racing sign-ins, which alone publishes', async () => {
    const record = await newMember();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => completeRegistration(record, 'corr-race')),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(registrationsPublished()).toEqual([record.registration.eventId]);
    expect((await getCustomerRecord(record.customerId))!.registration).toEqual({
      eventId: record.registration.eventId,
      published: true,
    });
  });

  it('leaves the event of a sign-in that died holding the claim to the first sign-in after the claim', async () => {
    const record = await newMember();
    const diedAt = new Date();
    // The sign-in that died claimed the publishing and got no further.
    expect(await claimRegistration(record.customerId, later(diedAt, REGISTRATION_CLAIM_MS), diedAt)).toBe(
      true,
    );

    expect(await completeRegistration(record, 'corr-during', later(diedAt, 1000))).toBe(false);
    expect(registrationsPublished()).toEqual([]);

    expect(await completeRegistration(record, 'corr-after', later(diedAt, REGISTRATION_CLAIM_MS + 1))).toBe(
      true,
    );
    expect(registrationsPublished()).toEqual([record.registration.eventId]);
    expect((await getCustomerRecord(record.customerId))!.registration.published).toBe(true);
  });

  it('publishes the same event again when a sign-in died between publishing and marking, and answers new once', async () => {
    const record = await newMember();
    const diedAt = new Date();
    // The sign-in that died published (a PutEvents that went through) and never marked it.
    expect(await claimRegistration(record.customerId, later(diedAt, REGISTRATION_CLAIM_MS), diedAt)).toBe(
      true,
    );
    await publishEvent(registrationEvent(record), 'corr-died');

    const after = later(diedAt, REGISTRATION_CLAIM_MS + 1);
    expect(await completeRegistration(record, 'corr-after', after)).toBe(true);
    expect(await completeRegistration(record, 'corr-again', later(after, 1000))).toBe(false);
    // Twice on the bus under one id: every consumer applies it once.
    expect(registrationsPublished()).toEqual([record.registration.eventId, record.registration.eventId]);
  });

  it('gives the claim up when publishing fails, so that the retry publishes and answers new', async () => {
    const record = await newMember();
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).rejectsOnce(new Error('EventBridge is unavailable')).callsFake(accepted);
    const now = new Date();
    await expect(completeRegistration(record, 'corr-failed', now)).rejects.toThrow(
      'EventBridge is unavailable',
    );
    expect((await getCustomerRecord(record.customerId))!.registration).toEqual({
      eventId: record.registration.eventId,
      published: false,
    });
    const failedCalls = eventBridge.commandCalls(PutEventsCommand).length;

    expect(await completeRegistration(record, 'corr-retry', later(now, 500))).toBe(true);
    expect(registrationsPublished(failedCalls)).toEqual([record.registration.eventId]);
  });
});
