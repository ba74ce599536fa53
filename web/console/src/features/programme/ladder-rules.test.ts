// The tier ladder's rules as the editor says them beside each field: the same the API enforces.
import { describe, expect, it } from 'vitest';
import { formPathOf, tierIssue, type TierDraft } from './ladder-rules';

const ladder: TierDraft[] = [
  { code: 'bronze', name: '铜卡', qualifyingPoints: 0, benefits: [] },
  { code: 'silver', name: '银卡', qualifyingPoints: 1000, benefits: ['生日双倍积分'] },
];

describe('the tier ladder editor', () => {
  it('accepts a ladder the API accepts', () => {
    for (const [index] of ladder.entries())
      for (const field of ['code', 'name', 'qualifyingPoints', 'benefits'] as const)
        expect(tierIssue(ladder, index, field)).toBeUndefined();
  });

  it('wants the first threshold at 0 and each next one above the one before', () => {
    expect(tierIssue([{ ...ladder[0], qualifyingPoints: 10 }, ladder[1]], 0, 'qualifyingPoints')).toBe(
      'firstIsZero',
    );
    expect(tierIssue([ladder[0], { ...ladder[1], qualifyingPoints: 0 }], 1, 'qualifyingPoints')).toBe(
      'notRising',
    );
    expect(tierIssue([ladder[0], { ...ladder[1], qualifyingPoints: 1.5 }], 1, 'qualifyingPoints')).toBe(
      'pointsWhole',
    );
    expect(tierIssue([ladder[0], { ...ladder[1], qualifyingPoints: null }], 1, 'qualifyingPoints')).toBe(
      'pointsRequired',
    );
  });

  it('wants codes of lower-case letters, digits and dashes, each once, and a name', () => {
    expect(tierIssue([ladder[0], { ...ladder[1], code: 'Gold' }], 1, 'code')).toBe('codeFormat');
    expect(tierIssue([ladder[0], { ...ladder[1], code: 'bronze' }], 1, 'code')).toBe('codeTaken');
    expect(tierIssue([ladder[0], { ...ladder[1], code: ' ' }], 1, 'code')).toBe('codeRequired');
    expect(tierIssue([ladder[0], { ...ladder[1], name: '  ' }], 1, 'name')).toBe('nameRequired');
    expect(tierIssue([ladder[0], { ...ladder[1], name: 'x'.repeat(41) }], 1, 'name')).toBe('nameTooLong');
    expect(tierIssue([ladder[0], { ...ladder[1], benefits: ['x'.repeat(121)] }], 1, 'benefits')).toBe(
      'benefitTooLong',
    );
  });

  it('finds a field the API refused in the form', () => {
    expect(formPathOf('body.tiers.2.qualifyingPoints')).toEqual(['tiers', 2, 'qualifyingPoints']);
    expect(formPathOf('body.tiers.1.benefits.3')).toEqual(['tiers', 1, 'benefits']);
    expect(formPathOf('body.tiers')).toBeUndefined();
  });
});
