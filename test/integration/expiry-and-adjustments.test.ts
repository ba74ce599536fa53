// Expiry runs and staff adjustments against DynamoDB Local.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { getPointsAccount } from '../../lib/loyalty/accounts';
import { adjustPoints } from '../../lib/loyalty/adjustments';
import { runExpiry } from '../../lib/loyalty/expiry-run';
import { creditPurchase, reversePurchase } from '../../lib/loyalty/ledger';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { readLots } from '../../lib/loyalty/lot-store';
import { createReward } from '../../lib/rewards/catalogue';
import { cancelRedemption, redeemReward } from '../../lib/rewards/redemption';
import { acceptingEventBridge, balanceOf, memberWithPoints, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

describe('runExpiry', () => {
  it('expires a lot after its end-of-month expiry, once, and reminds 30 days before', async () => {
    const customerId = await memberWithPoints(120, new Date('2026-01-15T02:00:00Z'));
    // The lot expires at the end of January 2027, Shanghai time (2027-01-31T16:00Z).
    await runExpiry(new Date('2027-01-05T00:00:00Z'), 'corr');
    expect(
      eventBridge
        .published()
        .filter((event) => event.type === 'PointsExpiring' && event.data.customerId === customerId),
    ).toHaveLength(1);
    await runExpiry(new Date('2027-01-31T15:59:59Z'), 'corr');
    expect(await balanceOf(customerId)).toBe(120);
    await runExpiry(new Date('2027-01-31T16:00:01Z'), 'corr');
    await runExpiry(new Date('2027-02-01T16:05:00Z'), 'corr');
    expect(await balanceOf(customerId)).toBe(0);
    const ledger = await listLedger(customerId, { limit: 10, type: 'expire' });
    expect(ledger.items).toEqual([
      expect.objectContaining({ type: 'expire', points: -120, balanceDelta: -120 }),
    ]);
    expect(
      eventBridge
        .published()
        .filter((event) => event.type === 'PointsExpired' && event.data.customerId === customerId),
    ).toHaveLength(1);
  });
});

describe('runExpiry over a malformed lot', () => {
  it('expires the other lots of its month and leaves the unreadable one', async () => {
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const { lotExpiryIndexKeys } = await import('../../lib/loyalty/lot-store');
    const customerId = await memberWithPoints(30, new Date('2025-03-10T02:00:00Z'));
    const broken = unique('broken');
    // Listed by the expiry index beside the member's lot, without the expiry the run needs.
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        pk: `CUSTOMER#${broken}`,
        sk: 'LOT#2026-03',
        remaining: 5,
        ...lotExpiryIndexKeys(broken, { bucket: '2026-03', expiresAt: '2026-03-31T16:00:00.000Z' }),
      },
    });
    await runExpiry(new Date('2026-04-02T00:00:00Z'), 'corr');
    expect(await balanceOf(customerId)).toBe(0);
  });
});

describe('adjustPoints', () => {
  const adjust = (customerId: string, points: number, key = unique('adj')) =>
    adjustPoints({
      customerId,
      points,
      reasonCode: 'goodwill',
      note: 'test',
      staffId: 'staff-1',
      idempotencyKey: key,
      correlationId: 'corr',
    });

  it('adds and removes points once per Idempotency-Key, never below zero', async () => {
    const customerId = await memberWithPoints(100);
    const first = await adjust(customerId, 50, 'adjust-key-1');
    expect(first.result.balance).toBe(150);
    expect((await adjust(customerId, 50, 'adjust-key-1')).replayed).toBe(true);
    expect(await balanceOf(customerId)).toBe(150);
    await adjust(customerId, -120);
    expect(await balanceOf(customerId)).toBe(30);
    await expect(adjust(customerId, -31)).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
  });
});

