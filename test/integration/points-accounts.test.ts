// Points accounts against DynamoDB Local: opened once, never reset by a replayed registration.
import { describe, expect, it, vi } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import {
  getPointsAccount,
  getPointsAccountSummary,
  openPointsAccount,
  pointsAccountKey,
} from '../../lib/loyalty/accounts';

const newCustomerId = () => `c-it-${Math.random().toString(36).slice(2)}`;

describe('openPointsAccount', () => {
  it('opens an empty bronze account', async () => {
    const customerId = newCustomerId();
    expect(await openPointsAccount(customerId)).toBe('opened');
    expect(await getPointsAccount(customerId)).toMatchObject({
      customerId,
      balance: 0,
      pending: 0,
      lifetimeEarned: 0,
      tier: { code: 'bronze' },
    });
  });

  it('opens one account when the registration is delivered ten times at once', async () => {
    const customerId = newCustomerId();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => openPointsAccount(customerId)));
    expect(outcomes.filter((outcome) => outcome === 'opened')).toHaveLength(1);
  });

  it('never resets a balance when the registration is replayed later', async () => {
    const customerId = newCustomerId();
    await openPointsAccount(customerId);
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: pointsAccountKey(customerId),
      UpdateExpression: 'SET balance = :b',
      ExpressionAttributeValues: { ':b': 120 },
    });
    expect(await openPointsAccount(customerId)).toBe('already-open');
    expect((await getPointsAccount(customerId))?.balance).toBe(120);
  });

  it('has no account for a member whose registration is still in flight', async () => {
    expect(await getPointsAccount(newCustomerId())).toBeUndefined();
  });
});

describe('getPointsAccountSummary', () => {
  it('reads the account and its lots in one query, and nothing else of the partition', async () => {
    const customerId = newCustomerId();
    const now = new Date('2026-11-26T04:00:00Z');
    await openPointsAccount(customerId, now);
    const put = (item: Record<string, unknown>) =>
      documents.put({ TableName: tableNameFromEnv('main'), Item: { pk: `CUSTOMER#${customerId}`, ...item } });
    await put({ sk: 'LOT#2026-12', remaining: 40, earned: 40, expiresAt: '2026-12-31T15:59:59.999Z' });
    await put({ sk: 'LOT#2027-03', remaining: 30, earned: 30, expiresAt: '2027-03-31T15:59:59.999Z' });
    // Neighbours on either side of the range: a ledger line and the member's other stores.
    await put({ sk: 'LEDGER#2026-11-26T03:00:00.000Z#x', type: 'earn', points: 70 });
    await put({ sk: 'LOYALTY#MORE_STORES', stores: new Set(['store-x']) });
    const queries = vi.spyOn(documents, 'query');
    const gets = vi.spyOn(documents, 'get');
    const summary = await getPointsAccountSummary(customerId, now);
    expect(queries).toHaveBeenCalledTimes(1);
    expect(gets).not.toHaveBeenCalledWith(expect.objectContaining({ Key: pointsAccountKey(customerId) }));
    queries.mockRestore();
    gets.mockRestore();
    expect(summary).toMatchObject({
      customerId,
      balance: 0,
      expiring: { within30Days: 0, within60Days: 40, within90Days: 40 },
    });
    expect(await getPointsAccountSummary(newCustomerId(), now)).toBeUndefined();
  });
});
