// What a member must meet to join an opt-in campaign: the pure rules, by the conditions the awards use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignDefinitionSchema, type CampaignStatus } from '../../lib/campaigns/model';
import { joiningChecks } from '../../lib/campaigns/rules';
import { segmentChecks, segmentSchema, type MemberFacts } from '../../lib/campaigns/segments';

const now = new Date('2026-11-25T19:00:00.000Z'); // 03:00 on a Thursday in Shanghai
const bronze: MemberFacts = { tier: 'bronze', balance: 0, marketingConsent: false };
const definition = (overrides: Record<string, unknown>) =>
  campaignDefinitionSchema.parse({
    name: 'Opt-in',
    trigger: { kind: 'purchase' },
    effects: { bonusPoints: { kind: 'fixed', points: 10 } },
    optIn: true,
    startsAt: '2026-11-01T00:00:00Z',
    endsAt: '2026-12-01T00:00:00Z',
    ...overrides,
  });
const failed = (overrides: Record<string, unknown>, member = bronze, status: CampaignStatus = 'active') =>
  joiningChecks({ status, definition: definition(overrides) }, member, now)
    .filter((check) => !check.passed)
    .map((check) => check.condition);

describe('joining an opt-in campaign', () => {
  it('needs the tier the campaign names', () => {
    expect(failed({ conditions: { tiers: ['platinum'] } })).toEqual(['tiers']);
    expect(failed({ conditions: { tiers: ['platinum'] } }, { ...bronze, tier: 'platinum' })).toEqual([]);
    expect(failed({ conditions: { tiers: ['gold'] } }, { ...bronze, tier: undefined })).toEqual(['tiers']);
  });

  it('needs the campaign running and within its window', () => {
    expect(failed({}, bronze, 'paused')).toEqual(['status']);
    expect(failed({ startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z' })).toEqual(['window']);
  });

  it('leaves the conditions on a sale or a moment to each award', () => {
    expect(
      failed({
        conditions: { stores: ['s'], minSpend: 10_000, daysOfWeek: [6, 7], hours: { from: 10, to: 22 } },
      }),
    ).toEqual([]);
  });

  it("needs every rule of a blast's segment, each named", () => {
    const blast = (segment: Record<string, unknown>) => ({
      trigger: { kind: 'blast', at: '2026-11-28T02:00:00Z', segment },
      effects: { message: { title: 't', body: 'b' } },
    });
    expect(failed(blast({ minBalance: 100, tiers: ['gold'] }))).toEqual([
      'segment.tiers',
      'segment.minBalance',
    ]);
    expect(failed(blast({ minBalance: 100 }), { ...bronze, balance: 100 })).toEqual([]);
  });

  it("judges every rule a segment gives, and only those, each under the rule's name (property)", () => {
    const segments = fc.record(
      {
        tiers: fc.subarray(['bronze', 'silver', 'gold', 'platinum'], { minLength: 1 }),
        minBalance: fc.nat(5000),
        maxBalance: fc.nat(5000),
        birthdayMonth: fc.integer({ min: 1, max: 12 }),
        purchasedWithinDays: fc.integer({ min: 1, max: 400 }),
        notPurchasedForDays: fc.integer({ min: 1, max: 400 }),
        visitedStores: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
      },
      { requiredKeys: [] },
    );
    const members = fc.record({
      tier: fc.constantFrom('bronze' as const, 'silver' as const, 'gold' as const, 'platinum' as const),
      balance: fc.nat(5000),
      birthday: fc.constantFrom('1990-01-15', '1985-11-03', undefined),
      lastPurchaseAt: fc.constantFrom('2026-11-20T00:00:00.000Z', '2025-01-01T00:00:00.000Z', undefined),
      storesVisited: fc.subarray(['a', 'b', 'c']),
      marketingConsent: fc.boolean(),
    });
    fc.assert(
      fc.property(segments, members, (raw, member) => {
        const segment = segmentSchema.parse(raw);
        const judged = segmentChecks(segment, member, now).map((check) => check.condition);
        expect(judged.sort()).toEqual(
          Object.keys(raw)
            .map((rule) => `segment.${rule}`)
            .sort(),
        );
      }),
    );
  });
});