describe('the ledger invariant', () => {
  type Operation =
    | { kind: 'earn'; amount: number }
    | { kind: 'redeem'; quantity: number }
    | { kind: 'refund'; share: number }
    | { kind: 'adjust'; points: number }
    | { kind: 'cancel' }
    | { kind: 'expire'; monthsLater: number };
  const operation: fc.Arbitrary<Operation> = fc.oneof(
    fc.record({ kind: fc.constant('earn' as const), amount: fc.integer({ min: 100, max: 50_000 }) }),
    fc.record({ kind: fc.constant('redeem' as const), quantity: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('refund' as const), share: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
    fc.record({
      kind: fc.constant('adjust' as const),
      points: fc.integer({ min: -200, max: 200 }).filter((p) => p !== 0),
    }),
    fc.record({ kind: fc.constant('cancel' as const) }),
    fc.record({ kind: fc.constant('expire' as const), monthsLater: fc.integer({ min: 0, max: 15 }) }),
  );

  it('sums to the balance, keeps every lot non-negative and never overspends, whatever happens', async () => {
    const reward = await createReward({
      name: 'Invariant reward',
      type: 'physical',
      pointsCost: 40,
      stock: 1_000_000,
      voucherValidDays: 30,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 3, maxLength: 8 }), async (operations) => {
        const customerId = await memberWithPoints(0);
        const sales: { transactionId: string; amount: number }[] = [];
        const redemptions: string[] = [];
        for (const op of operations) {
          const attempt = async () => {
            switch (op.kind) {
              case 'earn': {
                const transactionId = unique('T');
                sales.push({ transactionId, amount: op.amount });
                await creditPurchase({
                  kind: 'purchase',
                  transaction: {
                    transactionId,
                    storeId: 'store-it',
                    occurredAt: new Date().toISOString(),
                    customer: { customerId },
                    amount: op.amount,
                    currency: 'CNY',
                    items: [],
                  },
                  receivedAt: new Date().toISOString(),
                  keyId: 'k',
                  correlationId: 'c',
                });
                break;
              }
              case 'redeem': {
                const { result } = await redeemReward({
                  customerId,
                  rewardId: reward.id,
                  quantity: op.quantity,
                  idempotencyKey: unique('k'),
                  correlationId: 'c',
                });
                redemptions.push(result.redemptionId);
                break;
              }
              case 'refund': {
                const sale = sales.at(-1);
                if (sale)
                  await reversePurchase({
                    kind: 'refund',
                    refund: {
                      refundId: unique('R'),
                      transactionId: sale.transactionId,
                      storeId: 'store-it',
                      amount: Math.max(1, Math.floor(sale.amount * op.share)),
                    },
                    receivedAt: new Date().toISOString(),
                    keyId: 'k',
                    correlationId: 'c',
                  });
                break;
              }
              case 'adjust':
                await adjustPoints({
                  customerId,
                  points: op.points,
                  reasonCode: 'correction',
                  note: 'property',
                  staffId: 's',
                  idempotencyKey: unique('k'),
                  correlationId: 'c',
                });
                break;
              case 'cancel': {
                const redemptionId = redemptions.pop();
                if (redemptionId) await cancelRedemption(customerId, redemptionId, 'property', 'c');
                break;
              }
              case 'expire': {
                const at = new Date();
                at.setUTCMonth(at.getUTCMonth() + op.monthsLater);
                await runExpiry(at, 'c');
                break;
              }
            }
          };
          // Refused operations (not enough points, say) are part of the test: they must change nothing.
          await attempt().catch((error: { status?: number }) => {
            if (error.status !== 409) throw error;
          });
        }
        const account = (await getPointsAccount(customerId))!;
        const ledger = [];
        let cursor: string | undefined;
        do {
          const page = await listLedger(customerId, { limit: 100, cursor });
          ledger.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const lots = await readLots(customerId);
        expect(ledger.reduce((sum, entry) => sum + entry.balanceDelta, 0)).toBe(account.balance);
        expect(ledger.reduce((sum, entry) => sum + entry.pendingDelta, 0)).toBe(account.pending);
        expect(lots.every((lot) => lot.remaining >= 0)).toBe(true);
        // Spending comes only out of lots, so what lots hold never exceeds the balance unless refunds clawed back spent points.
        const clawedBack = ledger.some((entry) => entry.type === 'reverse');
        if (!clawedBack)
          expect(lots.reduce((sum, lot) => sum + lot.remaining, 0)).toBeLessThanOrEqual(
            Math.max(0, account.balance),
          );
        if (!clawedBack) expect(account.balance).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
