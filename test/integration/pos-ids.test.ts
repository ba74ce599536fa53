// The points ledger at the longest ids the POS contract allows, against DynamoDB Local: a sale that
// promotes its member and its refund publish every event, each under the readable id it always had.
import { beforeEach, describe, expect, it } from 'vitest';
import { openPointsAccount } from '../../lib/loyalty/accounts';
import { creditPurchase, reversePurchase } from '../../lib/loyalty/ledger';
import { posRefundSchema, posTransactionSchema } from '../../lib/pos/messages';
import { acceptingEventBridge, balanceOf, longestPosId, longestStoreId } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

describe('a sale and its refund with the longest ids the POS contract allows', () => {
  it('credits, promotes and refunds, publishing PurchaseRecorded, PointsEarned, TierChanged and PointsReversed', async () => {
    const customerId = longestPosId('C');
    const storeId = longestStoreId('store');
    const transactionId = longestPosId('T');
    const refundId = longestPosId('R');
    await openPointsAccount(customerId);
    const envelope = { receivedAt: new Date().toISOString(), keyId: 'key-it', correlationId: 'c' };
    // 1,500 CNY earns 1,500 points, past silver's 1,000.
    const transaction = posTransactionSchema.parse({
      transactionId,
      storeId,
      occurredAt: new Date().toISOString(),
      customer: { customerId },
      amount: 150_000,
      currency: 'CNY',
      items: [],
    });
    expect(await creditPurchase({ kind: 'purchase', transaction, ...envelope })).toBe('credited');
    const refund = posRefundSchema.parse({ refundId, transactionId, storeId, amount: 50_000 });
    expect(await reversePurchase({ kind: 'refund', refund, ...envelope })).toBe('reversed');
    expect(await balanceOf(customerId)).toBe(1_000);
    expect(eventBridge.published().map((event) => [event.type, event.metadata.eventId])).toEqual([
      ['PurchaseRecorded', `PurchaseRecorded-${storeId}-${transactionId}`],
      ['PointsEarned', `PointsEarned-${storeId}-${transactionId}`],
      ['TierChanged', `TierChanged-${storeId}-${transactionId}`],
      ['PointsReversed', `PointsReversed-${storeId}-${refundId}`],
    ]);
  });
});
