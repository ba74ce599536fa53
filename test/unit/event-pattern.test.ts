// The local EventBridge matcher: the semantics the platform relies on, and loud refusal of the rest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertSupportedPattern,
  matchesPattern,
  UnsupportedPatternError,
} from '../../lib/local/event-pattern';

const event = {
  source: 'sbm.crm.customers',
  'detail-type': 'CustomerRegistered',
  detail: { data: { amount: 1500, tags: ['vip', 'new'], store: 'mall-01' }, metadata: { eventId: 'e1' } },
};

describe('matchesPattern', () => {
  it('matches when every field matches one of its values', () => {
    expect(
      matchesPattern({ source: ['sbm.crm.customers'], 'detail-type': ['CustomerRegistered', 'X'] }, event),
    ).toBe(true);
    expect(matchesPattern({ source: ['sbm.crm.customers'], 'detail-type': ['PointsEarned'] }, event)).toBe(
      false,
    );
  });

  it('matches nested fields and arrays element-wise', () => {
    expect(matchesPattern({ detail: { data: { tags: ['vip'] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { data: { tags: ['gold'] } } }, event)).toBe(false);
  });

  it('supports prefix, suffix, anything-but, exists and numeric', () => {
    expect(matchesPattern({ detail: { data: { store: [{ prefix: 'mall-' }] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { data: { store: [{ suffix: '-02' }] } } }, event)).toBe(false);
    expect(matchesPattern({ detail: { data: { store: [{ 'anything-but': ['mall-02'] }] } } }, event)).toBe(
      true,
    );
    expect(
      matchesPattern({ detail: { data: { store: [{ 'anything-but': { prefix: 'mall' } }] } } }, event),
    ).toBe(false);
    expect(matchesPattern({ detail: { data: { missing: [{ exists: false }] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { data: { store: [{ exists: false }] } } }, event)).toBe(false);
    expect(
      matchesPattern({ detail: { data: { amount: [{ numeric: ['>=', 1000, '<', 2000] }] } } }, event),
    ).toBe(true);
    expect(matchesPattern({ detail: { data: { amount: [{ numeric: ['>', 1500] }] } } }, event)).toBe(false);
  });

  it('always matches an event against a pattern of its own values', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer(), (source, detailType, amount) => {
        const generated = { source, 'detail-type': detailType, detail: { amount } };
        return matchesPattern(
          { source: [source], 'detail-type': [detailType], detail: { amount: [amount] } },
          generated,
        );
      }),
    );
  });
});

describe('assertSupportedPattern', () => {
  it.each([
    [{ source: [{ wildcard: 'sbm.*' }] }],
    [{ source: [{ cidr: '10.0.0.0/24' }] }],
    [{ $or: [{ source: ['a'] }, { source: ['b'] }] }],
    [{ source: [] }],
    [{ detail: { amount: [{ numeric: ['!=', 3] }] } }],
  ])('refuses %j instead of silently matching nothing', (pattern) => {
    expect(() => assertSupportedPattern(pattern)).toThrow(UnsupportedPatternError);
  });

  it('accepts the operators it can evaluate', () => {
    expect(() =>
      assertSupportedPattern({ source: ['a', { prefix: 'b' }], detail: { n: [{ numeric: ['>', 1] }] } }),
    ).not.toThrow();
  });
});
