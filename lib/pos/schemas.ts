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

export const storeSchema = lazySchema(() =>
  z.object({ storeId: z.string(), name: z.string(), createdAt: z.string() }),
);
export type Store = z.infer<typeof storeSchema>;
/** A store in the audit trail (`store:<id>`): its name is the mall's, shown as it is. */
export const storeAuditSubject = defineAuditSubject('store');
