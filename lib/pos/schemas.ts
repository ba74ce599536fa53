import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

export const storeIdSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2 to 40 lower-case letters, digits and dashes'),
      z.describe("A store's id, as staff chose it when creating the store"),
    ),
);
export const posKeyIdSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9-]{4,64}$/, 'must be 4 to 64 letters, digits and dashes'),
      z.describe("A POS key's id, the X-Pos-Key of its requests"),
    ),
);

export const storeNameSchema = lazySchema(() =>
  z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(80), z.describe("The store's name as staff read it")),
);

export const storeSchema = lazySchema(() =>
  z.object({
    storeId: z.string(),
    name: z.string(),
    active: z
      .boolean()
      .check(z.describe('false once deactivated: its POS keys stop working and no key is issued for it')),
    createdAt: z.string(),
    deactivatedAt: z.optional(z.string().check(z.describe('When the store was deactivated'))),
  }),
);
export type Store = z.infer<typeof storeSchema>;
/** A store in the audit trail (`store:<id>`): its name is the mall's, shown as it is. */
export const storeAuditSubject = defineAuditSubject('store');

/** A POS key as staff see it: its state and dates, never its secret. */
export const posKeyViewSchema = lazySchema(() =>
  z.object({
    keyId: z.string().check(z.describe('Sent as X-Pos-Key')),
    storeId: z.string(),
    state: z
      .enum(['active', 'rotating', 'expired', 'revoked'])
      .check(
        z.describe(
          'active: in use; rotating: replaced by rotatedTo, still working until validUntil; expired: its grace period is over; revoked: stopped by staff',
        ),
      ),
    createdAt: z.string(),
    validUntil: z.optional(
      z.string().check(z.describe('For a rotated key: when it stops (or stopped) working')),
    ),
    rotatedTo: z.optional(z.string().check(z.describe('The key that replaced this one'))),
    revokedAt: z.optional(z.string().check(z.describe('When staff revoked it'))),
  }),
);
export type PosKeyView = z.infer<typeof posKeyViewSchema>;
