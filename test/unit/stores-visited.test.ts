// Where a purchase's store is recorded: on the account while it fits, beyond it after, never twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STORES_BYTES, storeVisitOf } from '../../lib/loyalty/stores-visited';

describe('storeVisitOf', () => {
  it('records a new store on the account while its store ids fit, beyond it after', () => {
    expect(storeVisitOf('s-1', new Set())).toBe('first-on-account');
    expect(storeVisitOf('s-1', new Set(['s-1']))).toBe('known');
    const full = new Set(['x'.repeat(ACCOUNT_STORES_BYTES - 2)]);
    expect(storeVisitOf('ab', full)).toBe('first-on-account');
    expect(storeVisitOf('abc', full)).toBe('first-beyond-account');
    expect(storeVisitOf('abc', full, new Set(['abc']))).toBe('known');
  });

  it('never lets the account hold more than its bytes of store ids, and records every store once', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,39}$/), { maxLength: 80 }), (visits) => {
        const onAccount = new Set<string>();
        const beyond = new Set<string>();
        for (const store of visits) {
          const visit = storeVisitOf(store, onAccount, beyond);
          expect(visit === 'known').toBe(onAccount.has(store) || beyond.has(store));
          if (visit === 'first-on-account') onAccount.add(store);
          if (visit === 'first-beyond-account') beyond.add(store);
        }
        expect([...onAccount].join('').length).toBeLessThanOrEqual(ACCOUNT_STORES_BYTES);
        expect(new Set([...onAccount, ...beyond])).toEqual(new Set(visits));
      }),
    );
  });
});
