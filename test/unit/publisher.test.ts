// The event publisher against a mocked EventBridge: validation first, batches of ten, resend only failures.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventPublishError, publishEvents, type DomainEvent } from '../../lib/events/publisher';

const eventBridge = mockClient(EventBridgeClient);
const registered = (n: number): DomainEvent => ({
  name: 'CustomerRegistered',
  data: { customerId: `c-${n}`, channel: 'wechat-mini-program', registeredAt: '2026-11-11T00:00:00.000Z' },
});

beforeEach(() => eventBridge.reset());

describe('publishEvents', () => {
  it('sends 25 events in batches of at most ten, each with catalogue metadata', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })),
    }));
    await publishEvents(
      Array.from({ length: 25 }, (_, n) => registered(n)),
      'corr-1',
    );
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([10, 10, 5]);
    const first = calls[0]!.args[0].input.Entries![0]!;
    expect(first).toMatchObject({
      EventBusName: 'unit-bus',
      Source: 'sbm.crm.customers',
      DetailType: 'CustomerRegistered',
    });
    expect(JSON.parse(first.Detail!)).toMatchObject({
      metadata: { correlationId: 'corr-1', schemaVersion: 1 },
      data: { customerId: 'c-0' },
    });
  });

  it('resends only the entries EventBridge reports as failed', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'ok' }, { ErrorCode: 'ThrottlingException' }, { EventId: 'ok2' }],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'retried' }] });
    await publishEvents([registered(1), registered(2), registered(3)], 'corr-2');
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]!.args[0].input.Entries![0]!.Detail!).data.customerId).toBe('c-2');
  });

  it('lets concurrent publishers share calls while two are under way, each waiting for its own events', async () => {
    const answer = (input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })),
    });
    eventBridge.on(PutEventsCommand).callsFake(async (input: { Entries: unknown[] }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return answer(input);
    });
    // Twelve records of a queue batch, each publishing its sale's two events at once.
    const published: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        publishEvents([registered(2 * n), registered(2 * n + 1)], `corr-${n}`).then(() => published.push(n)),
      ),
    );
    const calls = eventBridge.commandCalls(PutEventsCommand);
    // The first two go alone; the other twenty events wait and go ten to a call.
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([2, 2, 10, 10]);
    expect(published.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
    const sent = calls.flatMap((call) =>
      call.args[0].input.Entries!.map((e) => JSON.parse(e.Detail!).data.customerId),
    );
    expect(new Set(sent).size).toBe(24);
  });

  it('throws after its attempts when an entry keeps failing', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    await expect(publishEvents([registered(1)], 'corr-3')).rejects.toBeInstanceOf(EventPublishError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(4);
  });

  it('refuses an event that does not match the catalogue, without sending anything', async () => {
    const invalid = { name: 'CustomerRegistered', data: { customerId: '' } } as unknown as DomainEvent;
    await expect(publishEvents([invalid], 'corr-4')).rejects.toThrow();
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('keeps a given event id, so a republished fact is deduplicated by consumers', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    await publishEvents([{ ...registered(1), eventId: 'CustomerRegistered-c-1' }], 'corr-5');
    const detail = JSON.parse(
      eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!.Detail!,
    );
    expect(detail.metadata.eventId).toBe('CustomerRegistered-c-1');
  });
});
