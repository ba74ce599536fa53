import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignDefinitionSchema, type CampaignDefinition } from '../../lib/campaigns/model';
import {
  bonusPointsFor,
  conditionsPass,
  evaluateConditions,
  periodKey,
  stackingOrder,
  standingChecks,
  type CampaignStanding,
  type TriggerFacts,
} from '../../lib/campaigns/rules';

const campaign = (overrides: Record<string, unknown> = {}): CampaignDefinition =>
  campaignDefinitionSchema.parse({
    name: 'Test',
    trigger: { kind: 'purchase' },
    effects: { bonusPoints: { kind: 'fixed', points: 100 } },
    startsAt: '2026-11-01T00:00:00Z',
    endsAt: '2026-12-01T00:00:00Z',
    ...overrides,
  });

const purchaseAt = (
  at: string,
  purchase: Partial<NonNullable<TriggerFacts['purchase']>> = {},
): TriggerFacts => ({
  at,
  tier: 'bronze',
  purchase: {
    storeId: 'store-x',
    amount: 30_000,
    categories: ['fashion'],
    skus: ['SKU-1'],
    purchaseNumber: 1,
    basePoints: 300,
    ...purchase,
  },
});

describe('campaign conditions', () => {
  it('counts a weekend in Shanghai: Sunday 23:59 is in, Monday 00:00 is out, Saturday 00:00 is in', () => {
    const weekend = campaign({ conditions: { daysOfWeek: [6, 7] } });
    // 2026-11-29 is a Sunday; 23:59 in Shanghai is 15:59 UTC.
    expect(conditionsPass(evaluateConditions(weekend, purchaseAt('2026-11-29T15:59:00.000Z')))).toBe(true);
    expect(conditionsPass(evaluateConditions(weekend, purchaseAt('2026-11-29T16:00:00.000Z')))).toBe(false);
    // Saturday 00:00 in Shanghai is Friday 16:00 UTC.
    expect(conditionsPass(evaluateConditions(weekend, purchaseAt('2026-11-27T16:00:00.000Z')))).toBe(true);
    expect(conditionsPass(evaluateConditions(weekend, purchaseAt('2026-11-27T15:59:59.000Z')))).toBe(false);
  });

  it('explains every condition it checked, passed or failed', () => {
    const checks = evaluateConditions(
      campaign({ conditions: { stores: ['store-y'], minSpend: 20_000, purchaseNumber: 1 } }),
      purchaseAt('2026-11-15T04:00:00.000Z'),
    );
    expect(checks.map((c) => [c.condition, c.passed])).toEqual([
      ['window', true],
      ['stores', false],
      ['minSpend', true],
      ['purchaseNumber', true],
    ]);
    expect(checks.find((c) => c.condition === 'stores')!.detail).toContain('store-x');
  });

  it('applies exactly when every given condition holds (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          minSpend: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
          stores: fc.option(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), { nil: undefined }),
          purchaseNumber: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        }),
        fc.record({
          amount: fc.integer({ min: 0, max: 100_000 }),
          storeId: fc.constantFrom('a', 'b', 'c'),
          purchaseNumber: fc.integer({ min: 1, max: 5 }),
        }),
        (conditions, sale) => {
          const definition = campaign({ conditions });
          const facts = purchaseAt('2026-11-15T04:00:00.000Z', sale);
          const expected =
            (conditions.minSpend === undefined || sale.amount >= conditions.minSpend) &&
            (conditions.stores === undefined || conditions.stores.includes(sale.storeId)) &&
            (conditions.purchaseNumber === undefined || sale.purchaseNumber === conditions.purchaseNumber);
          expect(conditionsPass(evaluateConditions(definition, facts))).toBe(expected);
        },
      ),
    );
  });

  it('never applies outside its window (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        (at) => {
          const inWindow = at >= new Date('2026-11-01T00:00:00Z') && at < new Date('2026-12-01T00:00:00Z');
          expect(conditionsPass(evaluateConditions(campaign(), purchaseAt(at.toISOString())))).toBe(inWindow);
        },
      ),
    );
  });

  it('gives a fixed bonus, or the base points times the factor less one', () => {
    expect(bonusPointsFor(campaign(), purchaseAt('2026-11-15T04:00:00Z'))).toBe(100);
    const double = campaign({ effects: { bonusPoints: { kind: 'multiplier', factor: 2 } } });
    expect(bonusPointsFor(double, purchaseAt('2026-11-15T04:00:00Z', { basePoints: 128 }))).toBe(128);
    const oneAndHalf = campaign({ effects: { bonusPoints: { kind: 'multiplier', factor: 1.5 } } });
    expect(bonusPointsFor(oneAndHalf, purchaseAt('2026-11-15T04:00:00Z', { basePoints: 5 }))).toBe(2);
  });

  it('refuses purchase conditions or a multiplier on a campaign that is not about purchases', () => {
    const birthday = { trigger: { kind: 'birthday' } };
    expect(() => campaign({ ...birthday, conditions: { minSpend: 100 } })).toThrow();
    expect(() =>
      campaign({ ...birthday, effects: { bonusPoints: { kind: 'multiplier', factor: 2 } } }),
    ).toThrow();
    expect(campaign(birthday).trigger.kind).toBe('birthday');
  });
});

