/** The ladder's own rules, as the API checks them, said beside each field before anything is sent. */
export const LADDER_SIZE = { min: 2, max: 10 } as const;
export const TIER_CODE = /^[a-z][a-z0-9-]{0,31}$/;
export const MAX_BENEFITS = 20;
export const MAX_BENEFIT_LENGTH = 120;
export const MAX_NAME_LENGTH = 40;

export interface TierDraft {
  code?: string;
  name?: string;
  qualifyingPoints?: number | null;
  benefits?: string[];
}

export type TierIssue =
  | 'codeRequired'
  | 'codeFormat'
  | 'codeTaken'
  | 'nameRequired'
  | 'nameTooLong'
  | 'pointsRequired'
  | 'pointsWhole'
  | 'firstIsZero'
  | 'notRising'
  | 'tooManyBenefits'
  | 'benefitTooLong';

/** What is wrong with one field of one tier of the draft ladder, if anything. */
export function tierIssue(
  tiers: readonly (TierDraft | undefined)[],
  index: number,
  field: 'code' | 'name' | 'qualifyingPoints' | 'benefits',
): TierIssue | undefined {
  const tier = tiers[index] ?? {};
  switch (field) {
    case 'code': {
      const code = tier.code?.trim() ?? '';
      if (!code) return 'codeRequired';
      if (!TIER_CODE.test(code)) return 'codeFormat';
      return tiers.slice(0, index).some((other) => other?.code?.trim() === code) ? 'codeTaken' : undefined;
    }
    case 'name': {
      const name = tier.name?.trim() ?? '';
      if (!name) return 'nameRequired';
      return name.length > MAX_NAME_LENGTH ? 'nameTooLong' : undefined;
    }
    case 'qualifyingPoints': {
      const points = tier.qualifyingPoints;
      if (points === undefined || points === null) return 'pointsRequired';
      if (!Number.isInteger(points) || points < 0) return 'pointsWhole';
      if (index === 0) return points === 0 ? undefined : 'firstIsZero';
      const before = tiers[index - 1]?.qualifyingPoints;
      return typeof before === 'number' && points <= before ? 'notRising' : undefined;
    }
    case 'benefits': {
      const benefits = tier.benefits ?? [];
      if (benefits.length > MAX_BENEFITS) return 'tooManyBenefits';
      return benefits.some((benefit) => benefit.trim().length > MAX_BENEFIT_LENGTH)
        ? 'benefitTooLong'
        : undefined;
    }
  }
}

/** The path of a field the API refused (`body.tiers.1.qualifyingPoints`) in the form, if it is one of its fields. */
export function formPathOf(
  field: string,
): ['tiers', number, 'code' | 'name' | 'qualifyingPoints' | 'benefits'] | undefined {
  const match = /^body\.tiers\.(\d+)\.(code|name|qualifyingPoints|benefits)(?:\.\d+)?$/.exec(field);
  return match
    ? ['tiers', Number(match[1]), match[2] as 'code' | 'name' | 'qualifyingPoints' | 'benefits']
    : undefined;
}
