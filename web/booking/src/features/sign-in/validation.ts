/** The country codes offered, mainland China first. */
export const COUNTRY_CODES = ['86', '852', '853', '886', '65', '1', '44'] as const;

/** A phone number as typed, digits only (spaces and hyphens dropped, as the API does too). */
export const phoneDigits = (typed: string) => typed.replace(/[\s-]/g, '');

/** Mainland mobiles are 11 digits from 13x to 19x; elsewhere 4 to 15 digits (E.164 allows 15 in all). */
export function isValidPhone(typed: string, countryCode: string): boolean {
  const digits = phoneDigits(typed);
  if (countryCode === '86') return /^1[3-9]\d{9}$/.test(digits);
  return /^\d{4,15}$/.test(digits) && digits.length + countryCode.length <= 15;
}

/** The code texted: exactly 6 digits. */
export const isValidCode = (typed: string) => /^\d{6}$/.test(typed.trim());
