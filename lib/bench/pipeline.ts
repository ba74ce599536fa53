import { signPosRequest } from '../pos/signature';
import type { HttpClient } from './http';
import { elapsedMs, runPool } from './stats';

export interface PosKey {
  storeId: string;
  keyId: string;
  secret: string;
}

/** A sale as a till sends it, with one to three lines; the amount is the lines' total in fen. */
export function benchPurchase(options: {
  run: string;
  index: number;
  storeId: string;
  customerId: string;
  random: () => number;
}) {
  const lines = 1 + Math.floor(options.random() * 3);
  const items = Array.from({ length: lines }, (_, line) => ({
    sku: `SKU-${Math.floor(options.random() * 500)}`,
    category: ['fashion', 'beauty', 'dining', 'electronics'][line % 4]!,
    quantity: 1 + Math.floor(options.random() * 2),
    unitPrice: 1_000 + Math.floor(options.random() * 100_000),
  }));
  return {
    transactionId: `${options.run}-${options.index}`,
    storeId: options.storeId,
    occurredAt: new Date().toISOString(),
    customer: { customerId: options.customerId },
    amount: items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    currency: 'CNY' as const,
    items,
  };
}

/**
 * Signed POS webhooks at the given concurrency; resolves once every one was accepted (202). Any other
 * answer stops the run: a benchmark over failures would measure nothing.
 */
export async function sendPurchases(
  http: HttpClient,
  keys: PosKey[],
  options: { run: string; purchases: number; concurrency: number; customers: string[]; random: () => number },
) {
  // Purchase `index` goes through till `index mod tills`, at that till's store.
  const bodies = Array.from({ length: options.purchases }, (_, index) =>
    JSON.stringify(
      benchPurchase({
        run: options.run,
        index,
        storeId: keys[index % keys.length]!.storeId,
        customerId: options.customers[Math.floor(options.random() * options.customers.length)]!,
        random: options.random,
      }),
    ),
  );
  const latencies: number[] = [];
  await runPool(options.concurrency, options.purchases, async (index) => {
    const body = bodies[index]!;
    // Each till has its own key and its own limit (the POS usage plan), as in a mall.
    const key = keys[index % keys.length]!;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const started = performance.now();
    const response = await http.send('POST', '/v1/pos/transactions', {
      body,
      headers: {
        'x-pos-key': key.keyId,
        'x-pos-timestamp': timestamp,
        'x-pos-signature': signPosRequest(key.secret, timestamp, body),
      },
    });
    latencies.push(elapsedMs(started));
    if (response.status !== 202)
      throw new Error(`POS webhook ${index} answered ${response.status}: ${response.body.slice(0, 300)}`);
  });
  return latencies;
}
