import { creditPurchase, reversePurchase } from '../../lib/loyalty/ledger';
import { logger, metrics, MetricUnit } from '../../lib/observability';
import { posAccountKey, posMessageSchema } from '../../lib/pos/messages';
import { queueHandler } from '../../lib/queues/handler';

export const handler = queueHandler(
  'pos',
  posMessageSchema,
  async (message) => {
    if (message.kind === 'purchase') {
      // The ledger counts the purchase (credited or unmatched) when it records it, once.
      const outcome = await creditPurchase(message);
      logger.info('purchase', {
        storeId: message.transaction.storeId,
        transactionId: message.transaction.transactionId,
        outcome,
      });
    } else {
      const outcome = await reversePurchase(message);
      metrics.addMetric('RefundsApplied', MetricUnit.Count, outcome === 'already-reversed' ? 0 : 1);
      logger.info('refund', { storeId: message.refund.storeId, refundId: message.refund.refundId, outcome });
    }
  },
  // One member's purchases in a batch (a till's offline queue, a family's shared code) go one by one.
  { orderKey: posAccountKey },
);