describe('stacking and periods', () => {
  it('orders by priority, highest first, ties by id', () => {
    const c = (campaignId: string, priority: number) => ({ campaignId, definition: { priority } });
    expect(stackingOrder([c('b', 1), c('a', 5), c('c', 5)]).map((x) => x.campaignId)).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('counts per local day, ISO week and month in Shanghai', () => {
    // Sunday 2026-11-29 23:30 Shanghai is still in the week of Monday 2026-11-23.
    expect(periodKey('week', '2026-11-29T15:30:00.000Z')).toBe('week-2026-11-23');
    expect(periodKey('week', '2026-11-29T16:30:00.000Z')).toBe('week-2026-11-30');
    expect(periodKey('day', '2026-11-30T16:30:00.000Z')).toBe('day-2026-12-01');
    expect(periodKey('month', '2026-11-30T16:30:00.000Z')).toBe('month-2026-12');
    expect(periodKey('campaign', '2026-11-30T16:30:00.000Z')).toBe('campaign');
  });
});

describe('blast occurrences', () => {
  const blastCampaign = (trigger: Record<string, unknown>) => ({
    campaignId: 'c1',
    status: 'active' as const,
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    definition: campaign({
      trigger,
      effects: { message: { title: 'Hi', body: 'There' } },
      startsAt: '2026-11-24T00:00:00.000Z',
      endsAt: '2027-01-01T00:00:00.000Z',
    }),
  });

  it('finds the latest occurrence of a recurring campaign, its cron read in Shanghai time', async () => {
    const { dueOccurrence } = await import('../../lib/campaigns/occurrences');
    // Mondays at 10:00 in Shanghai (EventBridge numbers Monday 2) = 02:00 UTC.
    const weekly = blastCampaign({ kind: 'recurring', schedule: 'cron(0 10 ? * 2 *)' });
    expect(dueOccurrence(weekly, new Date('2026-11-30T02:05:00.000Z'))).toEqual({
      occurrence: '2026-11-30T02:00:00.000Z',
    });
    expect(dueOccurrence(weekly, new Date('2026-12-02T00:00:00.000Z'))).toEqual({
      occurrence: '2026-11-30T02:00:00.000Z',
    });
    // The Monday before the campaign started does not count.
    expect(dueOccurrence(weekly, new Date('2026-11-29T00:00:00.000Z'))).toBeUndefined();
    const once = blastCampaign({ kind: 'blast', at: '2026-11-25T12:00:00.000Z' });
    expect(dueOccurrence(once, new Date('2026-11-25T11:59:00.000Z'))).toBeUndefined();
    expect(dueOccurrence(once, new Date('2026-11-25T12:00:00.000Z'))).toEqual({});
  });

  it('refuses a recurring campaign without a valid six-field cron', () => {
    expect(() => campaign({ trigger: { kind: 'recurring', schedule: 'every monday' } })).toThrow();
    expect(() => campaign({ trigger: { kind: 'recurring', schedule: 'rate(1 day)' } })).toThrow();
  });
});

describe('segments', () => {
  it('filters members by tier, balance, birthday month, recency, spend over months and stores visited', async () => {
    const { inSegment, segmentSchema } = await import('../../lib/campaigns/segments');
    const now = new Date('2026-11-25T04:00:00.000Z');
    const member = {
      tier: 'silver' as const,
      balance: 1200,
      birthday: '1990-11-03',
      lastPurchaseAt: '2026-11-20T04:00:00.000Z',
      spendByMonth: { '2026-11': 30_000, '2026-10': 20_000, '2026-08': 99_000 },
      storesVisited: ['a', 'b'],
      marketingConsent: true,
    };
    const passes = (segment: Record<string, unknown>) => inSegment(segmentSchema.parse(segment), member, now);
    expect(passes({})).toBe(true);
    expect(passes({ tiers: ['gold'] })).toBe(false);
    expect(passes({ minBalance: 1000, maxBalance: 2000 })).toBe(true);
    expect(passes({ birthdayMonth: 11 })).toBe(true);
    expect(passes({ birthdayMonth: 12 })).toBe(false);
    expect(passes({ purchasedWithinDays: 7 })).toBe(true);
    expect(passes({ notPurchasedForDays: 30 })).toBe(false);
    expect(passes({ minSpend: { amount: 50_000, months: 2 } })).toBe(true);
    expect(passes({ minSpend: { amount: 50_001, months: 3 } })).toBe(false);
    expect(passes({ minSpend: { amount: 149_000, months: 4 } })).toBe(true);
    expect(passes({ visitedStores: ['b', 'z'] })).toBe(true);
    expect(passes({ visitedStores: ['z'] })).toBe(false);
  });
});

describe('what an award needs besides the conditions', () => {
  const at = '2026-11-15T04:00:00.000Z';
  const standing = (overrides: Partial<CampaignStanding> = {}): CampaignStanding => ({
    status: 'active',
    pointsAwarded: 0,
    participants: 0,
    ...overrides,
  });
  const failed = (definition: CampaignDefinition, state: CampaignStanding, bonusPoints = 100) =>
    standingChecks(definition, state, bonusPoints, at)
      .filter((check) => !check.passed)
      .map((check) => check.condition);

  it('awards only while the campaign is active or scheduled', () => {
    for (const status of ['active', 'scheduled'] as const)
      expect(failed(campaign(), standing({ status }))).toEqual([]);
    for (const status of ['draft', 'paused', 'ended'] as const)
      expect(failed(campaign(), standing({ status }))).toEqual(['status']);
  });

  it('keeps within the points budget: what was awarded and this bonus together (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        (pointsBudget, pointsAwarded, bonusPoints) => {
          const checks = failed(
            campaign({ limits: { pointsBudget } }),
            standing({ pointsAwarded }),
            bonusPoints,
          );
          expect(checks.includes('pointsBudget')).toBe(pointsAwarded + bonusPoints > pointsBudget);
        },
      ),
    );
  });

  it('keeps a place for a member who takes part already, none for a newcomer once all are taken', () => {
    const capped = campaign({ limits: { maxParticipants: 10 } });
    expect(failed(capped, standing({ participants: 9 }))).toEqual([]);
    expect(failed(capped, standing({ participants: 10 }))).toEqual(['maxParticipants']);
    const member = { hasAccount: true, participant: { counts: {} } };
    expect(failed(capped, standing({ participants: 10, member }))).toEqual([]);
  });

  it('awards an opt-in campaign only to a member who joined', () => {
    const optIn = campaign({ optIn: true });
    expect(failed(optIn, standing())).toEqual(['optIn']);
    expect(failed(optIn, standing({ member: { hasAccount: true } }))).toEqual(['optIn']);
    expect(failed(optIn, standing({ member: { hasAccount: true, participant: { counts: {} } } }))).toEqual(
      [],
    );
  });

  it("counts the member's awards in the period of the sale, and needs a points account for a bonus", () => {
    const twiceADay = campaign({ limits: { perCustomer: { count: 2, per: 'day' } } });
    const member = (count: number) => ({
      hasAccount: true,
      participant: { counts: { [periodKey('day', at)]: count, 'day-2026-11-14': 5 } },
    });
    expect(failed(twiceADay, standing({ member: member(1) }))).toEqual([]);
    expect(failed(twiceADay, standing({ member: member(2) }))).toEqual(['perCustomer']);
    expect(failed(campaign(), standing({ member: { hasAccount: false } }))).toEqual(['pointsAccount']);
    expect(failed(campaign(), standing({ member: { hasAccount: false } }), 0)).toEqual([]);
  });
});
