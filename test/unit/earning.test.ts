// Earning and reversal rules: examples from the business, and invariants over any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EARNING_RULES,
  pointsForPurchase,
  pointsToReverse,
  type Purchase,
} from '../../lib/loyalty/earning';
import { DEFAULT_TIERS } from '../../lib/loyalty/tiers';

const purchase = (amount: number, items: Purchase['items'] = [], storeId = 'store-1'): Purchase => ({
  storeId,
  amount,
  items,
});
const line = (unitPrice: number, quantity = 1, category = 'fashion', sku = 'sku-1') => ({
  sku,
  category,
  quantity,
  unitPrice,
});

describe('pointsForPurchase', () => {
  it('gives a bronze member 1 point per CNY, rounded down', () => {
    expect(pointsForPurchase(purchase(12800), DEFAULT_EARNING_RULES, 'bronze')).toBe(128);
    expect(pointsForPurchase(purchase(12899), DEFAULT_EARNING_RULES, 'bronze')).toBe(128);
    expect(pointsForPurchase(purchase(99), DEFAULT_EARNING_RULES, 'bronze')).toBe(0);
  });

  it('applies the tier multipliers', () => {
    expect(
      DEFAULT_TIERS.map((tier) => pointsForPurchase(purchase(12800), DEFAULT_EARNING_RULES, tier.code)),
    ).toEqual([128, 153, 192, 256]);
  });

  it('drops excluded categories and SKUs and pro-rates order discounts', () => {
    const rules = { ...DEFAULT_EARNING_RULES, excludedCategories: ['tobacco'], excludedSkus: ['gift-card'] };
    const items = [
      line(10000, 1, 'fashion'),
      line(5000, 1, 'tobacco'),
      line(5000, 1, 'fashion', 'gift-card'),
    ];
    // Paid 160.00 for 200.00 of goods: 20% off everything, and only the 100.00 fashion line earns.
    expect(pointsForPurchase(purchase(16000, items), rules, 'bronze')).toBe(80);
  });

  it('weights categories and stores, and respects the minimum spend', () => {
    const rules = {
      ...DEFAULT_EARNING_RULES,
      categoryMultipliers: { dining: 2 },
      storeMultipliers: { flagship: 1.5 },
      minimumSpend: 5000,
    };
    expect(pointsForPurchase(purchase(10000, [line(10000, 1, 'dining')], 'flagship'), rules, 'bronze')).toBe(
      300,
    );
    expect(pointsForPurchase(purchase(4999, [line(4999, 1, 'dining')], 'flagship'), rules, 'bronze')).toBe(0);
  });

  it('never earns more than the best multipliers allow on the amount paid, and never less than zero', () => {
    const lines = fc.array(
      fc.record({
        sku: fc.string(),
        category: fc.constantFrom('a', 'b', 'c'),
        quantity: fc.integer({ min: 1, max: 5 }),
        unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        lines,
        fc.constantFrom(...DEFAULT_TIERS.map((t) => t.code)),
        (amount, items, tier) => {
          const rules = {
            ...DEFAULT_EARNING_RULES,
            categoryMultipliers: { a: 2 },
            excludedCategories: ['c'],
          };
          const points = pointsForPurchase(purchase(amount, items), rules, tier);
          return Number.isInteger(points) && points >= 0 && points <= Math.floor((amount * 2 * 2) / 100);
        },
      ),
    );
  });

  it('never earns less on a larger amount for the same lines', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return (
          pointsForPurchase(purchase(low), DEFAULT_EARNING_RULES, 'gold') <=
          pointsForPurchase(purchase(high), DEFAULT_EARNING_RULES, 'gold')
        );
      }),
    );
  });
});

describe('pointsToReverse', () => {
  const sale = { amount: 12800, pointsEarned: 128, refundedBefore: 0, pointsReversedBefore: 0 };

  it('takes back half the points for half the amount', () => {
    expect(pointsToReverse({ ...sale, refundAmount: 6400 })).toEqual({
      points: 64,
      refundedAfter: 6400,
      pointsReversedAfter: 64,
    });
  });

  it('never takes back more than the sale earned, however the partial refunds add up', () => {
    const first = pointsToReverse({ ...sale, refundAmount: 10000 });
    const second = pointsToReverse({
      ...sale,
      refundedBefore: first.refundedAfter,
      pointsReversedBefore: first.pointsReversedAfter,
      refundAmount: 10000,
    });
    expect(first.points + second.points).toBe(128);
    expect(second.refundedAfter).toBe(12800);
  });

  it('reverses in total exactly what one refund of the same sum would, for any split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 8 }),
        (amount, pointsEarned, refunds) => {
          let state = { refundedBefore: 0, pointsReversedBefore: 0 };
          let total = 0;
          for (const refundAmount of refunds) {
            const step = pointsToReverse({ amount, pointsEarned, ...state, refundAmount });
            if (step.points < 0) return false;
            total += step.points;
            state = { refundedBefore: step.refundedAfter, pointsReversedBefore: step.pointsReversedAfter };
          }
          const sum = refunds.reduce((a, b) => a + b, 0);
          const once = pointsToReverse({
            amount,
            pointsEarned,
            refundedBefore: 0,
            pointsReversedBefore: 0,
            refundAmount: sum,
          });
          return total === once.points && total <= pointsEarned;
        },
      ),
    );
  });
});
