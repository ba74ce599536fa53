import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { getPointsAccount, openPointsAccount } from '../../lib/loyalty/accounts';
import { creditPurchase } from '../../lib/loyalty/ledger';
import { uniqueId } from './ids';

/** EventBridge stand-in for integration tests: accepts every entry and remembers what was published. */
export function acceptingEventBridge() {
  const eventBridge = mockClient(EventBridgeClient);
  const reset = () => {
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map(() => ({ EventId: 'e' })),
    }));
  };
  const published = () =>
    eventBridge.commandCalls(PutEventsCommand).flatMap((call) =>
      (call.args[0].input.Entries ?? []).map((entry) => ({
        type: entry.DetailType!,
        ...(JSON.parse(entry.Detail!) as { metadata: { eventId: string }; data: Record<string, unknown> }),
      })),
    );
  /** EventBridge refuses every call until the next reset, as in an outage. */
  const outage = () => eventBridge.on(PutEventsCommand).rejects(new Error('EventBridge is unavailable'));
  return { reset, published, outage };
}

/** A unique id: the label and a UUID. */
export const unique = uniqueId;
export { longestPosId, longestStoreId } from './ids';

/** A member with an open points account and, if asked, points earned from a purchase at `store-it`. */
export async function memberWithPoints(points = 0, earnedAt = new Date()) {
  const customerId = unique('c');
  await openPointsAccount(customerId);
  if (points > 0) {
    await creditPurchase({
      kind: 'purchase',
      transaction: {
        transactionId: unique('T'),
        storeId: 'store-it',
        occurredAt: earnedAt.toISOString(),
        customer: { customerId },
        amount: points * 100,
        currency: 'CNY',
        items: [],
      },
      receivedAt: earnedAt.toISOString(),
      keyId: 'key-it',
      correlationId: unique('corr'),
    });
  }
  return customerId;
}

export const balanceOf = async (customerId: string) => (await getPointsAccount(customerId))!.balance;

/** A registered member's profile, as registration writes it (no name, birthday or phone yet). */
export async function seedProfile(customerId: string) {
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      pk: `CUSTOMER#${customerId}`,
      sk: 'PROFILE',
      customerId,
      openid: `openid-${customerId}`,
      createdAt: '2026-11-11T00:00:00.000Z',
      registration: { eventId: `evt-${customerId}`, published: true },
    },
  });
}
