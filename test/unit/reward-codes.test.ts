// The pure rules of pickup codes and voucher rows: what a desk can read, what a file row may hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { voucherCodeProblem } from '../../lib/rewards/catalogue';
import { newPickupCode, normalisePickupCode } from '../../lib/rewards/redemption';
import { PICKUP_CODE_LENGTH } from '../../lib/rewards/schemas';

describe('pickup codes', () => {
  it('are 12 characters a desk cannot misread, and do not repeat in 20,000 draws', () => {
    const codes = Array.from({ length: 20_000 }, newPickupCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(PICKUP_CODE_LENGTH).toBe(12);
  });

  it('read back the same however they are typed: case, spaces and hyphens', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Array.from({ length: 50 }, newPickupCode)),
        fc.boolean(),
        (code, hyphens) => {
          const typed = code
            .toLowerCase()
            .match(/.{1,4}/g)!
            .join(hyphens ? '-' : ' ');
          expect(normalisePickupCode(` ${typed} `)).toBe(code);
        },
      ),
    );
  });
});

describe('voucher code rows', () => {
  it('name what is wrong with a row on its own', () => {
    expect(voucherCodeProblem('')).toBe('blank');
    expect(voucherCodeProblem('AB1')).toBe('too_short');
    expect(voucherCodeProblem('A'.repeat(65))).toBe('too_long');
    expect(voucherCodeProblem('MNR 30')).toBe('invalid_characters');
    expect(voucherCodeProblem('码码码码')).toBe('invalid_characters');
    expect(voucherCodeProblem('MNR30-7KQ2_X9')).toBeUndefined();
    expect(voucherCodeProblem('A'.repeat(64))).toBeUndefined();
  });
});
