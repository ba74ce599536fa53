import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

/** The version of the marketing consent text members agree to; bump it when the text changes. */
export const MARKETING_CONSENT_VERSION = '2026-11';

export const genderSchema = lazySchema(() => z.enum(['female', 'male', 'undisclosed']));
const birthdaySchema = lazySchema(() =>
  z.iso.date().check(
    z.refine((date) => date >= '1900-01-01', 'must not be before 1900-01-01'),
    z.describe('YYYY-MM-DD, from 1900-01-01 to today in the programme time zone; birthday campaigns use it'),
  ),
);

export const customerSchema = lazySchema(() =>
  z.object({
    id: z.string().check(z.describe("The member's id, the customerId of other routes")),
    name: z.optional(
      z
        .string()
        .check(z.describe('Masked for staff without customers:pii: its first character, then * (王*)')),
    ),
    gender: z.optional(genderSchema),
    birthday: z.optional(
      z.string().check(z.describe('YYYY-MM-DD; masked for staff without customers:pii (****-05-**)')),
    ),
    phone: z.optional(
      z
        .string()
        .check(
          z.describe(
            'The number bound through WeChat, without its country code; masked for staff without customers:pii (138****5678)',
          ),
        ),
    ),
    marketingConsent: z.optional(
      z
        .object({
          granted: z.boolean().check(z.describe('Whether the member accepts marketing messages')),
          version: z.string().check(z.describe('The version of the consent text the member answered')),
          recordedAt: z.iso.datetime().check(z.describe('When the member gave or withdrew consent')),
        })
        .check(z.describe("The member's last answer on marketing messages; absent until they give one")),
    ),
    memberSince: z.iso.datetime().check(z.describe('When the member registered')),
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
        marketingConsent: z
          .boolean()
          .check(
            z.describe(
              `true accepts marketing messages, false withdraws; recorded with the consent text version (${MARKETING_CONSENT_VERSION}) and the time`,
            ),
          ),
      }),
    )
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'must name at least one field to change')),
);
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/**
 * A member as the audit trail names them (`customer:<id>`): what identifies them, in their profile or
 * their WeChat account, is personal data, masked in every entry about them.
 */
export const customerAuditSubject = defineAuditSubject('customer', {
  personal: ['name', 'gender', 'birthday', 'phone', 'openid', 'unionid'],
});

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
