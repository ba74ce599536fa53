import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** The version of the marketing consent text members agree to; bump it when the text changes. */
export const MARKETING_CONSENT_VERSION = '2026-11';

export const genderSchema = lazySchema(() => z.enum(['female', 'male', 'undisclosed']));
const birthdaySchema = lazySchema(() =>
  z.iso.date().check(z.refine((date) => date >= '1900-01-01', 'must not be before 1900-01-01')),
);

export const customerSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.optional(z.string()),
    gender: z.optional(genderSchema),
    birthday: z.optional(z.string()),
    phone: z.optional(z.string()),
    marketingConsent: z.optional(
      z.object({ granted: z.boolean(), version: z.string(), recordedAt: z.iso.datetime() }),
    ),
    memberSince: z.iso.datetime(),
  }),
);
export type Customer = z.infer<typeof customerSchema>;

export const profilePatchSchema = lazySchema(() =>
  z
    .partial(
      z.strictObject({
        name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
        gender: genderSchema,
        birthday: birthdaySchema,
        marketingConsent: z.boolean(),
      }),
    )
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'must name at least one field to change')),
);
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/** Pure rule: a birthday cannot lie in the future of the programme's calendar. */
export function birthdayIsPlausible(birthday: string, today: string): boolean {
  return birthday <= today;
}

/** Consent is recorded with the text version and time it was given or withdrawn (PIPL art. 14, 15). */
export function consentRecord(granted: boolean, now: Date) {
  return { granted, version: MARKETING_CONSENT_VERSION, recordedAt: now.toISOString() };
}

/** How staff without `customers:pii` see personal data: enough to recognise, not enough to use. */
export function maskCustomerForStaff(customer: Customer): Customer {
  const maskName = (name: string) => [...name][0] + '*'.repeat(Math.max(1, [...name].length - 1));
  return {
    ...customer,
    name: customer.name ? maskName(customer.name) : undefined,
    phone: customer.phone ? `${customer.phone.slice(0, 3)}****${customer.phone.slice(-4)}` : undefined,
    birthday: customer.birthday ? `****-${customer.birthday.slice(5, 7)}-**` : undefined,
  };
}
