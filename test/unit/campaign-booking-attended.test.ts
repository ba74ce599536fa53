// The booking-attended trigger's terms and conditions as pure rules: what staff may write, and when it applies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignDefinitionSchema, type CampaignDefinition } from '../../lib/campaigns/model';
import { bookingTrigger } from '../../lib/campaigns/triggers';
import { conditionsPass, evaluateConditions, type TriggerFacts } from '../../lib/campaigns/rules';
import { dryRunRequestSchema } from '../../lib/campaigns/views';

const attended = (conditions: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) =>
  campaignDefinitionSchema.safeParse({
    name: '50 points for attending a workshop',
    trigger: { kind: 'bookingAttended' },
    effects: { bonusPoints: { kind: 'fixed', points: 50 } },
    startsAt: '2026-11-01T00:00:00Z',
    endsAt: '2026-12-01T00:00:00Z',
    conditions,
    ...overrides,
  });

const campaign = (conditions: Record<string, unknown> = {}): CampaignDefinition => {
  const parsed = attended(conditions);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

const attendance = (booking: Partial<NonNullable<TriggerFacts['booking']>> = {}): TriggerFacts => ({
  at: '2026-11-15T05:55:00.000Z',
  tier: 'bronze',
  booking: { venueId: 'demo-workshop', venueKind: 'event', partySize: 2, ...booking },
});

const issuePaths = (result: ReturnType<typeof attended>) =>
  result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));

describe('booking-attended campaign terms', () => {
  it('takes venues, venue kinds and a party size range besides the conditions every trigger has', () => {
    const parsed = attended({
      venues: ['demo-workshop'],
      venueKinds: ['event', 'salon'],
      minPartySize: 2,
      maxPartySize: 4,
      tiers: ['gold'],
      daysOfWeek: [6, 7],
    });
    expect(parsed.success).toBe(true);
  });

  it('refuses a venue kind there is no such venue of, and a range whose top is below its bottom', () => {
    expect(issuePaths(attended({ venueKinds: ['cinema'] }))).toEqual(['conditions.venueKinds.0']);
    expect(issuePaths(attended({ minPartySize: 4, maxPartySize: 3 }))).toEqual(['conditions.maxPartySize']);
    expect(attended({ minPartySize: 3, maxPartySize: 3 }).success).toBe(true);
    expect(issuePaths(attended({ minPartySize: 0 }))).toEqual(['conditions.minPartySize']);
  });

  it('keeps booking conditions to booking campaigns and purchase conditions to purchase campaigns', () => {
    const purchase = attended({ venueKinds: ['event'] }, { trigger: { kind: 'purchase' } });
    expect(issuePaths(purchase)).toEqual(['conditions.venueKinds']);
    expect(issuePaths(attended({ stores: ['plaza-b1-017'], minPartySize: 2 }))).toEqual([
      'conditions.stores',
    ]);
    const multiplied = attended({}, { effects: { bonusPoints: { kind: 'multiplier', factor: 2 } } });
    expect(issuePaths(multiplied)).toEqual(['effects.bonusPoints.kind']);
  });

  it('pays once per booking: the award is keyed by the booking, whatever event told of it', () => {
    expect(bookingTrigger('01JE0000000000000000000001')).toBe('booking:01JE0000000000000000000001');
  });
});

describe('booking-attended conditions', () => {
  it('explains each booking condition it checked, passed or failed', () => {
    const checks = evaluateConditions(
      campaign({ venues: ['demo-workshop'], venueKinds: ['restaurant'], minPartySize: 2, maxPartySize: 4 }),
      attendance(),
    );
    expect(checks.map((c) => [c.condition, c.passed])).toEqual([
      ['window', true],
      ['venues', true],
      ['venueKinds', false],
      ['minPartySize', true],
      ['maxPartySize', true],
    ]);
    expect(checks.find((c) => c.condition === 'venueKinds')!.detail).toContain('event');
  });

  it('fails booking conditions for a trigger that is no booking', () => {
    const checks = evaluateConditions(campaign({ venueKinds: ['event'] }), {
      at: '2026-11-15T05:55:00.000Z',
    });
    expect(checks.find((c) => c.condition === 'venueKinds')).toEqual({
      condition: 'venueKinds',
      passed: false,
      detail: 'not an attended booking',
    });
  });

  it('judges the hours and days of the attendance in Shanghai', () => {
    // 05:55 UTC is 13:55 in Shanghai, on Sunday 15 November 2026.
    expect(conditionsPass(evaluateConditions(campaign({ hours: { from: 13, to: 14 } }), attendance()))).toBe(
      true,
    );
    expect(conditionsPass(evaluateConditions(campaign({ daysOfWeek: [1, 2, 3] }), attendance()))).toBe(false);
  });

  it('applies exactly when every given condition holds (property)', () => {
    const kinds = ['restaurant', 'salon', 'event', 'parking', 'service'] as const;
    fc.assert(
      fc.property(
        fc.record({
          venues: fc.option(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), { nil: undefined }),
          venueKinds: fc.option(fc.subarray([...kinds], { minLength: 1 }), { nil: undefined }),
          minPartySize: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
          extra: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        }),
        fc.record({
          venueId: fc.constantFrom('a', 'b', 'c'),
          venueKind: fc.constantFrom(...kinds),
          partySize: fc.integer({ min: 1, max: 12 }),
        }),
        ({ extra, ...conditions }, booking) => {
          // The top of the range is given as the bottom (or 1) plus some, so the terms are always valid.
          const maxPartySize = extra === undefined ? undefined : (conditions.minPartySize ?? 1) + extra;
          const definition = campaign({ ...conditions, maxPartySize });
          const expected =
            (!conditions.venues || conditions.venues.includes(booking.venueId)) &&
            (!conditions.venueKinds || conditions.venueKinds.includes(booking.venueKind)) &&
            (conditions.minPartySize === undefined || booking.partySize >= conditions.minPartySize) &&
            (maxPartySize === undefined || booking.partySize <= maxPartySize);
          expect(conditionsPass(evaluateConditions(definition, attendance(booking)))).toBe(expected);
        },
      ),
    );
  });
});

describe('a dry run sample', () => {
  const booking = {
    venueId: 'demo-workshop',
    venueKind: 'event',
    partySize: 2,
    attendedAt: '2026-11-15T05:55:00Z',
  };
  const purchase = { storeId: 'store-x', amount: 100, occurredAt: '2026-11-15T05:55:00Z' };

  it('is a purchase or an attended booking, exactly one of them', () => {
    expect(dryRunRequestSchema.safeParse({ booking }).success).toBe(true);
    expect(dryRunRequestSchema.safeParse({ purchase }).success).toBe(true);
    for (const sample of [{}, { purchase, booking }]) {
      const parsed = dryRunRequestSchema.safeParse(sample);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['purchase']);
    }
  });

  it('refuses a booking of a kind of venue there is none of, or of no one', () => {
    expect(dryRunRequestSchema.safeParse({ booking: { ...booking, venueKind: 'cinema' } }).success).toBe(
      false,
    );
    expect(dryRunRequestSchema.safeParse({ booking: { ...booking, partySize: 0 } }).success).toBe(false);
  });
});
