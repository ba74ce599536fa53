// Where a purchase's store is recorded: on the account while it fits, beyond it after, never twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STORES_BYTES, storeMark, storeVisitOf } from '../../lib/loyalty/stores-visited';

const noStores = () => ({ marks: new Set<string>(), ids: new Set<string>() });

describe('storeVisitOf', () => {
  it('marks a new store on the account while the marks fit, and records it beyond the account after', () => {
    const account = noStores();
    expect(storeVisitOf('s-1', account)).toBe('first-on-account');
    expect(storeVisitOf('s-1', { ...account, marks: new Set([storeMark('s-1')]) })).toBe('known');
    const full = {
      marks: new Set(Array.from({ length: 16 }, (_, i) => storeMark(`s-${i}`))),
      ids: new Set<string>(),
    };
    expect(storeVisitOf('s-3', full)).toBe('known');
    expect(storeVisitOf('s-99', full)).toBe('first-beyond-account');
    expect(storeVisitOf('s-99', full, new Set(['s-99']))).toBe('known');
  });

  it('counts whole store ids an earlier version left on the account, and knows them', () => {
    const legacy = { marks: new Set<string>(), ids: new Set(['x'.repeat(ACCOUNT_STORES_BYTES - 6)]) };
    expect(storeVisitOf('x'.repeat(ACCOUNT_STORES_BYTES - 6), legacy)).toBe('known');
    expect(storeVisitOf('a-store', legacy)).toBe('first-on-account');
    expect(storeVisitOf('a-store', { ...legacy, marks: new Set(['abcdef']) })).toBe('first-beyond-account');
  });

  it('never lets the account hold more than its bytes, and records every store once', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,39}$/), { maxLength: 80 }), (visits) => {
        const marks = new Set<string>();
        const beyond = new Set<string>();
        for (const store of visits) {
          const visit = storeVisitOf(store, { marks, ids: new Set() }, beyond);
          expect(visit === 'known').toBe(marks.has(storeMark(store)) || beyond.has(store));
          if (visit === 'first-on-account') marks.add(storeMark(store));
          if (visit === 'first-beyond-account') beyond.add(store);
        }
        expect([...marks].join('').length).toBeLessThanOrEqual(ACCOUNT_STORES_BYTES);
        const recorded = new Set(visits.filter((store) => marks.has(storeMark(store)) || beyond.has(store)));
        expect(recorded).toEqual(new Set(visits));
      }),
    );
  });
});
