// Points accounts against DynamoDB Local: opened once, never reset by a replayed registration.
import { describe, expect, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { getPointsAccount, openPointsAccount, pointsAccountKey } from '../../lib/loyalty/accounts';

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
