// Packing a batch of counted events into transactions: pure planning, no DynamoDB.
import { describe, expect, it } from 'vitest';
import { planTallyTransactions, type TalliedEvent } from '../../lib/events/tallies';

const sale = (eventId: string, store: string, revenue: number): TalliedEvent => ({
  eventId,
  tallies: [{ pk: 'DAY', sk: store, add: { purchases: 1, revenue }, set: { storeId: store } }],
});

describe('planTallyTransactions', () => {
  it('sums the additions of events to the same counter into one update', () => {
    const [only, ...rest] = planTallyTransactions([
      sale('e1', 'a', 10),
      sale('e2', 'a', 5),
      sale('e3', 'b', 1),
    ]);
    expect(rest).toEqual([]);
    expect(only!.eventIds).toEqual(['e1', 'e2', 'e3']);
    expect(only!.counters).toEqual([
      { pk: 'DAY', sk: 'a', add: { purchases: 2, revenue: 15 }, set: { storeId: 'a' }, shards: undefined },
      { pk: 'DAY', sk: 'b', add: { purchases: 1, revenue: 1 }, set: { storeId: 'b' }, shards: undefined },
    ]);
  });

  it('counts an event delivered twice in one batch once', () => {
    const [only] = planTallyTransactions([sale('e1', 'a', 10), sale('e1', 'a', 10)]);
    expect(only).toMatchObject({ eventIds: ['e1'], counters: [{ add: { purchases: 1, revenue: 10 } }] });
  });

  it('never puts more than the item limit in a transaction, and loses no event or amount', () => {
    const events = Array.from({ length: 250 }, (_, n) => sale(`e${n}`, `s${n % 40}`, n));
    const transactions = planTallyTransactions(events, 100);
    for (const transaction of transactions)
      expect(transaction.eventIds.length + transaction.counters.length).toBeLessThanOrEqual(100);
    expect(transactions.flatMap((transaction) => transaction.eventIds).sort()).toEqual(
      events.map((event) => event.eventId).sort(),
    );
    const revenue = transactions.flatMap((t) => t.counters).reduce((sum, c) => sum + c.add.revenue!, 0);
    expect(revenue).toBe((249 * 250) / 2);
  });
});
